"""Airlift surges: military transport movements at a site against the site's own baseline."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sitrep.geo.gazetteer import read_sites
from sitrep.records import Airframe, FlightMovement, Skipped
from sitrep.sources.flightlists import read_aircraft_registry, read_flight_list
from sitrep.sources.flights import read_state_vectors
from sitrep.store.plover import event_record
from sitrep.tracks.aircraft import classify_aircraft, load_aircraft_tables
from sitrep.tracks.airfields import load_airfields
from sitrep.tracks.airlift import (
    Airlift,
    airlift_events,
    coverage_of,
    group_movements,
    surge_confidence,
)
from sitrep.tracks.movements import attach_flight_info, detect_movements, movement_id

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "sitrep" / "data" / "samples" / "flights"


@pytest.fixture(scope="module")
def airfields():
    return load_airfields()


@pytest.fixture(scope="module")
def sites():
    return read_sites()


@pytest.fixture(scope="module")
def tables():
    registry = [a for a in read_aircraft_registry(SAMPLES / "aircraft.csv") if isinstance(a, Airframe)]
    return load_aircraft_tables(registry={a.icao24: a for a in registry})


@pytest.fixture(scope="module")
def sample_airlifts(airfields, sites, tables) -> list[Airlift]:
    """The bundled Syria tracks and flight list, from files to surges."""
    classify = functools.partial(classify_aircraft, tables=tables)
    items = detect_movements(read_state_vectors(SAMPLES / "states_syria_2024-11-14_2025-01-05.csv"), airfields, classify)
    moves = [m for m in items if isinstance(m, FlightMovement)]
    flights = [f for f in read_flight_list(SAMPLES / "flights_syria_2024-11-14_2025-01-05.json", known_airports=airfields)
               if not isinstance(f, Skipped)]
    moves = list(attach_flight_info(moves, flights, classify))
    found = airlift_events(group_movements(moves, tables=tables), sites=sites, coverage=coverage_of(moves),
                           tables=tables, airfields=airfields)
    assert not any(isinstance(a, Skipped) for a in found)
    return [a for a in found if isinstance(a, Airlift)]


def test_sample_surges_are_the_december_airlift(sample_airlifts):
    assert [(a.event.place.site_id, a.event.date.isoformat()) for a in sample_airlifts] == [
        ("hmeimim", "2024-12-09"),  # the first rotations after Damascus fell, just at the threshold
        ("hmeimim", "2024-12-14"), ("hmeimim", "2024-12-15"), ("qamishli-airport", "2024-12-15"),
        ("hmeimim", "2024-12-16")]


def test_the_sunday_surge_at_hmeimim(sample_airlifts):
    airlift = next(a for a in sample_airlifts if a.event.place.site_id == "hmeimim" and a.event.date.day == 15)
    event, report = airlift.event, airlift.report
    assert event.event_text.startswith(
        "18 Russian military transport movements at Hmeimim Air Base on 2024-12-15 (Il-76 x16, An-124 x2) "
        "against a 28-day baseline of ")
    assert (event.event, event.posture, event.mode, event.date_precision) == ("MOBILIZE", "airlift", "airlift", "day")
    assert (event.attribution.kind, event.attribution.provider) == ("flight-tracking", "OpenSky Network")
    assert [(a.code, a.entity_text) for a in event.actor] == [("RUS", "Russian Aerospace Forces")]
    assert (event.place.resolution, event.place.site_id) == ("site", "hmeimim")
    assert 0.4 <= event.confidence <= 0.9 and airlift.count >= airlift.threshold
    assert report.text[event.start:event.end] == event.event_text and event.report_id == report.id
    assert report.text[event.place.start:event.place.end] == "Hmeimim Air Base"
    assert all(f"[movement {mid}]" in report.text for mid in airlift.movement_ids)
    assert "An-124" in report.text and "to UUMU" in report.text
    assert report.origin == "airlift/hmeimim/2024-12-15/RUS"  # stable: a rerun with more tracks replaces it
    assert report.text.rstrip().endswith("states_syria_2024-11-14_2025-01-05.csv")
    assert airlift.landings + airlift.takeoffs == airlift.count


def test_the_smaller_surge_at_qamishli_is_at_the_floor(sample_airlifts):
    airlift = next(a for a in sample_airlifts if a.event.place.site_id == "qamishli-airport")
    assert (airlift.count, airlift.threshold, airlift.event.confidence) == (4, 4, 0.4)


def test_airlift_records_validate_against_the_event_schema(sample_airlifts, event_validator):
    for airlift in sample_airlifts:
        errors = list(event_validator.iter_errors(event_record(airlift.event, airlift.report)))
        assert errors == []


START = date(2024, 11, 1)


def moves_at(site_code: str, site_id: str, day: date, n: int, *, callsign: str = "RCH101",
             military: bool = True, seed: str = "") -> list[FlightMovement]:
    out = []
    for k in range(n):
        at = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=k * 86_000 // max(n, 1))
        kind = "landing" if k % 2 == 0 else "takeoff"
        icao24 = f"{(hash((seed, day, k)) & 0xFFFFF) | 0xA00000:06x}"
        out.append(FlightMovement(movement_id(icao24, kind, site_code, at), icao24, callsign, kind, at, site_code,
                                  site_id, 37.0, 35.4, "C17" if military else "A320",
                                  "US Air Mobility Command (REACH)" if military else None, military, "t.csv#row-1"))
    return out


def busy_field(days: int, military: int, civil: int, last_day_military: int) -> list[FlightMovement]:
    moves = []
    for k in range(days):
        day = START + timedelta(days=k)
        n = last_day_military if k == days - 1 else military
        moves += moves_at("LTAG", "incirlik", day, n) + moves_at("LTAG", "incirlik", day, civil, military=False,
                                                                callsign="THY7", seed="civil")
    return moves


def surges(moves, sites, tables, **kwargs) -> list:
    coverage = kwargs.pop("coverage", coverage_of(moves))
    return airlift_events(group_movements(moves, tables=tables), sites=sites, coverage=coverage, tables=tables, **kwargs)


def test_a_busy_field_on_a_normal_day_is_no_surge(sites, tables):
    # Incirlik: 8 US transport movements and 300 civil ones a day; 12 on the last day is routine.
    assert surges(busy_field(29, 8, 300, 12), sites, tables) == []


def test_three_times_the_usual_is_a_surge(sites, tables):
    (airlift,) = surges(busy_field(29, 8, 10, 30), sites, tables)
    assert (airlift.count, airlift.baseline, airlift.threshold) == (30, 8.0, 24)
    assert airlift.event.actor[0].code == "USA"
    assert airlift.event.event_text.startswith("30 US military transport movements at Incirlik Air Base")


def test_no_judgement_without_a_week_of_history(sites, tables):
    moves = busy_field(5, 0, 0, 0) + moves_at("LTAG", "incirlik", START + timedelta(days=5), 10)
    assert surges(moves, sites, tables) == []  # five quiet days are not a baseline yet
    assert len(surges(moves, sites, tables, coverage=(START - timedelta(days=10), START + timedelta(days=5)))) == 1


def test_an_absurd_count_is_an_error_naming_the_site_and_day(sites, tables):
    day = START + timedelta(days=10)
    (skipped,) = surges(busy_field(10, 1, 0, 1) + moves_at("LTAG", "incirlik", day, 600), sites, tables)
    assert skipped == Skipped(f"airlift incirlik {day}", "600 military transport movements in one day is more than "
                                                         "any airfield handles; duplicated input?")


def test_the_same_landing_from_a_track_and_a_flight_list_counts_once(tables):
    (move,) = moves_at("LTAG", "incirlik", START, 1)
    from_list = FlightMovement(movement_id(move.icao24, "landing", "LTAG", move.at + timedelta(minutes=12)),
                               move.icao24, move.callsign, "landing", move.at + timedelta(minutes=12), "LTAG",
                               "incirlik", 37.0, 35.4, "C17", move.operator, True, "flights.json#flight-1", "ETAR")
    (group,) = group_movements([move, from_list], tables=tables).values()
    assert len(group) == 1 and group[0].other_end == "ETAR"


def test_an_incremental_run_judges_only_the_new_days(sites, tables):
    moves = busy_field(29, 2, 0, 20)
    last = START + timedelta(days=28)
    assert [a.event.date for a in surges(moves, sites, tables, days=[last])] == [last]
    assert surges(moves, sites, tables, days=[last - timedelta(days=1)]) == []


@pytest.mark.parametrize(("count", "threshold", "confidence"), [(4, 4, 0.4), (8, 4, 0.65), (16, 4, 0.9), (99, 4, 0.9)])
def test_confidence_grows_with_the_margin(count, threshold, confidence):
    assert surge_confidence(count, threshold) == confidence
