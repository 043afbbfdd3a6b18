"""Dataset rows and geolocated footage fuse with text events of the same happening (issue 20):
one more independent origin per external source, never per row; the records stay distinct
(kind `dataset` / `geolocated`); rows of another day, place, category or force do not join.
A real SQLite store, filled through `sitrep ingest`, read through `sitrep events`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from sitrep.fuse.dedup import Mention, origin_of
from sitrep.fuse.external import external_event
from sitrep.records import Evidence, EvidenceLayer

ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
                "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
                "tags,timestamp")
TRANSFER = "Strategic developments,Strategic developments,Non-violent transfer of territory"
RUSSIA = "Military Forces of Russia (2000-)"
# Written for these tests. Qamishli airport is at 37.0206, 41.1914; Hmeimim at 35.4011, 35.9487.
ROWS = {
    # the happening the text tells: Russian forces left Qamishli airport on 15 December 2024
    "SYT001": f"2024-12-15,2024,1,{TRANSFER},{RUSSIA},,8,,,0,80,,760,Middle East,Syria,Al-Hasakeh,Qamishli,,"
              "Qamishli airport,37.0210,41.1920,1,Local media,Subnational,Russian forces handed the airport over.,0,,1",
    # a second row of the same happening (ACLED sometimes codes one story twice): still one origin
    "SYT002": f"2024-12-15,2024,1,{TRANSFER},{RUSSIA},,8,,,0,80,,760,Middle East,Syria,Al-Hasakeh,Qamishli,,"
              "Qamishli airport,37.0200,41.1910,1,Local media,Subnational,The last Russian trucks left.,0,,1",
    # must not join: three days later
    "SYT003": f"2024-12-18,2024,1,{TRANSFER},{RUSSIA},,8,,,0,80,,760,Middle East,Syria,Al-Hasakeh,Qamishli,,"
              "Qamishli airport,37.0210,41.1920,1,Local media,Subnational,Another handover.,0,,1",
    # must not join: another place (Hmeimim)
    "SYT004": f"2024-12-15,2024,1,{TRANSFER},{RUSSIA},,8,,,0,80,,760,Middle East,Syria,Lattakia,Jablah,,"
              "Hmeimim,35.4011,35.9487,1,Local media,Subnational,A handover at Hmeimim.,0,,1",
    # must not join: another force (Turkey's), same day and place
    "SYT005": f"2024-12-15,2024,1,{TRANSFER},Military Forces of Turkey (2002-),,8,,,0,80,,792,Middle East,Syria,"
              "Al-Hasakeh,Qamishli,,Qamishli airport,37.0210,41.1920,1,Local media,Subnational,A Turkish move.,0,,1",
    # must not join, nor become an event: a strike is out of the movement scope (stays evidence)
    "SYT006": "2024-12-15,2024,1,Political violence,Explosions/Remote violence,Air/drone strike,"
              "Unidentified Military Forces,,8,,,0,80,,760,Middle East,Syria,Al-Hasakeh,Qamishli,,Qamishli airport,"
              "37.0210,41.1920,1,Local media,Subnational,A drone struck the runway.,0,,1",
}
TEXT = ("Russian forces withdrew from Qamishli airport on Sunday, the Syrian Observatory for Human Rights said. "
        "Trucks carried equipment out of the base through the morning.\n")
FOOTAGE = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Written for sitrep tests</name>
<Placemark id="GC-T1"><name>15/12/2024 Russian trucks leaving Qamishli airport</name>
<description>Convoy on the airport road. https://example.org/v/t1</description>
<Point><coordinates>41.1930,37.0215,0</coordinates></Point></Placemark>
<Placemark id="GC-T2"><name>15/12/2024 Russian trucks leaving Qamishli airport, second angle</name>
<description>Same convoy. https://example.org/v/t2</description>
<Point><coordinates>41.1925,37.0212,0</coordinates></Point></Placemark>
<Placemark id="GC-T3"><name>15/12/2024 Trucks at Qamishli airport</name>
<description>Parked, no movement. https://example.org/v/t3</description>
<Point><coordinates>41.1925,37.0212,0</coordinates></Point></Placemark>
</Document></kml>
"""


