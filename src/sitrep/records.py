"""Typed records passed between stages: Report -> Mention/Place -> Event."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple


@dataclass(frozen=True)
class Report:
    """One document as read by a source reader, before any NLP."""

    id: str  # sha256 of the normalised text: the idempotence key
    text: str
    origin: str  # file path, with "#entry-N" / "#line-N" for feed entries and jsonl lines
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime.date | None = None
    language: str | None = None


@dataclass(frozen=True)
class ReportDefaults:
    """Values given on the command line; they apply to every report of the run."""

    published: datetime.date | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class TextFile:
    """A plain-text file as read for geoparsing (UTF-8; offsets index this text)."""

    path: str
    text: str


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, with a one-line reason."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Actor:
    entity_text: str
    code: str | None  # ISO 3166 alpha-3, or None when unknown
    sector: str | None  # MIL, GOV, REB, ...


@dataclass(frozen=True)
class Site:
    """A known military site from the curated table."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    operator: str
    country_code: str
    lat: float
    lon: float
    coord_source: str


@dataclass(frozen=True)
class Place:
    """A resolved toponym; `resolution` says how precise the point is."""

    extracted_place: str
    resolved_place: str
    lat: float
    lon: float
    country_code: str | None
    feature_code: str
    resolution: str  # site, city, district, province, country (region: a continent or vague area)
    start: int = -1
    end: int = -1
    site_id: str | None = None


@dataclass(frozen=True)
class ToponymMention:
    """A place name found in a text, with the cues around it that resolution reads."""

    text: str
    start: int = -1  # character offsets in the report text
    end: int = -1
    cue: str | None = None  # words next to it that say what kind of place: "airport", "county", "town of"
    qualifier: str | None = None  # a larger place named right after it: "Alexandria, Louisiana"


@dataclass(frozen=True)
class Toponym:
    """A recognised place name and the place it was resolved to (None when the gazetteer has none).

    `role` says how the text uses it: "place" (where something is or happens), "source" (where a
    source sits: "a monitor based in Geneva") or "metonym" (a capital standing for its government).
    """

    text: str
    start: int
    end: int
    place: Place | None
    role: str = "place"


@dataclass(frozen=True)
class Attribution:
    source: str | None
    kind: str  # observatory, imagery, sighting, official, media, flight-tracking
    provider: str | None


@dataclass(frozen=True)
class Event:
    """One event at one place, extracted from one sentence of one report."""

    id: str
    report_id: str
    event: str  # PLOVER category, upper case
    mode: str | None
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    date: datetime.date | None
    enddate: datetime.date | None
    date_precision: str | None  # day, week, month, year
    place: Place | None
    posture: str | None  # arriving, present, departing, departed
    attribution: Attribution | None
    confidence: float
    event_text: str
    sequence: int  # sentence number in the report
    start: int  # character offsets of the sentence in the report text
    end: int
    trigger: str


