"""`sitrep watch --once --cluster local:1` (extraction on a real Dask LocalCluster, this process
polling and writing) stores what a watcher extracting in-process stores, row for row."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from webserver import FakeWeb, Route, article, rss
from wire import OWN_STORY, WIRE, WIRE_COPY

DAY = "Wed, 18 Dec 2024 09:00:00 GMT"
TABLES = ["documents", "events", "event_sources", "fused_events", "event_fusion", "site_status"]


def table(db: Path, name: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({name})") if not row[1].endswith("_at")]
        listed = ", ".join(columns)
        return list(conn.execute(f"SELECT {listed} FROM {name} ORDER BY {listed}"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory, invoke) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("watch-cluster")
    web = FakeWeb()
    try:
        web.routes["/a/1"] = Route(article("Russian forces leave Qamishli airport", WIRE, site="Levant Wire"))
        web.routes["/b/1"] = Route(article("Qamishli airport emptied", WIRE_COPY, site="Jazira Daily"))
        web.routes["/c/1"] = Route(article("Our correspondent at Qamishli", OWN_STORY, site="North Desk"))
        web.routes["/feed.xml"] = Route(rss([(web.url(p), t, DAY) for p, t in
                                             [("/a/1", "Leave"), ("/b/1", "Emptied"), ("/c/1", "Correspondent")]]),
                                        content_type="application/rss+xml")
        out = {}
        for name, extra in (("single", []), ("cluster", ["--cluster", "local:1"])):
            db = root / f"{name}.db"
            result = invoke("watch", web.url("/feed.xml"), "--once", "--db", f"sqlite:///{db}", *extra)
            out[name] = (db, result)
        return out
    finally:
        web.close()


def test_both_watchers_store_the_three_articles(runs):
    for db, result in runs.values():
        assert result.exit_code == 0, result.stderr
        assert len(table(db, "documents")) == 3


@pytest.mark.parametrize("name", TABLES)
def test_the_cluster_watcher_stores_what_the_single_process_one_stores(runs, name):
    single, clustered = table(runs["single"][0], name), table(runs["cluster"][0], name)
    assert single, f"{name} should not be empty"
    assert clustered == single