def _write(tmp: Path, name: str, rows: list[str]) -> Path:
    path = tmp / name
    path.write_text("\n".join([ACLED_HEADER, *(f"{r},{ROWS[r]}" for r in rows)]) + "\n", encoding="utf-8")
    return path


def _happenings(invoke: Callable[..., Result], db: str, *args: str) -> list[dict[str, Any]]:
    out = invoke("events", "--db", db, "--format", "jsonl", *args)
    assert out.exit_code == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def _at_qamishli(invoke: Callable[..., Result], db: str, actor: str = "RUS") -> list[dict[str, Any]]:
    found = _happenings(invoke, db, "--site", "qamishli-airport", "--type", "RETREAT")
    return [h for h in found if {a.get("code") for a in h["actor"]} == {actor}]


def _kinds(happening: dict[str, Any]) -> list[str]:
    return sorted((s.get("attribution") or {}).get("kind") for s in happening["sources"])


@pytest.fixture(scope="module")
def fused_db(tmp_path_factory: pytest.TempPathFactory, invoke: Callable[..., Result]) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("fusion")
    db = f"sqlite:///{tmp / 'store.db'}"
    report = tmp / "qamishli.txt"
    report.write_text(TEXT, encoding="utf-8")
    steps = [invoke("ingest", "--db", db, "--published", "2024-12-17", "--outlet", "Test Wire", report),
             invoke("ingest", "--db", db, _write(tmp, "acled.csv", list(ROWS)))]
    assert all(s.exit_code == 0 for s in steps), [s.stderr for s in steps]
    return {"db": db, "tmp": tmp, "report": report}


def test_a_dataset_row_joins_the_text_event_as_one_more_origin(invoke, fused_db) -> None:
    same_day = [h for h in _at_qamishli(invoke, fused_db["db"]) if h["date"] == "2024-12-15"]
    assert len(same_day) == 1
    happening = same_day[0]
    assert _kinds(happening) == ["dataset", "dataset", "observatory"]
    # the Observatory (text) and ACLED (two rows, one origin): two, not three
    assert happening["independent_sources"] == 2


def test_rows_of_another_day_place_or_force_stay_apart(invoke, fused_db) -> None:
    db = fused_db["db"]
    later = [h for h in _at_qamishli(invoke, db) if h["date"] == "2024-12-18"]
    assert len(later) == 1 and _kinds(later[0]) == ["dataset"] and later[0]["independent_sources"] == 1
    hmeimim = _happenings(invoke, db, "--site", "hmeimim", "--type", "RETREAT")
    assert len(hmeimim) == 1 and _kinds(hmeimim[0]) == ["dataset"]
    turkish = _at_qamishli(invoke, db, actor="TUR")
    assert len(turkish) == 1 and _kinds(turkish[0]) == ["dataset"]
    assert not _happenings(invoke, db, "--type", "ASSAULT")  # the strike stays evidence only


def test_the_rows_stay_distinct_evidence_records(invoke, fused_db) -> None:
    out = invoke("evidence", "--db", fused_db["db"], "--kind", "dataset", "--format", "jsonl").stdout
    records = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["record_id"] for r in records) == sorted(ROWS)
    assert {r["record_id"]: r["category"] for r in records}["SYT006"] == "ASSAULT"


def test_reimporting_the_rows_adds_nothing(invoke, fused_db) -> None:
    db = fused_db["db"]
    before = _happenings(invoke, db)
    again = invoke("ingest", "--db", db, _write(fused_db["tmp"], "acled-copy.csv", list(ROWS)))
    assert again.exit_code == 0, again.stderr
    assert _happenings(invoke, db) == before


