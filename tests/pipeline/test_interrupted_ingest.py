"""An ingest killed with SIGKILL leaves a consistent store, and a re-run finishes the job exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

N_REPORTS = 64
POLL_TIMEOUT_S = 90.0
MIN_STORED_BEFORE_KILL = 3

SITES = ["Qamishli airport", "Hmeimim air base", "the Tartus naval facility", "Kobani", "Manbij", "Ain Issa",
         "Tel Al-Samn", "Tabqa air base", "Palmyra airport", "Deir ez-Zor airport", "Kuweires air base",
         "Shayrat air base", "Tal Tamr", "Sarrin"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    "Russian troops withdrew from {site} on {day}, residents told the local council. A column of {n} armoured "
    "vehicles was seen on the road south. Shopkeepers said the checkpoint at the gate stood empty by evening.",
    "Satellite images taken on {day} show that Russian helicopters have left {site}. Analysts counted {n} empty "
    "revetments where aircraft had been parked the week before. The runway itself looked undamaged.",
    "A convoy of {n} Russian military trucks arrived at {site} late on {day}, according to people living nearby. "
    "The vehicles carried containers and fuel tanks. Officials declined to comment on the movement.",
    "Syrian government forces took control of {site} on {day} after Russian units handed over their positions. "
    "Witnesses described {n} lorries leaving before dawn. The handover passed without clashes.",
    "Russian forces left the bases at {site} and {other} on {day}, a monitoring group said. Some {n} soldiers "
    "were flown out on transport aircraft.",
    "Bakeries near {site} reopened on {day} and {n} families returned to the nearby villages. Teachers said "
    "schools would follow after the holidays.",
]


def write_reports(folder: Path) -> None:
    for i in range(N_REPORTS):
        site, other = SITES[i % len(SITES)], SITES[(i + 5) % len(SITES)]
        body = TEMPLATES[i % len(TEMPLATES)].format(site=site, other=other, day=WEEKDAYS[i % 7], n=12 + i)
        header = f"---\noutlet: Field Notes {i % 5}\npublished: 2024-12-{10 + i % 15:02d}\n---\n"
        (folder / f"report_{i:03d}.txt").write_text(f"{header}{body}\nDispatch number {i}.\n", encoding="utf-8")


def ingest_cmd(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "sitrep.cli", "ingest", str(folder), "--db", f"sqlite:///{db}"]


def query(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return query(db, "SELECT count(*) FROM documents")[0][0]
    except sqlite3.OperationalError:  # tables not created yet, or the writer holds a lock
        return 0


def snapshot(db: Path) -> dict[str, list[tuple[str, str]]]:
    """Each document id with its sorted (event id, record) pairs."""
    out: dict[str, list[tuple[str, str]]] = {d: [] for (d,) in query(db, "SELECT id FROM documents")}
    for doc_id, event_id, record in query(db, "SELECT document_id, id, record FROM events"):
        out.setdefault(doc_id, []).append((event_id, record))
    return {d: sorted(pairs) for d, pairs in out.items()}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """Kills an ingest after a few reports are stored, then re-runs it; also a clean reference ingest."""
    folder = tmp_path_factory.mktemp("reports")
    write_reports(folder)
    work = tmp_path_factory.mktemp("stores")
    db, reference = work / "interrupted.db", work / "reference.db"
    child = subprocess.Popen(ingest_cmd(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + POLL_TIMEOUT_S
        while stored_documents(db) < MIN_STORED_BEFORE_KILL:
            assert child.poll() is None, "ingest ended before it could be interrupted"
            assert time.monotonic() < deadline, "no documents stored within the timeout"
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
    after_kill = {
        "returncode": child.returncode,
        "documents": stored_documents(db),
        "integrity": query(db, "PRAGMA integrity_check"),
        "fk_violations": query(db, "PRAGMA foreign_key_check"),
        "bad_counts": query(db, "SELECT d.id FROM documents d LEFT JOIN events e ON e.document_id = d.id "
                                "GROUP BY d.id HAVING count(e.id) != d.n_events"),
        "orphan_events": query(db, "SELECT id FROM events WHERE document_id NOT IN (SELECT id FROM documents)"),
        "orphan_sources": query(db, "SELECT event_id FROM event_sources WHERE event_id NOT IN "
                                    "(SELECT id FROM events) OR document_id NOT IN (SELECT id FROM documents)"),
    }
    resumed = subprocess.run(ingest_cmd(folder, db), capture_output=True, text=True, timeout=300)
    clean = subprocess.run(ingest_cmd(folder, reference), capture_output=True, text=True, timeout=300)
    return {"db": db, "reference": reference, "after_kill": after_kill, "resumed": resumed, "clean": clean}


def test_ingest_was_killed_midway(run):
    after = run["after_kill"]
    assert after["returncode"] == -signal.SIGKILL
    assert MIN_STORED_BEFORE_KILL <= after["documents"] < N_REPORTS


def test_store_passes_integrity_check_after_kill(run):
    assert run["after_kill"]["integrity"] == [("ok",)]


@pytest.mark.parametrize("check", ["fk_violations", "bad_counts", "orphan_events", "orphan_sources"])
def test_store_has_no_half_stored_report_after_kill(run, check):
    assert run["after_kill"][check] == []


def test_rerun_finishes_and_skips_what_was_stored(run):
    resumed = run["resumed"]
    assert resumed.returncode == 0, resumed.stderr
    assert f"ingested {N_REPORTS - run['after_kill']['documents']} new report(s)" in resumed.stderr
    assert f"{run['after_kill']['documents']} already stored; 0 skipped" in resumed.stderr


def test_resumed_store_equals_uninterrupted_ingest(run):
    assert run["clean"].returncode == 0, run["clean"].stderr
    resumed, reference = snapshot(run["db"]), snapshot(run["reference"])
    assert len(reference) == N_REPORTS
    assert resumed == reference


def test_resumed_store_has_no_duplicates(run):
    db = run["db"]
    (docs, distinct_docs), = query(db, "SELECT count(*), count(DISTINCT id) FROM documents")
    (events, distinct_events, sources), = query(
        db, "SELECT count(*), count(DISTINCT id), (SELECT count(*) FROM event_sources) FROM events")
    (total_n_events,), = query(db, "SELECT sum(n_events) FROM documents")
    assert docs == distinct_docs == N_REPORTS
    assert events == distinct_events == sources == total_n_events
    assert events > 0
