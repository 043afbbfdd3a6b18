"""Closed vocabularies of the event record and the read side, as string enums.

The values are the strings stored and served (data/event.schema.json), so a member compares equal
to its string and serialises as it: code that still passes plain strings keeps working.
"""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    """PLOVER event categories (the codebook sitrep codes to; see extract/lexicon.py)."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class Posture(StrEnum):
    """What a force-posture event says of a force at a place (airlift: a surge of transports)."""

    ARRIVING = "arriving"
    PRESENT = "present"
    DEPARTING = "departing"
    DEPARTED = "departed"
    AIRLIFT = "airlift"


class DatePrecision(StrEnum):
    """How exactly an event's date is known."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    PERIOD = "period"


class Resolution(StrEnum):
    """What an event's place was resolved to, from the most to the least precise."""

    SITE = "site"
    CITY = "city"
    DISTRICT = "district"
    PROVINCE = "province"
    COUNTRY = "country"
    REGION = "region"


class EvidenceKind(StrEnum):
    """Who or what an event's claim rests on (the attribution kind)."""

    OBSERVATORY = "observatory"
    IMAGERY = "imagery"
    SIGHTING = "sighting"
    OFFICIAL = "official"
    MEDIA = "media"
    FLIGHT_TRACKING = "flight-tracking"
    DATASET = "dataset"  # a row of an external conflict dataset (ACLED, UCDP GED): fuse/external.py
    GEOLOCATED = "geolocated"  # a geolocated footage feature (GeoConfirmed, CIR, Bellingcat)


class SiteState(StrEnum):
    """A site's status for a force (fuse/status.py: `sitrep.status.v1`); unknown without evidence."""

    PRESENT = "present"
    DRAWING_DOWN = "drawing down"
    VACATED = "vacated"
    RETURNED = "returned"
    UNKNOWN = "unknown"
