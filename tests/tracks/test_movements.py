"""Landings and take-offs from state vectors (streaming detector) and from flight lists."""

from __future__ import annotations

import functools
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sitrep.bench.flightsim import (
    HEADER,
    PROFILES,
    Coverage,
    Field,
    Plan,
    bench_rows,
    sample_flight,
)
from sitrep.geo.resolve import haversine_km
from sitrep.records import Flight, FlightMovement, Skipped, StateVector
from sitrep.sources.flights import read_state_vectors
from sitrep.tracks.aircraft import classify_aircraft, load_aircraft_tables
from sitrep.tracks.airfields import load_airfields
from sitrep.tracks.movements import (
    GAP_S,
    MovementDetector,
    attach_flight_info,
    dedupe_movements,
    detect_movements,
    movement_id,
    movements_from_flights,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "flights"
HMEIMIM = Field("OSLK", 35.4011, 35.9487, 48.0, 174.0)
QAMISHLI = Field("OSKL", 37.0206, 41.1914, 451.0, 60.0)
T0 = 1734238800.0  # 2024-12-15T05:00Z


@pytest.fixture(scope="module")
def airfields():
    return load_airfields()


@pytest.fixture(scope="module")
def classify():
    return functools.partial(classify_aircraft, tables=load_aircraft_tables())


@pytest.fixture
def detect(airfields, classify):
    """detect(path) -> (movements, skipped) of one state-vector file."""

    def _detect(path: Path) -> tuple[list[FlightMovement], list[Skipped]]:
        items = list(detect_movements(read_state_vectors(path), airfields, classify))
        return [i for i in items if isinstance(i, FlightMovement)], [i for i in items if isinstance(i, Skipped)]

    return _detect


def il76_track(tmp_path: Path, coverage: Coverage = Coverage(), *, seed: int = 1, edit=None) -> Path:
    """A generated Il-76 flight Qamishli -> Hmeimim as an OpenSky CSV (`edit` rewrites rows)."""
    plan = Plan("15a1a0", "RFF7601", PROFILES["IL76"], QAMISHLI, HMEIMIM, T0, 60.0, 354.0)
    rows = [line for _, line in sample_flight(plan, coverage, random.Random(seed))]
    path = tmp_path / "il76.csv"
    path.write_text("\n".join([HEADER, *(edit(rows) if edit else rows)]) + "\n", encoding="utf-8")
    return path


def without_onground(rows: list[str]) -> list[str]:
    return [",".join(c if i != 8 else "" for i, c in enumerate(r.split(","))) for r in rows]


def without_cruise(rows: list[str]) -> list[str]:
    """A 40-minute hole in the middle (no receivers over the desert)."""
    middle = int(rows[len(rows) // 2].split(",")[0])
    return [r for r in rows if abs(int(r.split(",")[0]) - middle) > 1200]


@pytest.mark.parametrize(("coverage", "edit"), [
    (Coverage(), None),
    (Coverage(), without_onground),  # the altitude rule: crossing 300 m over the field
    (Coverage(flicker=0.05), None),  # one sample in twenty has the wrong on-ground flag
    (Coverage(floor_m=300.0), None),  # remote fields: nothing below 300 m, the track's ends tell
    (Coverage(step_s=5.0, dropout=0.3), None),
    (Coverage(), without_cruise),
])
def test_an_il76_takes_off_at_qamishli_and_lands_at_hmeimim(tmp_path, detect, coverage, edit):
    moves, skipped = detect(il76_track(tmp_path, coverage, edit=edit))
    assert skipped == []
    assert [(m.kind, m.airfield, m.site_id) for m in moves] == [
        ("takeoff", "OSKL", "qamishli-airport"), ("landing", "OSLK", "hmeimim")]
    assert all(m.callsign == "RFF7601" and m.military_transport and m.operator == "Russian Aerospace Forces"
               for m in moves)
    takeoff, landing = moves
    assert 0 < (takeoff.at.timestamp() - T0) < 600  # taxi and roll take a few minutes
    assert takeoff.origin.startswith(str(tmp_path / "il76.csv#row-"))


def vector(t: float, lat: float, lon: float, alt: float, onground: bool | None, speed: float, *, icao24: str = "15a1a0",
           vertrate: float | None = None, row: int = 0) -> StateVector:
    return StateVector(t, icao24, lat, lon, speed, 354.0, vertrate, "RFF7601", onground, alt, None, "test.csv", row)


def test_a_touch_and_go_is_no_movement(airfields, classify):
    approach = [vector(T0 + 10 * k, 35.30 + 0.006 * k, 35.95, 400 - 20 * k, False, 72) for k in range(15)]
    touch = [vector(T0 + 150 + 10 * k, 35.39 + 0.006 * k, 35.95, 48, True, 70) for k in range(2)]
    away = [vector(T0 + 170 + 10 * k, 35.41 + 0.007 * k, 35.95, 80 + 60 * k, False, 80) for k in range(20)]
    assert list(detect_movements(approach + touch + away, airfields, classify)) == []


def test_real_takeoff_and_landing_at_zurich(detect):
    (takeoff,), _ = detect(DATA / "zurich_takeoff.csv.gz")
    (landing,), _ = detect(DATA / "zurich_landing.csv.gz")  # no on-ground flag; the track ends on final
    assert (takeoff.kind, takeoff.airfield, takeoff.callsign) == ("takeoff", "LSZH", "AFR181L")
    assert (landing.kind, landing.airfield, landing.callsign) == ("landing", "LSZH", "DLH4TR")
    assert not takeoff.military_transport and takeoff.site_id is None


def test_a_five_hour_sightseeing_flight_is_one_takeoff_and_one_landing(detect):
    moves, _ = detect(DATA / "belevingsvlucht.csv.gz")  # low passes over the Netherlands in between
    assert [(m.kind, m.airfield) for m in moves] == [("takeoff", "EHAM"), ("landing", "EHAM")]


def test_noisy_ground_tracks_keep_their_movements_and_name_position_jumps(detect):
    moves, skipped = detect(DATA / "zurich_ground.csv.gz")
    assert moves and {m.airfield for m in moves} == {"LSZH"}
    per_aircraft: dict[str, list[str]] = {}
    for m in moves:
        per_aircraft.setdefault(m.icao24, []).append(m.kind)
    assert all(k1 != k2 for kinds in per_aircraft.values() for k1, k2 in zip(kinds, kinds[1:], strict=False))
    jump = skipped[0]
    assert "#row-" in jump.origin and jump.reason.startswith("icao24 4b17fd: position jumps")
    assert jump.reason.endswith("row dropped")


def test_an_idle_aircraft_is_forgotten_and_its_landing_kept(airfields, classify):
    detector = MovementDetector(airfields, classify)
    found = []
    for k in range(6):  # on final, then on the runway; the receiver loses it while it rolls out
        found += detector.feed(vector(T0 + 10 * k, 35.35 + 0.008 * k, 35.95, 200 - 40 * k, k >= 4, 70))
    assert found == [] and detector.live == 1
    found += detector.feed(vector(T0 + 2 * GAP_S, 50.0, 8.0, 10_000, False, 230, icao24="3c6444"))
    assert [(m.kind, m.airfield, m.icao24) for m in found] == [("landing", "OSLK", "15a1a0")]
    assert detector.live == 1


def test_detector_memory_stays_bounded_on_a_long_stream(airfields, classify):
    detector = MovementDetector(airfields, classify)
    fields = [Field(a.code, a.lat, a.lon, a.elevation_m or 0.0, 90.0)
              for a in airfields if a.iata and 40 < a.lat < 52 and 0 < a.lon < 20]
    seen: set[str] = set()
    most = 0
    for line in bench_rows(100_000, fields, live=40):
        cells = line.split(",")
        s = vector(float(cells[0]), float(cells[2]), float(cells[3]), float(cells[12]), cells[8] == "true",
                   float(cells[4]), icao24=cells[1])
        seen.add(s.icao24)
        detector.feed(s)
        most = max(most, detector.live)
    assert most <= 80  # about 40 in the air, plus those on the ground or idle for less than GAP_S
    assert len(seen) > 3 * most  # many more aircraft passed through than were ever held
    assert detector.stats.movements > 100


def test_an_earlier_sample_from_another_file_is_counted_not_used(airfields, classify):
    detector = MovementDetector(airfields, classify)
    detector.feed(vector(T0 + 100, 36.0, 36.5, 9000, False, 220))
    assert detector.feed(vector(T0 + 50, 36.0, 36.4, 9000, False, 220)) == []
    assert detector.stats.out_of_order == 1


def flight(**changes) -> Flight:
    values = dict(icao24="15a1a0", callsign="RFF7601", first_seen=datetime(2024, 12, 15, 5, 3, tzinfo=UTC),
                  last_seen=datetime(2024, 12, 15, 6, 40, tzinfo=UTC), departure="OSKL", arrival="OSLK",
                  aircraft_type="IL76", origin="flights.json#flight-1")
    values.update(changes)
    return Flight(**values)


def test_a_flight_list_gives_both_ends_with_the_other_end(airfields, classify):
    moves = list(movements_from_flights([flight(), Skipped("flights.json#flight-2", "bad")], airfields, classify))
    assert isinstance(moves[-1], Skipped)
    takeoff, landing = moves[:2]
    assert (takeoff.kind, takeoff.airfield, takeoff.other_end, takeoff.at.hour) == ("takeoff", "OSKL", "OSLK", 5)
    assert (landing.kind, landing.site_id, landing.other_end, landing.aircraft_type) == ("landing", "hmeimim", "OSKL", "IL76")


def test_a_flight_with_an_unknown_end_gives_the_known_one_only(airfields, classify):
    moves = list(movements_from_flights([flight(departure=None)], airfields, classify))
    assert [(m.kind, m.other_end) for m in moves] == [("landing", None)]


def test_track_movements_get_the_other_end_and_type_from_the_flight_list(tmp_path, detect, classify):
    moves, _ = detect(il76_track(tmp_path))
    enriched = list(attach_flight_info(moves, [flight(), flight(icao24="15a1a1")], classify))
    assert [(m.kind, m.other_end, m.aircraft_type) for m in enriched] == [
        ("takeoff", "OSLK", "IL76"), ("landing", "OSKL", "IL76")]
    late = flight(first_seen=datetime(2024, 12, 15, 9, 0, tzinfo=UTC), last_seen=datetime(2024, 12, 15, 11, 0, tzinfo=UTC))
    assert [m.other_end for m in attach_flight_info(moves, [late], classify)] == [None, None]


def test_movement_ids_round_to_the_minute():
    at = datetime(2024, 12, 15, 6, 40, 10, tzinfo=UTC)
    assert movement_id("15a1a0", "landing", "OSLK", at) == movement_id("15a1a0", "landing", "OSLK", at.replace(second=25))
    assert movement_id("15a1a0", "landing", "OSLK", at) != movement_id("15a1a0", "takeoff", "OSLK", at)
    assert len(movement_id("15a1a0", "landing", "OSLK", at)) == 20


def test_each_movement_can_carry_its_track_near_the_airfield(tmp_path, airfields, classify):
    paths: dict[str, tuple[tuple[float, float], ...]] = {}
    moves = list(detect_movements(read_state_vectors(il76_track(tmp_path)), airfields, classify, paths=paths))
    assert set(paths) == {m.id for m in moves}
    for move in moves:
        points = paths[move.id]
        assert len(points) >= 10
        assert all(haversine_km(lat, lon, move.lat, move.lon) < 15 for lon, lat in points)


def test_a_landing_in_a_track_and_a_flight_list_is_kept_once_with_the_tracks_time(airfields, classify, tmp_path, detect):
    moves, _ = detect(il76_track(tmp_path))
    listed = list(movements_from_flights([flight(last_seen=moves[1].at + timedelta(minutes=10))], airfields, classify))
    merged = dedupe_movements(listed + moves)
    assert [(m.kind, m.origin.split("#")[1][:4], m.other_end) for m in merged] == [
        ("takeoff", "row-", "OSLK"), ("landing", "row-", "OSKL")]
