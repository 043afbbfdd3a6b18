"""Aircraft classification: type, operator, military transport."""

from __future__ import annotations

import pytest

from sitrep.records import Airframe
from sitrep.tracks.aircraft import AircraftTables, classify_aircraft, load_aircraft_tables


@pytest.fixture(scope="module")
def tables() -> AircraftTables:
    return load_aircraft_tables(registry={"15a1a0": Airframe("15a1a0", "IL76", "RFF")})


@pytest.mark.parametrize(("icao24", "callsign", "type_code", "expected"), [
    # A Russian Air Force callsign with no type: a transport ("likely": fighters do not file callsigns).
    ("150001", "RFF7601", None, (None, "Russian Aerospace Forces", True)),
    ("150001", "RFF7601 ", "IL76", ("IL76", "Russian Aerospace Forces", True)),
    # An Il-76 of a civil cargo airline is not a military transport.
    ("150002", "VDA4231", "IL76", ("IL76", None, False)),
    # A type only air forces fly is one, whoever the callsign says it is.
    ("ae1234", None, "C17", ("C17", "US military (DoD address block)", True)),
    # A military block with no type: too many fighters and tankers in it to say.
    ("ae1234", None, None, (None, "US military (DoD address block)", False)),
    ("3c1234", "GAF680", "A321", ("A321", "German Air Force", False)),  # not a transport type in the table
    ("4b1234", "RCH385", None, (None, "US Air Mobility Command (REACH)", True)),
    ("4b1234", "TUAF583", None, (None, "Turkish Air Force", True)),  # a four-letter prefix
    ("3c5555", "DLH4TR", None, (None, None, False)),
    ("150003", "RSD001", "IL96", ("IL96", "Rossiya Special Flight Detachment", False)),  # state VIP flight
])
def test_classify(tables, icao24, callsign, type_code, expected):
    assert tuple(classify_aircraft(icao24, callsign, type_code, tables=tables)) == expected


def test_a_registry_gives_the_type_and_operator_of_a_silent_callsign(tables):
    assert classify_aircraft("15a1a0", None, tables=tables) == ("IL76", "Russian Aerospace Forces", True)


def test_tables_name_the_country_of_an_operator(tables):
    operator = tables.operator_named("Russian Aerospace Forces")
    assert operator is not None and (operator.country_code, operator.nationality) == ("RUS", "Russian")
    assert tables.types["A124"].name == "Antonov An-124 Ruslan"
