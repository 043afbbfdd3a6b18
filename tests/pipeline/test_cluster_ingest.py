"""`sitrep ingest --cluster local:2` on a real Dask LocalCluster builds the store a single-process
ingest builds: the bundled samples (text, feed, HTML, JSON Lines, imagery, flights) plus bad inputs
give the same documents, events, fused events and site statuses, row for row, with the same skips;
a re-run on the cluster adds nothing."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from sitrep.pipeline.cluster import ClusterSpec

TEXT = ("Russian troops withdrew from Qamishli airport on Monday, residents told the local council. "
        "A column of armoured vehicles was seen on the road south.")
# Every table the text, imagery and flight paths write, with the columns that differ between any two
# runs (the wall-clock time of the write) left out.
TABLES = ["documents", "events", "event_sources", "fused_events", "event_fusion", "site_status",
          "observations", "flight_movements"]
SUMMARY = re.compile(r"ingested (\d+) new report\(s\) with (\d+) event\(s\); (\d+) already stored; (\d+) skipped")


def write_bad_inputs(folder: Path) -> None:
    """Inputs that are skipped on the client (reader limits) and on the workers (parser limits),
    and a copy of a sample under another name (stored once)."""
    folder.mkdir()
    (folder / "a_good.txt").write_text("---\npublished: 2024-12-16\n---\n" + TEXT, encoding="utf-8")
    (folder / "b_huge.txt").write_text("Troops left the base. " * 50_000, encoding="utf-8")  # > spaCy's limit
    lines = [{"text": "Wire one. " + TEXT}, {"text": "y" * 5_100_000}, {"text": "Wire three. " + TEXT}]
    (folder / "c_wire.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    (folder / "d_empty.txt").write_text("", encoding="utf-8")
    (folder / "e_binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "f_latin1.txt").write_bytes(("Les troupes russes ont quitté Qamishli lundi. " * 3).encode("latin-1"))
    (folder / "g_again.txt").write_text("---\npublished: 2024-12-16\n---\n" + TEXT, encoding="utf-8")


def table(db: Path, name: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({name})") if not row[1].endswith("_at")]
        listed = ", ".join(columns)
        return list(conn.execute(f"SELECT {listed} FROM {name} ORDER BY {listed}"))


def skips(stderr: str) -> list[str]:
    return sorted(line for line in stderr.splitlines() if line.startswith("skipped "))


@pytest.fixture(scope="module")
def runs(tmp_path_factory, invoke, samples_dir) -> dict[str, Any]:
    """The same inputs ingested in this process and on a 2-worker LocalCluster, then again on it."""
    root = tmp_path_factory.mktemp("cluster")
    inputs = root / "inputs"
    shutil.copytree(samples_dir, inputs)
    write_bad_inputs(inputs / "bad")
    single, clustered = root / "single.db", root / "cluster.db"
    first = invoke("ingest", inputs, "--db", f"sqlite:///{single}")
    on_cluster = invoke("ingest", inputs, "--db", f"sqlite:///{clustered}", "--cluster", "local:2")
    again = invoke("ingest", inputs, "--db", f"sqlite:///{clustered}", "--cluster", "local:2")
    return {"single": single, "cluster": clustered, "first": first, "on_cluster": on_cluster, "again": again}


def test_both_runs_end_normally_with_the_same_summary(runs):
    assert runs["first"].exit_code == 0, runs["first"].stderr
    assert runs["on_cluster"].exit_code == 0, runs["on_cluster"].stderr
    single, clustered = SUMMARY.search(runs["first"].stderr), SUMMARY.search(runs["on_cluster"].stderr)
    assert single and clustered, runs["on_cluster"].stderr
    assert clustered.groups() == single.groups()
    stored, _events, already, skipped = map(int, single.groups())
    assert stored > 40 and already == 1 and skipped >= 4


def test_the_same_inputs_are_skipped_for_the_same_reasons(runs):
    expected = skips(runs["first"].stderr)
    assert any("b_huge.txt" in line and "too long to parse" in line for line in expected)  # found on a worker
    assert any("c_wire.jsonl" in line for line in expected)  # found by the client's reader
    assert skips(runs["on_cluster"].stderr) == expected


@pytest.mark.parametrize("name", TABLES)
def test_the_cluster_store_equals_the_single_process_store(runs, name):
    expected = table(runs["single"], name)
    assert expected, f"{name} is empty: the comparison would prove nothing"
    assert table(runs["cluster"], name) == expected


def test_a_rerun_on_the_cluster_adds_nothing(runs):
    assert runs["again"].exit_code == 0, runs["again"].stderr
    found = SUMMARY.search(runs["again"].stderr)
    assert found and found[1] == "0" and int(found[3]) > 40
    for name in ("documents", "events", "fused_events"):
        assert table(runs["cluster"], name) == table(runs["single"], name)


@pytest.mark.parametrize(("text", "spec"), [
    ("local:2", ClusterSpec(workers=2)),
    ("local:16", ClusterSpec(workers=16)),
    ("tcp://10.0.0.5:8786", ClusterSpec(address="tcp://10.0.0.5:8786")),
    ("tcp://scheduler.example.org:8786", ClusterSpec(address="tcp://scheduler.example.org:8786")),
])
def test_a_cluster_is_named_by_local_n_or_an_address(text, spec):
    assert ClusterSpec.parse(text) == spec


def test_local_alone_means_one_worker_per_core():
    assert ClusterSpec.parse("local").address is None and ClusterSpec.parse("local").workers >= 1


@pytest.mark.parametrize("text", ["local:0", "local:x", "local2", "10.0.0.5:8786", "http://h:8786", "tcp://"])
def test_anything_else_is_refused_naming_the_forms(invoke, text):
    result = invoke("ingest", "--samples", "--db", "sqlite:///:memory:", "--cluster", text)
    assert result.exit_code == 2
    assert "local:N" in result.stderr and "tcp://HOST:PORT" in result.stderr


def fused_state(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """What fusion decided, in columns both stores spell alike."""
    from sqlalchemy import create_engine, text

    queries = {
        "documents": "SELECT id, n_events FROM documents ORDER BY id",
        "events": "SELECT id, document_id FROM events ORDER BY id",
        "fused": "SELECT id, mentions, independent_sources FROM fused_events ORDER BY id",
        "fusion": "SELECT event_id, fused_id FROM event_fusion ORDER BY event_id",
        "statuses": "SELECT site_id, status, CAST(status_since AS VARCHAR(10)) FROM site_status ORDER BY site_id",
    }
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {name: [tuple(row) for row in conn.execute(text(sql))] for name, sql in queries.items()}
    finally:
        engine.dispose()


def test_a_cluster_ingest_into_postgresql_equals_the_single_process_store(runs, invoke, fresh_pg_url):
    inputs = runs["single"].parent / "inputs"
    result = invoke("ingest", inputs, "--db", fresh_pg_url, "--cluster", "local:2")
    assert result.exit_code == 0, result.stderr
    expected = fused_state(f"sqlite:///{runs['single']}")
    assert all(expected.values())
    assert fused_state(fresh_pg_url) == expected
