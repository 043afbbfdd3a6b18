"""Two real `sitrep ingest` processes started at once on the same folder into a new store (SQLite
file and PostgreSQL): both migrate it without tripping over each other, every report is stored
once, both exit 0, and the store equals the one a single ingest builds."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

N_REPORTS = 48
SITES = ["Qamishli airport", "Hmeimim air base", "Kobani", "Manbij", "Ain Issa", "Tel Al-Samn", "Tabqa air base"]
TEMPLATES = [
    "Russian troops withdrew from {site} on Monday, residents said. A column of {n} vehicles was seen leaving.",
    "A convoy of {n} Russian military trucks arrived at {site} late on Tuesday, according to people nearby.",
    "Syrian government forces took control of {site} on Friday after Russian units handed over {n} positions.",
]
SUMMARY = re.compile(r"ingested (\d+) new report\(s\) with \d+ event\(s\); (\d+) already stored")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    for i in range(N_REPORTS):
        body = TEMPLATES[i % len(TEMPLATES)].format(site=SITES[i % len(SITES)], n=10 + i)
        header = f"---\noutlet: Desk {i % 4}\npublished: 2024-12-{10 + i % 12:02d}\n---\n"
        (folder / f"r{i:03d}.txt").write_text(f"{header}{body}\nDispatch {i}.\n", encoding="utf-8")
    return folder


def ingest_cmd(folder: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "sitrep.cli", "ingest", str(folder), "--db", url]


def ingest_twice_at_once(folder: Path, url: str) -> list[subprocess.CompletedProcess[str]]:
    """Starts both processes before waiting for either; returns their outcomes."""
    children = [subprocess.Popen(ingest_cmd(folder, url), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for _ in range(2)]
    done = []
    for child in children:
        out, errs = child.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(child.args, child.returncode, out, errs))
    return done


def tally(runs: list[subprocess.CompletedProcess[str]]) -> tuple[int, int]:
    """(new, already) summed over the runs' summary lines."""
    found = [SUMMARY.search(r.stderr) for r in runs]
    assert all(found), [r.stderr[-2000:] for r in runs]
    return sum(int(m[1]) for m in found if m), sum(int(m[2]) for m in found if m)


def table_rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def fused_state(url: str) -> dict[str, list[tuple]]:
    return {
        "documents": table_rows(url, "SELECT id, n_events FROM documents ORDER BY id"),
        "events": table_rows(url, "SELECT id, document_id FROM events ORDER BY id"),
        "fusion": table_rows(url, "SELECT event_id, fused_id FROM event_fusion ORDER BY event_id"),
        "statuses": table_rows(url, "SELECT site_id, status, CAST(status_since AS VARCHAR(10)) FROM site_status ORDER BY site_id"),
    }


@pytest.fixture(scope="module")
def reference(folder, tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'reference.db'}"
    done = subprocess.run(ingest_cmd(folder, url), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return url


@pytest.fixture(scope="module")
def sqlite_runs(folder, tmp_path_factory):
    db = tmp_path_factory.mktemp("race") / "new.db"
    assert not db.exists()
    url = f"sqlite:///{db}"
    return url, ingest_twice_at_once(folder, url)


@pytest.fixture(scope="module")
def pg_runs(folder, fresh_pg_url):
    return fresh_pg_url, ingest_twice_at_once(folder, fresh_pg_url)


@pytest.fixture(params=["sqlite", "postgresql"])
def runs(request):
    return request.getfixturevalue("sqlite_runs" if request.param == "sqlite" else "pg_runs")


def test_both_ingests_exit_0_without_a_traceback(runs):
    _, done = runs
    for run in done:
        assert run.returncode == 0, run.stderr[-3000:]
        assert "Traceback" not in run.stderr


def test_every_report_is_stored_by_exactly_one_of_them(runs):
    new, already = tally(runs[1])
    assert new == N_REPORTS
    assert already == N_REPORTS  # what one stored, the other found stored


def test_store_holds_no_duplicates(runs):
    url, _ = runs
    (docs, distinct), = table_rows(url, "SELECT count(*), count(DISTINCT id) FROM documents")
    (events, sources, total), = table_rows(
        url, "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_sources), "
             "(SELECT sum(n_events) FROM documents)")
    assert docs == distinct == N_REPORTS
    assert events == sources == total > 0


def test_store_equals_a_single_ingest(runs, reference):
    assert fused_state(runs[0]) == fused_state(reference)


def test_sqlite_store_passes_integrity_check(sqlite_runs):
    db = sqlite_runs[0].removeprefix("sqlite:///")
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_writer_holding_the_store_too_long_gives_a_one_line_error(folder, reference):
    """Another process keeps SQLite's write lock past the busy timeout (10 s): the ingest stops
    with one line, not a traceback, and the store is unchanged."""
    db = reference.removeprefix("sqlite:///")
    before = fused_state(reference)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        done = subprocess.run(ingest_cmd(folder, reference), capture_output=True, text=True, timeout=120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "error: the store refused a write (database is locked)" in done.stderr
    assert fused_state(reference) == before
