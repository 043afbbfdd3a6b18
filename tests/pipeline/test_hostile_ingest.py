"""No input stops an ingest: a report too long for the parser, a JSON Lines file with one huge
line, a flight CSV with a 140 kB field, a gzip bomb and a link to a file outside the folder are
each skipped with a one-line reason naming the file; every other report is stored, and a re-run
finishes without duplicates."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest

TEXT = ("Russian troops withdrew from Qamishli airport on Monday, residents told the local council. "
        "A column of armoured vehicles was seen on the road south.")
STATES_HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,baroaltitude,geoaltitude\n"


def write_inputs(folder: Path, outside: Path) -> None:
    (folder / "a_first.txt").write_text("---\npublished: 2024-12-16\n---\n" + TEXT, encoding="utf-8")
    # Over spaCy's 1,000,000-character limit, well under the 5 MB size limit.
    (folder / "b_huge.txt").write_text("Troops left the base. " * 50_000, encoding="utf-8")
    (folder / "c_last.txt").write_text("---\npublished: 2024-12-17\n---\nA second report. " + TEXT,
                                       encoding="utf-8")
    lines = [{"text": "Wire one. " + TEXT}, {"text": "y" * 5_100_000}, {"text": "Wire three. " + TEXT}]
    (folder / "d_wire.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    row = "1734000000,4b1805,35.4,35.9,120.0,90.0,0.0,{callsign},false,1000.0,1000.0\n"
    (folder / "e_states.csv").write_text(STATES_HEADER + row.format(callsign="R" * 140_000), encoding="utf-8")
    with gzip.open(folder / "f_states.csv.gz", "wb") as f:
        f.write(STATES_HEADER.encode() + b"9" * 30_000_000)
    secret = outside / "passwd.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "g_link.txt").symlink_to(secret)


def documents(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(origin for (origin,) in conn.execute("SELECT origin FROM documents"))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, runner):
    from sitrep.cli import cli

    folder, outside = tmp_path_factory.mktemp("hostile"), tmp_path_factory.mktemp("outside")
    write_inputs(folder, outside)
    db = tmp_path_factory.mktemp("store") / "hostile.db"
    args = ["ingest", str(folder), "--db", f"sqlite:///{db}"]
    first = runner.invoke(cli, args, catch_exceptions=False)
    after_first = documents(db)
    second = runner.invoke(cli, args, catch_exceptions=False)
    return {"folder": folder, "db": db, "first": first, "second": second, "after_first": after_first}


def test_the_run_ends_normally(ingested):
    assert ingested["first"].exit_code == 0, ingested["first"].stderr


def test_every_good_report_is_stored(ingested):
    folder = ingested["folder"]
    assert ingested["after_first"] == sorted([
        str(folder / "a_first.txt"), str(folder / "c_last.txt"),
        f"{folder / 'd_wire.jsonl'}#line-1", f"{folder / 'd_wire.jsonl'}#line-3"])


@pytest.mark.parametrize(("name", "reason"), [
    ("b_huge.txt", "too long to parse (1,099,999 characters > limit 1,000,000"),
    ("d_wire.jsonl#line-2", "line too large"),
    ("e_states.csv#row-1", "field larger than field limit"),
    ("f_states.csv.gz", "decompression bomb"),
    ("g_link.txt", "symbolic link, not followed"),
])
def test_each_bad_input_gets_one_line_naming_it(ingested, name, reason):
    lines = [line for line in ingested["first"].stderr.splitlines() if f"{name}:" in line]
    assert len(lines) == 1, ingested["first"].stderr
    assert lines[0].startswith(f"skipped {ingested['folder'] / name}: ")
    assert reason in lines[0]


def test_the_linked_file_is_never_stored(ingested):
    with sqlite3.connect(ingested["db"]) as conn:
        assert conn.execute("SELECT count(*) FROM documents WHERE text LIKE '%root:x:0%'").fetchone() == (0,)


def test_a_rerun_finishes_without_duplicates(ingested):
    assert ingested["second"].exit_code == 0, ingested["second"].stderr
    assert "ingested 0 new report(s)" in ingested["second"].stderr
    assert "4 already stored" in ingested["second"].stderr
    assert documents(ingested["db"]) == ingested["after_first"]
