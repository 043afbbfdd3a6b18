"""Records of evidence kept in the community's own formats: geolocated footage (GeoConfirmed KML,
Eyes on Russia GeoJSON, Bellingcat timemap JSON), conflict datasets (ACLED, UCDP GED), thermal
detections (NASA FIRMS), ship positions (AIS) and the port calls detected from them."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple


class EvidenceLayer(StrEnum):
    """The `kind` of an evidence record (`sitrep evidence --kind`, `/api/evidence?kind=`)."""

    GEOLOCATED = "geolocated"  # a geolocated photo or video (footage maps)
    DATASET = "dataset"  # an event record of an external conflict dataset (ACLED, UCDP GED)
    THERMAL = "thermal"  # a satellite thermal-anomaly detection (FIRMS) near a site
    SHIP = "ship"  # a ship's arrival at or departure from a port or naval facility (AIS)
    FLIGHT = "flight"  # a landing or take-off at a known airfield (flight tracks)
    IMAGERY = "imagery"  # a satellite-imagery observation


@dataclass(frozen=True)
class Evidence:
    """One imported record: a footage feature, a dataset row, a detection or a detected movement.

    `id` is derived from the source's own id (or the content when there is none), so importing the
    same record again, from the same or another file, stores nothing new.
    """

    id: str
    kind: EvidenceLayer
    at: datetime.datetime  # UTC; midnight when the source gives only a day
    lat: float
    lon: float
    source: str  # GeoConfirmed, CIR Eyes on Russia, Bellingcat, ACLED, UCDP GED, FIRMS VIIRS, AIS, ...
    origin: str  # file#record-N
    record_id: str | None = None  # the source's own id (event_id_cnty, GED id, feature id, MMSI, ...)
    site_id: str | None = None  # the site within whose radius the point lies
    title: str | None = None
    description: str | None = None
    links: tuple[str, ...] = ()
    category: str | None = None  # the PLOVER category, where the source's type maps honestly
    details: dict[str, Any] = field(default_factory=dict)  # the source's own fields worth keeping


def evidence_id(kind: str, source: str, *parts: object) -> str:
    """The idempotence key of an evidence record: sha256 over its kind, source and key parts."""
    text = "\x1f".join([kind, source, *(str(p) for p in parts)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ShipPosition(NamedTuple):
    """One AIS position report (NMEA or DMA CSV) with what the static reports told of the ship.

    A NamedTuple: ten million are made per benchmark run.
    """

    time: float  # Unix seconds, UTC
    mmsi: int
    lat: float
    lon: float
    sog: float | None  # speed over ground, knots
    name: str | None
    ship_type: int | None  # AIS ship and cargo type (35: military operations)
    callsign: str | None
    source: str  # the file
    row: int  # line (NMEA) or data row (CSV)
