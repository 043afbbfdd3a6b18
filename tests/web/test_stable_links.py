"""Links to events stay good: after an ingest re-groups mentions into other happenings, every
/events/<id> handed out before still leads (a 301) to the happening that now holds its mentions."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.settings import Settings
from sitrep.web.app import create_app


def fused_ids(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM fused_events")}


@pytest.fixture(scope="module")
def regrouped(tmp_path_factory, samples_dir, runner):
    """Text samples ingested in two halves (alternate files, so reports of the second half join
    and re-key happenings of the first): the fused ids before and after the second half."""
    from sitrep.cli import cli

    texts = sorted(p for p in samples_dir.iterdir() if p.suffix in {".txt", ".md"})
    halves = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    for i, path in enumerate(texts):
        shutil.copy(path, halves[0] if i % 2 else halves[1])
    db = tmp_path_factory.mktemp("store") / "links.db"
    url = f"sqlite:///{db}"
    for half in halves:
        result = runner.invoke(cli, ["ingest", str(half), "--db", url], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        if half is halves[0]:
            before = fused_ids(db)
    return {"url": url, "before": before, "after": fused_ids(db)}


def test_the_second_ingest_replaced_some_happenings(regrouped):
    assert regrouped["before"] - regrouped["after"], "no id changed: the test would prove nothing"


def test_every_old_event_page_still_leads_to_an_event(regrouped):
    client = TestClient(create_app(Settings().with_db(regrouped["url"])))
    for old in sorted(regrouped["before"]):
        response = client.get(f"/events/{old}", headers={"accept": "text/html"}, follow_redirects=False)
        if old in regrouped["after"]:
            assert response.status_code == 200
            continue
        assert response.status_code == 301, old
        new = response.headers["location"].removeprefix("/events/")
        assert new in regrouped["after"]
        assert client.get(response.headers["location"]).status_code == 200


def test_the_api_redirects_an_old_id_too(regrouped):
    client = TestClient(create_app(Settings().with_db(regrouped["url"])))
    old = sorted(regrouped["before"] - regrouped["after"])[0]
    response = client.get(f"/api/events/{old}")
    assert response.status_code == 200
    assert response.json()["id"] in regrouped["after"]
    assert old[1:] in " ".join(response.json()["mention_ids"])


def test_an_unknown_id_is_still_404(regrouped):
    client = TestClient(create_app(Settings().with_db(regrouped["url"])))
    assert client.get("/api/events/f0000000000000000000").status_code == 404