def content_id(text: str) -> str:
    """The sha256 of a text with whitespace collapsed, so re-wrapped copies hash alike."""
    normal = " ".join(text.split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def event_id(report_id: str, start: int, event: str, place: str | None, trigger: str) -> str:
    """A deterministic event id: a rerun on the same report yields the same ids."""
    key = f"{report_id}|{start}|{event}|{place or ''}|{trigger}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


# --- Structured evidence (imagery observations, flight tracks) -------------------------------

OBJECT_CLASSES = ("transport_aircraft", "helicopter", "fighter", "vehicle", "ship", "air_defence")


@dataclass(frozen=True)
class Observation:
    """One satellite-imagery observation: what an analyst counted on one image of one place."""

    id: str  # sha256 of the normalised observation (idempotence key, like Report.id)
    origin: str  # file path with "#feature-N" / "#row-N"
    acquired: datetime.datetime  # image acquisition time (UTC)
    provider: str  # Maxar, Planet, Airbus, ...
    lat: float  # point, or the polygon's centroid
    lon: float
    footprint: tuple[tuple[float, float], ...] | None  # polygon ring as (lon, lat), None for a point
    site_id: str | None  # a known site, given or resolved from the point
    counts: dict[str, int]  # OBJECT_CLASSES -> count; a class absent was not counted (not zero)
    note: str | None = None
    image_id: str | None = None
    url: str | None = None
    analyst: str | None = None  # who counted (outlet or analyst name)


@dataclass(frozen=True)
class FlightMovement:
    """A landing or take-off of one aircraft at a known airfield, detected from tracks or lists."""

    id: str  # sha256 of (icao24, kind, airfield, time rounded to the minute)
    icao24: str  # 24-bit transponder address, lower-case hex
    callsign: str | None
    kind: str  # "landing" or "takeoff"
    at: datetime.datetime  # UTC
    airfield: str  # ICAO airport code or site id
    site_id: str | None  # the known military site at that airfield, if any
    lat: float
    lon: float
    aircraft_type: str | None  # ICAO type designator: IL76, A124, C17, ...
    operator: str | None  # e.g. "Russian Aerospace Forces"
    military_transport: bool
    origin: str  # file path with "#row-N"
    other_end: str | None = None  # departure (for a landing) or arrival (for a take-off) airfield, when known


class StateVector(NamedTuple):
    """One position report of one aircraft (SI units; None where the source has no value).

    A NamedTuple rather than a dataclass: ten million of these are made per benchmark run and a
    tuple is built about three times faster.
    """

    time: float  # Unix seconds, UTC
    icao24: str  # lower-case hex
    lat: float
    lon: float
    velocity: float | None  # ground speed, m/s
    heading: float | None  # degrees
    vertrate: float | None  # m/s
    callsign: str | None
    onground: bool | None
    baroaltitude: float | None  # m
    geoaltitude: float | None  # m
    source: str  # the file (shared string: no per-row cost)
    row: int  # data row (CSV, header excluded), state index (JSON) or line (JSON Lines)


@dataclass(frozen=True)
class Flight:
    """One flight of a flight list: first and last seen, estimated departure and arrival."""

    icao24: str
    callsign: str | None
    first_seen: datetime.datetime
    last_seen: datetime.datetime
    departure: str | None  # ICAO code, None when unknown
    arrival: str | None
    aircraft_type: str | None
    origin: str  # file#flight-N


@dataclass(frozen=True)
class Airframe:
    """One aircraft of a registry: what its transponder address says it is."""

    icao24: str
    aircraft_type: str | None
    operator_code: str | None  # callsign prefix of the operator, e.g. RFF


# --- Inputs and the ingest tally ---------------------------------------------------------------


class InputKind(StrEnum):
    """What an input file holds, decided once by `sitrep.sources.kinds.input_kind`."""

    TEXT = "text"  # a report (txt, md, html, feed, jsonl): the text pipeline
    IMAGERY = "imagery"  # satellite-imagery observations (GeoJSON or CSV)
    STATES = "states"  # OpenSky state vectors
    FLIGHTS = "flights"  # a flight list
    REGISTRY = "registry"  # an aircraft registry (types and operators by transponder address)


FLIGHT_KINDS = frozenset({InputKind.STATES, InputKind.FLIGHTS, InputKind.REGISTRY})


@dataclass(frozen=True)
class InputFile:
    path: Path
    kind: InputKind


@dataclass
class IngestSummary:
    """What an ingest stored: text reports, imagery and flight evidence alike."""

    stored: int = 0
    events: int = 0
    already: int = 0
    skipped: int = 0
    movements: int = 0  # new flight movements (landings, take-offs)
    movements_known: int = 0  # movements already stored by an earlier run
    interrupted: bool = False

    def add(self, other: IngestSummary) -> None:
        """Adds another part's tally (an imagery or flight file) to this run's."""
        for name in ("stored", "events", "already", "skipped", "movements", "movements_known"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def ok(self) -> bool:
        """True when anything could be ingested (new or already stored)."""
        return self.stored + self.already + self.movements + self.movements_known > 0