def test_footage_joins_as_its_own_origin_once(invoke, fused_db) -> None:
    db = fused_db["db"]
    kml = fused_db["tmp"] / "geoconfirmed.kml"
    kml.write_text(FOOTAGE, encoding="utf-8")
    assert invoke("ingest", "--db", db, kml).exit_code == 0
    same_day = [h for h in _at_qamishli(invoke, db) if h["date"] == "2024-12-15"]
    assert len(same_day) == 1
    # two clips of the convoy (GeoConfirmed: one origin); the parked trucks tell no movement
    assert _kinds(same_day[0]) == ["dataset", "dataset", "geolocated", "geolocated", "observatory"]
    assert same_day[0]["independent_sources"] == 3
    assert not _happenings(invoke, db, "--type", "MOBILIZE")


def test_rows_stored_before_the_text_fuse_with_it_too(invoke, tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    assert invoke("ingest", "--db", db, _write(tmp_path, "acled.csv", ["SYT001"])).exit_code == 0
    report = tmp_path / "qamishli.txt"
    report.write_text(TEXT, encoding="utf-8")
    assert invoke("ingest", "--db", db, "--published", "2024-12-17", report).exit_code == 0
    (happening,) = _at_qamishli(invoke, db)
    assert _kinds(happening) == ["dataset", "observatory"] and happening["independent_sources"] == 2


@pytest.mark.parametrize(("cited", "origin"), [
    ("Syrian Observatory for Human Rights", "src:syrian observatory for human rights"),  # the monitor it relays
    ("Local media", "src:acled"),  # no one named: the dataset
])
def test_a_row_citing_one_named_monitor_shares_that_monitors_origin(cited, origin) -> None:
    row = Evidence(id="e" * 64, kind=EvidenceLayer.DATASET, at=dt.datetime(2024, 12, 15, tzinfo=dt.UTC), lat=37.02,
                   lon=41.19, source="ACLED", origin="a.csv#row-2", record_id="X1", category="RETREAT",
                   details={"sources": cited, "actor1": RUSSIA, "geo_precision": "1"})
    found = external_event(row, site=None, country_codes={"russia": "RUS"})
    assert found is not None
    report, (event,) = found
    assert event.actor[0].code == "RUS" and event.place is not None and event.place.resolution == "city"
    mention = Mention(event.id, report.id, event.event, "RUS", None, 37.02, 41.19, "city", None, event.date, None,
                      report.published, event.posture, report.outlet, None, event.attribution.source if
                      event.attribution else None, "dataset", event.confidence)
    assert origin_of(mention) == origin


def test_ged_export_has_one_row_per_happening_with_its_origin_count(invoke, fused_db) -> None:
    out = invoke("events", "--db", fused_db["db"], "--site", "qamishli-airport", "--format", "ged")
    assert out.exit_code == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0])[:4] == ["id", "year", "side_a", "side_b"]
    joined = [r for r in rows if r["date_start"] == "2024-12-15" and r["actor_code"] == "RUS"]
    assert len(joined) == 1
    row = joined[0]
    (happening,) = [h for h in _at_qamishli(invoke, fused_db["db"]) if h["date"] == "2024-12-15"]
    assert row["id"] == happening["id"] and row["number_of_sources"] == str(happening["independent_sources"])
    assert (row["event"], row["where_prec"], row["date_prec"], row["country"]) == ("RETREAT", "1", "1", "SYR")
    assert {"ACLED", "Test Wire"} <= set(row["source_office"].split("; ")) and row["year"] == "2024"


def test_kml_export_places_each_happening(invoke, fused_db) -> None:
    out = invoke("events", "--db", fused_db["db"], "--site", "qamishli-airport", "--format", "kml").stdout
    assert out.count("<Placemark") == len(_happenings(invoke, fused_db["db"], "--site", "qamishli-airport"))
    assert "<coordinates>41.1914,37.0206</coordinates>" in out
