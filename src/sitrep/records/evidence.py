"""Records of structured evidence: imagery observations, flight-track rows, flight lists, aircraft
registries and the landings and take-offs detected from them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

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
