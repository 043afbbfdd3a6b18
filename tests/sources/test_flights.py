"""Flight-track readers: OpenSky state vectors (CSV, REST JSON, JSON Lines), flight lists, registries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.records import Flight, Skipped
from sitrep.sources.flightlists import read_aircraft_registry, read_flight_list
from sitrep.sources.flights import (
    ReadStats,
    StateVector,
    is_flight_list,
    is_state_vector_csv,
    looks_like_opensky_json,
    read_state_vectors,
    sniff_flight_file,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "flights"
SAMPLES = Path(__file__).resolve().parents[2] / "src" / "sitrep" / "data" / "samples" / "flights"
HEADER = ("time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,"
          "geoaltitude,lastposupdate,lastcontact")
GOOD = "1734250000,4b1805,35.40,35.95,80.0,174.0,6.5,RFF7601 ,false,false,false,,120.0,150.0,1734250000,1734250000"


def row(time: int = 1734250000, icao24: str = "4b1805", lat: str = "35.40", **changes: str) -> str:
    cells = dict(zip(HEADER.split(","), GOOD.split(","), strict=True))
    cells.update(time=str(time), icao24=icao24, lat=lat, **changes)
    return ",".join(cells.values())


def states(tmp_path: Path, *rows: str, name: str = "states.csv", **kwargs) -> tuple[list, ReadStats]:
    path = tmp_path / name
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    stats = ReadStats()
    return list(read_state_vectors(path, stats=stats, **kwargs)), stats


# --- state vectors: the layouts --------------------------------------------------------------


def test_real_opensky_csv_is_read_in_si_units():
    stats = ReadStats()
    items = list(read_state_vectors(DATA / "zurich_takeoff.csv.gz", stats=stats))
    assert len(items) == stats.valid == 730 and stats.errors == 0
    first = items[0]
    assert isinstance(first, StateVector)
    assert (first.icao24, first.callsign, first.onground, first.row) == ("3946e4", "AFR181L", True, 1)
    assert first.baroaltitude == pytest.approx(464.8)  # metres (1,525 ft)
    assert first.source.endswith("zurich_takeoff.csv.gz")


def test_a_csv_row_keeps_every_field(tmp_path):
    (vector,), _ = states(tmp_path, GOOD)
    assert vector == StateVector(1734250000.0, "4b1805", 35.40, 35.95, 80.0, 174.0, 6.5, "RFF7601", False, 120.0,
                                 150.0, str(tmp_path / "states.csv"), 1)


def test_rest_json_snapshot(tmp_path):
    snapshot = {"time": 1734250010, "states": [
        ["4b1805", "RFF7601 ", "Russian Federation", 1734250005, 1734250009, 35.95, 35.40, 120.0, False, 80.0, 174.0,
         6.5, None, 150.0, "1234", False, 0],
        ["4b1806", "", "Russian Federation", None, 1734250009, None, None, None, True, 0.0, 0.0, 0.0, None, None,
         None, False, 0],
    ]}
    path = tmp_path / "states.json"
    path.write_text(json.dumps(snapshot), encoding="utf-8")
    stats = ReadStats()
    (vector,) = list(read_state_vectors(path, stats=stats))
    assert (vector.time, vector.lat, vector.lon, vector.callsign, vector.row) == (1734250005, 35.40, 35.95, "RFF7601", 1)
    assert stats.no_position == 1  # a state without a position is common, not an error


def test_json_lines_of_snapshots_and_of_rows(tmp_path):
    snapshot = {"time": 1734250010, "states": [["4b1805", "RFF7601", "RU", 1734250005, 1734250009, 35.95, 35.40,
                                                 120.0, False, 80.0, 174.0, 6.5, None, 150.0, None, False, 0]]}
    flat = dict(zip(HEADER.split(","), GOOD.split(","), strict=True)) | {"time": 1734250020, "lat": 35.41}
    path = tmp_path / "states.jsonl"
    path.write_text(json.dumps(snapshot) + "\n" + json.dumps(flat) + "\n", encoding="utf-8")
    items = list(read_state_vectors(path))
    assert [(v.time, v.lat) for v in items] == [(1734250005, 35.40), (1734250020, 35.41)]
    assert items[1].source.endswith("states.jsonl") and items[1].row == 2


# --- state vectors: bad rows name the record, valid rows are kept -----------------------------


@pytest.mark.parametrize(("bad", "reason"), [
    (row(1734250010, lat="123.4"), "icao24 4b1805: lat 123.4 out of range"),
    (row(1734250010, lat="nan"), "icao24 4b1805: lat nan out of range"),
    (row(1734250010, lon=""), "icao24 4b1805: lon is missing"),
    (row(1734250010, icao24="4b18zz"), "icao24 '4b18zz' is not 6 hex digits"),
    (row(1734250010, velocity="5000"), "icao24 4b1805: velocity 5000 out of range"),
    (row(1734250010, baroaltitude="900000"), "icao24 4b1805: baroaltitude 900000 out of range"),
    (row(1734250010, onground="maybe"), "icao24 4b1805: onground 'maybe' is not true or false"),
    ("17342500x0,4b1805,35.4,35.9", "icao24 4b1805: time '17342500x0' is not a number"),
    (row(99), "icao24 4b1805: time 99 out of range (not a Unix time)"),
])
def test_a_bad_row_is_named_and_the_others_kept(tmp_path, bad, reason):
    items, stats = states(tmp_path, row(1734250000), bad, row(1734250020))
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert skipped == [Skipped(f"{tmp_path / 'states.csv'}#row-2", reason)]
    assert [v.time for v in items if isinstance(v, StateVector)] == [1734250000, 1734250020]
    assert (stats.rows, stats.valid, stats.errors) == (3, 2, 1)


def test_duplicated_timestamps_are_dropped_silently_and_counted(tmp_path):
    items, stats = states(tmp_path, row(1734250000), row(1734250000, lat="35.41"), row(1734250010))
    assert [(v.time, v.lat) for v in items] == [(1734250000, 35.40), (1734250010, 35.40)]
    assert (stats.duplicates, stats.errors) == (1, 0)


def test_a_row_earlier_than_the_aircrafts_previous_one_is_an_error_and_dropped(tmp_path):
    items, stats = states(tmp_path, row(1734250000), row(1734250030), row(1734250010), row(1734250040),
                          row(1734250005, icao24="4b1806"))
    (skipped,) = [i for i in items if isinstance(i, Skipped)]
    assert skipped.origin.endswith("#row-3")
    assert skipped.reason == ("icao24 4b1805: time 2024-12-15T08:06:50Z is earlier than this aircraft's previous row "
                              "(2024-12-15T08:07:10Z); row dropped")
    # Other aircraft have their own order: 4b1806 at an earlier time is fine.
    assert [(v.icao24, v.time) for v in items if isinstance(v, StateVector)] == [
        ("4b1805", 1734250000), ("4b1805", 1734250030), ("4b1805", 1734250040), ("4b1806", 1734250005)]


def test_errors_beyond_the_cap_are_summed_up_in_one_line(tmp_path):
    bad = [row(1734250000 + k, lat="99") for k in range(30)]
    items, stats = states(tmp_path, *bad, row(1734260000), max_errors=5)
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert len(skipped) == 6 and skipped[-1] == Skipped(str(tmp_path / "states.csv"), "... and 25 more rows with errors")
    assert stats.errors == 30 and stats.valid == 1


def test_a_csv_that_is_not_state_vectors_is_skipped_whole(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("name,value\na,1\n", encoding="utf-8")
    assert list(read_state_vectors(path)) == [
        Skipped(str(path), "not an OpenSky state-vector CSV: the header lacks time, icao24, lat, lon")]


def test_a_short_row_is_an_error_not_a_crash(tmp_path):
    items, _ = states(tmp_path, "1734250000,4b1805,35.4", row(1734250010))
    assert isinstance(items[0], Skipped) and "lon is missing" in items[0].reason
    assert isinstance(items[1], StateVector)


# --- routing -----------------------------------------------------------------------------------


def test_header_and_object_checks():
    assert is_state_vector_csv(HEADER.split(","))
    assert not is_state_vector_csv(["icao24", "firstSeen", "lastSeen"])
    assert is_flight_list(["icao24", "firstSeen", "estDepartureAirport", "lastSeen"])
    assert is_flight_list([{"icao24": "abc123", "firstSeen": 1, "lastSeen": 2}])
    assert looks_like_opensky_json({"time": 1, "states": []}) == "states"
    assert looks_like_opensky_json([{"icao24": "abc123", "firstSeen": 1, "lastSeen": 2}]) == "flights"
    assert looks_like_opensky_json({"title": "a report"}) is None


@pytest.mark.parametrize(("path", "kind"), [
    (SAMPLES / "states_syria_2024-11-14_2025-01-05.csv", "states"),
    (SAMPLES / "flights_syria_2024-11-14_2025-01-05.json", "flights"),
    (SAMPLES / "aircraft.csv", "registry"),
    (DATA / "zurich_landing.csv.gz", "states"),
    (SAMPLES.parent / "wire_items.jsonl", None),  # reports, not flights
])
def test_sniff_flight_file(path, kind):
    assert sniff_flight_file(path) == kind


# --- flight lists ------------------------------------------------------------------------------


def flight(**changes: object) -> dict[str, object]:
    item: dict[str, object] = {"icao24": "15a1a0", "firstSeen": 1734238000, "estDepartureAirport": "UUMU",
                               "lastSeen": 1734252000, "estArrivalAirport": "OSLK", "callsign": "RFF7601 "}
    item.update(changes)
    return item


def flights(tmp_path: Path, *items: dict[str, object], known=("UUMU", "OSLK", "OSKL")) -> list:
    path = tmp_path / "flights.json"
    path.write_text(json.dumps(list(items)), encoding="utf-8")
    return list(read_flight_list(path, known_airports=set(known)))


def test_rest_flight_list(tmp_path):
    (one,) = flights(tmp_path, flight())
    assert isinstance(one, Flight)
    assert (one.icao24, one.callsign, one.departure, one.arrival) == ("15a1a0", "RFF7601", "UUMU", "OSLK")
    assert one.first_seen.isoformat() == "2024-12-15T04:46:40+00:00" and one.origin.endswith("flights.json#flight-1")


def test_an_unknown_airport_is_reported_and_the_flight_kept_without_it(tmp_path):
    skipped, kept = flights(tmp_path, flight(estDepartureAirport="ZZZZ"))
    assert skipped == Skipped(f"{tmp_path / 'flights.json'}#flight-1",
                              "flight 15a1a0 RFF7601: unknown departure airport 'ZZZZ'; flight kept without it")
    assert (kept.departure, kept.arrival) == (None, "OSLK")


@pytest.mark.parametrize(("bad", "reason"), [
    (flight(lastSeen=1734230000), "flight 15a1a0 RFF7601: lastSeen 2024-12-15T02:33:20Z is before firstSeen "
                                  "2024-12-15T04:46:40Z"),
    (flight(lastSeen=1734238000 + 30 * 86400), "flight 15a1a0 RFF7601: lasts 720 hours: longer than any flight"),
    (flight(firstSeen="yesterday"), "flight 15a1a0 RFF7601: firstSeen 'yesterday' is neither Unix seconds nor an ISO date"),
    (flight(icao24="RA-78830"), "flight ra-78830 RFF7601: icao24 'ra-78830' is not 6 hex digits"),
])
def test_a_bad_flight_is_named_and_the_others_kept(tmp_path, bad, reason):
    items = flights(tmp_path, bad, flight(icao24="15a1a1"))
    assert items[0] == Skipped(f"{tmp_path / 'flights.json'}#flight-1", reason)
    assert [f.icao24 for f in items[1:]] == ["15a1a1"]


def test_flightlist_dataset_csv_with_iso_times_and_type(tmp_path):
    path = tmp_path / "flightlist.csv"
    path.write_text("callsign,number,icao24,registration,typecode,origin,destination,firstseen,lastseen,day\n"
                    "RFF7601,,15a1a0,,IL76,UUMU,OSLK,2024-12-15 04:46:40+00:00,2024-12-15 08:40:00+00:00,2024-12-15\n",
                    encoding="utf-8")
    (one,) = list(read_flight_list(path, known_airports={"UUMU", "OSLK"}))
    assert (one.aircraft_type, one.departure, one.arrival, one.last_seen.hour) == ("IL76", "UUMU", "OSLK", 8)


def test_sample_flight_list_reads_clean():
    stats = ReadStats()
    items = list(read_flight_list(SAMPLES / "flights_syria_2024-11-14_2025-01-05.json", stats=stats))
    assert stats.errors == 0 and len(items) == stats.valid > 100


def test_registry_keeps_the_asked_types():
    airframes = list(read_aircraft_registry(SAMPLES / "aircraft.csv", keep={"IL76", "A124"}))
    assert airframes and {a.aircraft_type for a in airframes} == {"IL76", "A124"}
    assert {a.operator_code for a in airframes} == {"RFF"}
