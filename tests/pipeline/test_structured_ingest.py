"""Structured evidence end to end through `sitrep ingest` into a real SQLite store: imagery
observations and flight tracks become sourced events that fuse with text reports."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "sitrep" / "data" / "samples"


def _rows(db: Path, query: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(query, params).fetchall()


def _fused(db: Path, site: str, category: str, day: str) -> list[dict[str, Any]]:
    """Fused records at a site whose period covers a day."""
    out = []
    for (record,) in _rows(db, "SELECT record FROM fused_events WHERE site_id = ? AND event = ?", site, category):
        rec = json.loads(record)
        start, end = rec.get("date") or "", rec.get("enddate") or rec.get("date") or ""
        if start <= day <= end or any(s.get("published") == day for s in rec["sources"]):
            out.append(rec)
    return out


def test_imagery_and_text_of_one_departure_fuse_as_independent_sources(samples_db: dict[str, Any]) -> None:
    db = samples_db["path"]
    groups = [r for r in _fused(db, "hmeimim", "RETREAT", "2024-12-13")
              if any((s["attribution"] or {}).get("kind") == "imagery" for s in r["sources"])]
    assert groups, "the Maxar change at Hmeimim is stored"
    group = max(groups, key=lambda r: r["independent_sources"])
    outlets = {s["outlet"] for s in group["sources"]}
    assert "Maxar Technologies" in outlets  # the observation's own report
    assert outlets - {"Maxar Technologies"}, "a text report of the same departure joined it"
    assert group["independent_sources"] >= 2
    # The blog showing Maxar's picture and Maxar's own counts are one origin: the picture.
    maxar = [s for s in group["sources"] if "maxar" in ((s["attribution"] or {}).get("source") or "").lower()]
    assert len(maxar) >= 2
    assert group["independent_sources"] == group["mentions"] - len(maxar) + 1


def test_observations_are_stored_with_their_counts(samples_db: dict[str, Any]) -> None:
    db = samples_db["path"]
    n, sites = _rows(db, "SELECT count(*), count(DISTINCT site_id) FROM observations")[0]
    assert n == 17 and sites >= 3
    # every observation is also a document its events quote
    assert _rows(db, "SELECT count(*) FROM observations o JOIN documents d ON d.id = o.id")[0][0] == n
    helis = [h for (h,) in _rows(db, "SELECT helicopter FROM observations WHERE site_id = 'hmeimim' "
                                     "AND helicopter IS NOT NULL ORDER BY acquired")]
    assert helis[0] > helis[-1], "helicopters leave Hmeimim in the samples"


def test_flight_tracks_give_movements_and_an_airlift_with_its_flights(samples_db: dict[str, Any]) -> None:
    db = samples_db["path"]
    moves, military, with_path = _rows(db, "SELECT count(*), sum(military_transport), count(path) FROM flight_movements")[0]
    assert moves > 100 and military > 50 and with_path > 50
    airlifts = [json.loads(r) for (r,) in _rows(db, "SELECT record FROM events WHERE posture = 'airlift' "
                                                    "AND evidence_kind = 'flight-tracking'")]
    assert any(a["site"]["id"] == "hmeimim" and a["date"] == "2024-12-15" for a in airlifts)
    doc_id = next(a for a in airlifts if a["date"] == "2024-12-15")["text_info"]["document_id"]
    text = _rows(db, "SELECT text FROM documents WHERE id = ?", doc_id)[0][0]
    listed = [i for (i,) in _rows(db, "SELECT id FROM flight_movements WHERE site_id = 'hmeimim' "
                                      "AND day = '2024-12-15' AND military_transport")]
    assert listed and all(i[:12] in text for i in listed), "the report lists every flight behind the surge"


def test_airlift_alone_does_not_move_a_status(samples_db: dict[str, Any]) -> None:
    db = samples_db["path"]
    (timeline,) = _rows(db, "SELECT timeline FROM site_status WHERE site_id = 'hmeimim'")[0]
    ids = [i for change in json.loads(timeline)["changes"] for i in change["evidence"]]
    postures = {p for (p,) in _rows(db, f"SELECT posture FROM fused_events WHERE id IN ({','.join('?' * len(ids))})", *ids)}
    assert "airlift" not in postures


@pytest.fixture
def empty_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'evidence.db'}"


def test_reingesting_flights_and_imagery_adds_nothing(samples_db: dict[str, Any], invoke: Callable[..., Result],
                                                      tmp_path: Path) -> None:
    copy = tmp_path / "again.db"
    with sqlite3.connect(samples_db["path"]) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    before = _rows(copy, "SELECT (SELECT count(*) FROM flight_movements), (SELECT count(*) FROM observations), "
                         "(SELECT count(*) FROM events)")
    result = invoke("ingest", SAMPLES / "flights", SAMPLES / "imagery", "--db", f"sqlite:///{copy}")
    assert result.exit_code == 0, result.stderr
    assert "0 new report(s)" in result.stderr
    assert _rows(copy, "SELECT (SELECT count(*) FROM flight_movements), (SELECT count(*) FROM observations), "
                       "(SELECT count(*) FROM events)") == before


def test_a_late_observation_is_measured_against_both_neighbours(invoke: Callable[..., Result], empty_db: str,
                                                                tmp_path: Path) -> None:
    def collection(*features: tuple[str, int]) -> str:
        return json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.9487, 35.4011]},
             "properties": {"site_id": "hmeimim", "acquired": day, "provider": "Maxar",
                            "counts": {"helicopter": n}}} for day, n in features]})

    first = tmp_path / "a_and_c.geojson"
    first.write_text(collection(("2024-12-01", 12), ("2024-12-20", 2)), encoding="utf-8")
    late = tmp_path / "b.geojson"
    late.write_text(collection(("2024-12-10", 7)), encoding="utf-8")
    assert invoke("ingest", first, "--db", empty_db).exit_code == 0
    db = Path(empty_db.removeprefix("sqlite:///"))
    assert len(_rows(db, "SELECT id FROM events")) == 1  # 12 -> 2
    result = invoke("ingest", late, "--db", empty_db)
    assert result.exit_code == 0, result.stderr
    periods = sorted(_rows(db, "SELECT date, enddate FROM events"))
    assert periods == [("2024-12-01", "2024-12-10"), ("2024-12-01", "2024-12-20"), ("2024-12-10", "2024-12-20")]


def test_bad_observations_and_flight_rows_are_named_and_the_rest_is_kept(
        invoke: Callable[..., Result], empty_db: str, tmp_path: Path) -> None:
    bad = tmp_path / "obs.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.9487, 35.4011]},
         "properties": {"site_id": "hmeimim", "acquired": "2024-12-01", "provider": "Maxar", "counts": {"helicopter": 9}}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.9487, 35.4011]},
         "properties": {"site_id": "hmeimim", "acquired": "2024-12-05", "provider": "Maxar", "counts": {"helicopter": -4}}},
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[35.9, 35.4], [36.0, 35.4]]]},
         "properties": {"site_id": "hmeimim", "acquired": "2024-12-06", "provider": "Maxar", "counts": {"helicopter": 3}}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.9487, 35.4011]},
         "properties": {"site_id": "hmeimim", "acquired": "2024-12-09", "provider": "Maxar", "counts": {"helicopter": 2}}},
    ]}), encoding="utf-8")
    states = tmp_path / "states.csv"
    shutil.copy(SAMPLES / "flights" / next(p.name for p in (SAMPLES / "flights").glob("states_*.csv")), states)
    with states.open("a", encoding="utf-8") as f:
        f.write("1734220800,4b1805,123.4,35.9,80,170,0,RFF7000,False,False,False,,300,300,1734220800,1734220800\n")
    result = invoke("ingest", bad, states, "--db", empty_db)
    assert result.exit_code == 0, result.stderr
    assert "feature 2" in result.stderr and "counts.helicopter" in result.stderr
    assert "feature 3" in result.stderr
    assert "4b1805" in result.stderr and "lat" in result.stderr
    db = Path(empty_db.removeprefix("sqlite:///"))
    assert _rows(db, "SELECT count(*) FROM observations")[0][0] == 2  # the two good ones
    assert _rows(db, "SELECT count(*) FROM flight_movements")[0][0] > 50


def test_rerun_after_a_crash_between_movements_and_surges_finishes_the_job(
        invoke: Callable[..., Result], empty_db: str) -> None:
    db = Path(empty_db.removeprefix("sqlite:///"))
    assert invoke("ingest", SAMPLES / "flights", "--db", empty_db).exit_code == 0
    airlift_docs = _rows(db, "SELECT DISTINCT document_id FROM events WHERE posture = 'airlift'")
    moves = _rows(db, "SELECT count(*) FROM flight_movements")[0][0]
    assert airlift_docs and moves
    # As if the process died after storing the movements and before judging the surges:
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        for (doc,) in airlift_docs:
            conn.execute("DELETE FROM fused_events WHERE id IN (SELECT fused_id FROM event_fusion f "
                         "JOIN events e ON e.id = f.event_id WHERE e.document_id = ?)", (doc,))
            conn.execute("DELETE FROM documents WHERE id = ?", (doc,))
    result = invoke("ingest", SAMPLES / "flights", "--db", empty_db)
    assert result.exit_code == 0, result.stderr
    assert sorted(_rows(db, "SELECT DISTINCT document_id FROM events WHERE posture = 'airlift'")) == sorted(airlift_docs)
    assert _rows(db, "SELECT count(*) FROM flight_movements")[0][0] == moves


def test_only_text_inputs_need_the_nlp_models() -> None:
    from sitrep.pipeline import needs_nlp
    from sitrep.sources import iter_inputs

    assert not needs_nlp(list(iter_inputs([SAMPLES / "flights", SAMPLES / "imagery"])))  # spaCy stays unloaded
    assert needs_nlp(list(iter_inputs([SAMPLES])))


def test_flight_files_ingested_twice_say_so_and_succeed(invoke: Callable[..., Result], empty_db: str) -> None:
    first = invoke("ingest", SAMPLES / "flights", "--db", empty_db)
    assert first.exit_code == 0, first.stderr
    again = invoke("ingest", SAMPLES / "flights", "--db", empty_db)
    assert again.exit_code == 0, again.stderr
    assert "0 new landing(s)" in again.stderr and "already stored" in again.stderr


def test_flight_files_in_any_order_give_the_same_airlifts(invoke: Callable[..., Result], tmp_path: Path) -> None:
    """The later weeks first, the earlier weeks after: the surges judged without history are
    judged again once the baseline arrives, and the store ends as a one-shot ingest leaves it."""
    source = next((SAMPLES / "flights").glob("states_*.csv"))
    header, *rows = source.read_text(encoding="utf-8").splitlines()
    split = 1733788800  # 2024-12-10 00:00 UTC
    early, late = tmp_path / "early" / "states.csv", tmp_path / "late" / "states.csv"
    for path, part in ((early, [r for r in rows if int(r.split(",", 1)[0]) < split]),
                       (late, [r for r in rows if int(r.split(",", 1)[0]) >= split])):
        path.parent.mkdir()
        path.write_text("\n".join([header, *part]) + "\n", encoding="utf-8")
    stepwise, oneshot = tmp_path / "stepwise.db", tmp_path / "oneshot.db"
    assert invoke("ingest", late, "--db", f"sqlite:///{stepwise}").exit_code == 0
    before = _rows(stepwise, "SELECT d.origin, json_extract(e.record, '$.event_text') FROM documents d "
                             "JOIN events e ON e.document_id = d.id WHERE d.origin LIKE 'airlift/%'")
    assert invoke("ingest", early, "--db", f"sqlite:///{stepwise}").exit_code == 0
    assert invoke("ingest", source, "--db", f"sqlite:///{oneshot}").exit_code == 0

    def airlifts(db: Path) -> list[tuple[Any, ...]]:
        # The reports name the files they read, so compare what they say, not their hashes.
        return sorted(_rows(db, "SELECT d.origin, json_extract(e.record, '$.event_text') FROM documents d "
                                "JOIN events e ON e.document_id = d.id WHERE d.origin LIKE 'airlift/%'"))

    assert airlifts(stepwise) == airlifts(oneshot)
    assert set(before) != set(airlifts(oneshot)), "the first judgement (no baseline yet) was revised"
    fused = "SELECT count(*), count(DISTINCT f.fused_id) FROM events e JOIN event_fusion f ON f.event_id = e.id"
    assert _rows(stepwise, fused) == _rows(oneshot, fused)
    orphans = "SELECT count(*) FROM events e LEFT JOIN documents d ON d.id = e.document_id WHERE d.id IS NULL"
    assert _rows(stepwise, orphans) == [(0,)]


def test_a_surge_no_longer_a_surge_after_more_history_is_replaced(invoke: Callable[..., Result], empty_db: str,
                                                                  tmp_path: Path) -> None:
    db = Path(empty_db.removeprefix("sqlite:///"))
    assert invoke("ingest", SAMPLES / "flights", "--db", empty_db).exit_code == 0
    q = "SELECT origin FROM documents WHERE origin LIKE 'airlift/hmeimim/2024-12-09/%'"
    assert _rows(db, q), "the samples make 9 December a surge at Hmeimim"
    # A flight list found later: a busy November shuttle (three Il-76 legs a day out of Hmeimim)
    # raises the baseline, so six movements on 9 December are routine after all.
    start = 1732406400  # 2024-11-24 00:00 UTC
    flights = [{"icao24": f"15{n:04x}", "firstSeen": start + day * 86400 + leg * 7200,
                "lastSeen": start + day * 86400 + leg * 7200 + 5400, "estDepartureAirport": "OSLK",
                "estArrivalAirport": "UUMO", "callsign": f"RFF{7500 + n}"}
               for day in range(14) for leg in range(3) for n in [day * 3 + leg]]
    listing = tmp_path / "more_flights.json"
    listing.write_text(json.dumps(flights), encoding="utf-8")
    result = invoke("ingest", listing, "--db", empty_db)
    assert result.exit_code == 0, result.stderr
    assert _rows(db, q) == [], "the stored airlift was withdrawn"
    orphans = "SELECT count(*) FROM events e LEFT JOIN documents d ON d.id = e.document_id WHERE d.id IS NULL"
    assert _rows(db, orphans) == [(0,)]
    dangling = "SELECT count(*) FROM event_fusion f LEFT JOIN events e ON e.id = f.event_id WHERE e.id IS NULL"
    assert _rows(db, dangling) == [(0,)]
    assert _rows(db, "SELECT count(*) FROM events e LEFT JOIN event_fusion f ON f.event_id = e.id "
                     "WHERE f.event_id IS NULL") == [(0,)], "every remaining event is in a happening"
