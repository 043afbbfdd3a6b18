"""Each fused event carries the feature the map draws (fused_events.map_feature, migration 0012):
fusion writes it from the record it stores, the migration fills it in for older stores, and
/api/map sends exactly what building it from the records gives."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import column, create_engine, insert, select, table, text

from sitrep.bench.webstore import synthetic_rows
from sitrep.geo.gazetteer import read_sites
from sitrep.records.read import map_feature, map_feature_json
from sitrep.settings import Settings
from sitrep.store import open_store
from sitrep.store.schema import fused_events
from sitrep.web.app import create_app


def test_fusion_stores_the_feature_of_its_record(samples_db: dict[str, Any]) -> None:
    engine = create_engine(samples_db["url"])
    with engine.connect() as conn:
        rows = conn.execute(select(fused_events.c.record, fused_events.c.map_feature)).all()
    placed = [r for r in rows if json.loads(r.record).get("event_loc")]
    assert placed
    for row in rows:
        want = map_feature_json(json.loads(row.record))
        assert row.map_feature == want
    assert all(r.map_feature is None for r in rows if not json.loads(r.record).get("event_loc"))


def test_the_map_sends_the_features_of_the_newest_records(samples_db: dict[str, Any]) -> None:
    client = TestClient(create_app(Settings.from_env().with_db(samples_db["url"])))
    body = client.get("/api/map", params={"limit": 500}).json()
    records = client.get("/api/events", params={"limit": 500}).json()["events"]
    want = [f for f in (map_feature(r) for r in records) if f is not None]
    assert body["events"]["features"] == want and len(want) > 10
    assert body["truncated"] is False and {s["id"] for s in body["sites"]} >= {"hmeimim", "tartus-naval"}


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_migration_fills_in_older_stores(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else request.getfixturevalue("fresh_pg_url")
    engine = create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("sitrep.store") / "migrations"))
    with engine.begin() as conn:  # a store as the previous version left it
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0011_osint_fusion")
    rows = [{k: v for k, v in r.items() if k != "map_feature"} for r in synthetic_rows(4500, list(read_sites().values()))]
    old_table = table("fused_events", *[column(name) for name in rows[0]])
    with engine.begin() as conn:
        conn.execute(insert(old_table), rows)
    store = open_store(url)  # migrates to head, in batches of 2,000
    with store.engine.connect() as conn:
        stored = dict(conn.execute(text("SELECT id, map_feature FROM fused_events")).all())
    assert len(stored) == 4500
    for r in rows[::97]:
        assert stored[r["id"]] == map_feature_json(json.loads(r["record"]))
    assert sum(v is None for v in stored.values()) == sum(json.loads(r["record"])["event_loc"] is None for r in rows)
