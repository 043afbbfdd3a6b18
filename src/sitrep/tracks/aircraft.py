"""Aircraft classification for flight movements: type, operator and whether it is a military
transport, from the shipped tables (data/aircraft.csv, data/aircraft_operators.csv) and an
optional registry of airframes (icao24 -> type, operator code).

OpenSky state vectors carry no aircraft type. The type comes from the caller (a flight list or a
registry); the operator from the callsign prefix ("RFF7601" -> RFF) or a military address block.
A military operator whose callsigns are used for transport flights counts as a military transport
even when the type is unknown ("likely": fighters rarely transmit a callsign at all).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import NamedTuple

from sitrep.records import Airframe

CALLSIGN_PREFIX = re.compile(r"^([A-Z]{3,4})(?=\d|$)")


@dataclass(frozen=True)
class AircraftType:
    designator: str  # ICAO type designator
    name: str
    role: str
    military_only: bool  # no civil operator flies it under this designator
    certainty: str  # sure, likely, uncertain


@dataclass(frozen=True)
class Operator:
    key: str  # callsign prefix, or "lo-hi" icao24 range in hex
    name: str
    country_code: str  # ISO 3166 alpha-3
    nationality: str  # adjective for texts: "Russian"
    military: bool
    transport: bool  # its callsigns are mostly used on transport flights
    certainty: str


class Classification(NamedTuple):
    aircraft_type: str | None
    operator: str | None
    military_transport: bool


@dataclass(frozen=True)
class AircraftTables:
    types: Mapping[str, AircraftType]
    callsigns: Mapping[str, Operator]
    blocks: tuple[tuple[int, int, Operator], ...]
    registry: Mapping[str, Airframe] = field(default_factory=dict)

    def operator_named(self, name: str | None) -> Operator | None:
        """The operator record behind a movement's operator name."""
        for operator in (*self.callsigns.values(), *(b[2] for b in self.blocks)):
            if operator.name == name:
                return operator
        return None


def load_aircraft_tables(*, registry: Mapping[str, Airframe] | None = None) -> AircraftTables:
    """The shipped type and operator tables, with an optional registry of airframes."""
    data = resources.files("sitrep") / "data"
    types = {row["designator"]: AircraftType(row["designator"], row["name"], row["role"],
                                             row["military_only"] == "yes", row["certainty"])
             for row in _rows(data.joinpath("aircraft.csv").read_text(encoding="utf-8"))}
    callsigns: dict[str, Operator] = {}
    blocks: list[tuple[int, int, Operator]] = []
    for row in _rows(data.joinpath("aircraft_operators.csv").read_text(encoding="utf-8")):
        operator = Operator(row["key"], row["operator"], row["country_code"], row["nationality"],
                            row["military"] == "yes", row["transport"] == "yes", row["certainty"])
        if row["match"] == "callsign":
            callsigns[row["key"]] = operator
        else:
            lo, hi = row["key"].split("-")
            blocks.append((int(lo, 16), int(hi, 16), operator))
    return AircraftTables(types, callsigns, tuple(blocks), dict(registry or {}))


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def classify_aircraft(icao24: str, callsign: str | None, aircraft_type: str | None = None, *,
                      tables: AircraftTables) -> Classification:
    """(type, operator, military transport?) of one aircraft.

    A known type counts when it is a transport type flown by a military operator, or a type only
    militaries fly; a civil-capable type (Il-76, An-124) with no military operator does not. An
    unknown type counts when the operator's callsigns are used for transport flights.
    """
    airframe = tables.registry.get(icao24)
    type_code = (aircraft_type or (airframe.aircraft_type if airframe else None) or "").upper() or None
    operator = operator_of(icao24, callsign, tables=tables)
    if operator is None and airframe and airframe.operator_code:
        operator = tables.callsigns.get(airframe.operator_code)
    known = tables.types.get(type_code) if type_code else None
    if type_code is not None:
        military = known is not None and (known.military_only or (operator is not None and operator.military))
    else:
        military = operator is not None and operator.military and operator.transport
    return Classification(type_code, operator.name if operator else None, military)


def operator_of(icao24: str, callsign: str | None, *, tables: AircraftTables) -> Operator | None:
    """The operator from the callsign prefix, else from a military address block."""
    match = CALLSIGN_PREFIX.match((callsign or "").strip().upper())
    if match:
        prefix = match.group(1)
        operator = tables.callsigns.get(prefix) or tables.callsigns.get(prefix[:3])
        if operator is not None:
            return operator
    try:
        address = int(icao24, 16)
    except ValueError:
        return None
    return next((op for lo, hi, op in tables.blocks if lo <= address <= hi), None)
