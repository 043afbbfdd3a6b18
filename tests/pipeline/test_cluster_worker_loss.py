"""A Dask worker killed (SIGKILL) in the middle of `sitrep ingest --cluster tcp://...` loses and
duplicates nothing: its batches run again elsewhere, the run ends normally, the store equals a
single-process ingest's, and a re-run adds nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from sitrep.bench.scale import generate_articles

N_ARTICLES = 96


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # the store is being made
        return 0


def table(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute(sql))


def ingest_cmd(folder: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sitrep.cli", "ingest", str(folder), "--db", f"sqlite:///{db}", *extra]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("worker-loss")
    generate_articles(root / "articles", N_ARTICLES, event_share=0.5)
    reference, survived = root / "reference.db", root / "survived.db"
    done = subprocess.run(ingest_cmd(root / "articles", reference), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        cmd = ingest_cmd(root / "articles", survived, "--cluster", cluster.scheduler_address)
        child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 300
        while stored(survived) < 8 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        at_kill = stored(survived)
        victim = next(iter(client.run(os.getpid).values()))
        os.kill(victim, signal.SIGKILL)
        _, first_err = child.communicate(timeout=600)
        again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    return {"reference": reference, "survived": survived, "at_kill": at_kill, "first": child.returncode,
            "first_err": first_err, "again": again}


def test_the_worker_was_killed_mid_run(runs):
    assert 0 < runs["at_kill"] < N_ARTICLES


def test_the_run_ends_normally_with_every_article(runs):
    assert runs["first"] == 0, runs["first_err"]
    assert f"ingested {N_ARTICLES} new report(s)" in runs["first_err"]


@pytest.mark.parametrize("sql", [
    "SELECT id, n_events FROM documents ORDER BY id",
    "SELECT id, document_id FROM events ORDER BY id",
    "SELECT event_id, fused_id FROM event_fusion ORDER BY event_id",
    "SELECT site_id, status, status_since FROM site_status ORDER BY site_id",
])
def test_the_store_equals_a_single_process_ingest(runs, sql):
    expected = table(runs["reference"], sql)
    assert expected
    assert table(runs["survived"], sql) == expected


def test_a_rerun_adds_nothing(runs):
    assert runs["again"].returncode == 0, runs["again"].stderr
    assert f"ingested 0 new report(s) with 0 event(s); {N_ARTICLES} already stored" in runs["again"].stderr
    assert table(runs["survived"], "SELECT count(*) FROM documents") == [(N_ARTICLES,)]
