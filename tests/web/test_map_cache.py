"""The map's data is kept between requests only while the store stands still: a write by any
process (an ingest beside the server) shows on the next request."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from sitrep.store import open_store
from sitrep.web.cache import ResponseCache


def test_a_body_is_built_once_per_store_version() -> None:
    cache, built = ResponseCache(size=2), []

    def build(tag: str) -> bytes:
        built.append(tag)
        return tag.encode()

    assert cache.get("a", 1, lambda: build("a1")) == b"a1"
    assert cache.get("a", 1, lambda: build("again")) == b"a1"
    assert cache.get("a", 2, lambda: build("a2")) == b"a2"
    cache.get("b", 2, lambda: build("b2"))
    cache.get("c", 2, lambda: build("c2"))  # evicts "a", the least recently used
    assert cache.get("a", 2, lambda: build("a2 again")) == b"a2 again"
    assert built == ["a1", "a2", "b2", "c2", "a2 again"]


def test_an_ingest_by_another_process_shows_on_the_next_map(client: TestClient, db_url: str, tmp_path: Path) -> None:
    before = client.get("/api/map", params={"limit": 1000}).json()
    assert client.get("/api/map", params={"limit": 1000}).json() == before  # served from the cache
    version = open_store(db_url).version()
    report = tmp_path / "reports" / "2025-03-02_gulf_desk_kuweires.txt"
    report.parent.mkdir()
    report.write_text("Russian forces withdrew from Kuweires air base on Saturday, the Syrian defence "
                      "ministry said in a statement.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sitrep.cli", "ingest", str(report.parent), "--db", db_url,
                           "--published", date(2025, 3, 2).isoformat()], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert open_store(db_url).version() > version
    after = client.get("/api/map", params={"limit": 1000}).json()
    new = {f["id"] for f in after["events"]["features"]} - {f["id"] for f in before["events"]["features"]}
    assert new, "the new report's event is on the map"
    assert any(f["properties"]["site"] == "kuweires" for f in after["events"]["features"] if f["id"] in new)
