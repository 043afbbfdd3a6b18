"""Webhooks while watching: a status change made by two independent origins is posted; the same
wire story on two sites (one origin) changes nothing and posts nothing (issue 17 items 4, 5)."""

from __future__ import annotations

import json

import pytest
from webserver import FakeWeb, Route, article, rss
from wire import OWN_STORY, WIRE, WIRE_COPY

from sitrep.pipeline import run_watch
from sitrep.records import WatchSource
from sitrep.settings import WatchSettings
from sitrep.sources.fetch import Fetcher
from sitrep.store import open_store

DAY = "Wed, 18 Dec 2024 09:00:00 GMT"


@pytest.fixture()
def web():
    server = FakeWeb()
    server.routes["/hook"] = Route(b"ok", content_type="text/plain")
    server.routes["/a"] = Route(article("Russian forces leave Qamishli airport", WIRE, site="Levant Wire"))
    server.routes["/b"] = Route(article("Russians pull out of Qamishli", WIRE_COPY, site="Northern Courier"))
    server.routes["/c"] = Route(article("At the airport gate", OWN_STORY, site="City Post"))
    yield server
    server.close()


def watch(pipeline, web, db, paths: list[str]) -> list:
    web.routes["/feed"] = Route(rss([(web.url(p), p, DAY) for p in paths]), content_type="application/rss+xml")
    limits = WatchSettings(host_delay=0.0, retries=1, backoff=0.05, webhooks=(web.url("/hook"),))
    alerts: list = []
    with Fetcher(limits) as fetcher:
        run_watch([WatchSource(web.url("/feed"))], pipeline=pipeline, store=open_store(f"sqlite:///{db}"),
                  fetcher=fetcher, once=True, on_poll=lambda r: None, on_alert=lambda a, e: alerts.append((a, e)))
    return alerts


def test_status_change_from_two_origins_is_posted_to_the_webhook(pipeline, web, tmp_path):
    alerts = watch(pipeline, web, tmp_path / "w.db", ["/a", "/c"])
    posted = [json.loads(s.body) for s in web.requests("/hook")]
    assert posted and all(p["type"] == "site_status_change" for p in posted)
    assert {p["site_id"] for p in posted} == {"qamishli-airport"}
    assert posted[-1]["status"] in {"drawing down", "vacated"} and posted[-1]["since"] == "2024-12-17"
    assert [e for _, e in alerts] == [None] * len(posted)


def test_syndicated_copies_alone_change_no_status(pipeline, web, tmp_path):
    assert watch(pipeline, web, tmp_path / "w.db", ["/a", "/b"]) == []
    assert web.requests("/hook") == []


def test_a_change_is_posted_once_across_polls(pipeline, web, tmp_path):
    db = tmp_path / "w.db"
    watch(pipeline, web, db, ["/a", "/c"])
    first = len(web.requests("/hook"))
    web.routes["/d"] = Route(article("Unrelated", ["The council met on Monday to discuss the budget for the "
                                                   "coming year and the repair of the old bridge near the market."]))
    watch(pipeline, web, db, ["/a", "/c", "/d"])
    assert first >= 1 and len(web.requests("/hook")) == first


def test_a_failing_webhook_is_reported_and_the_reports_still_stored(pipeline, web, tmp_path):
    web.routes["/hook"] = Route(b"", status=500)
    alerts = watch(pipeline, web, tmp_path / "w.db", ["/a", "/c"])
    assert alerts and all(e and "HTTP 500 (gave up after 2 tries)" in e for _, e in alerts)
    assert len(web.requests("/hook")) == 2 * len(alerts)
    store = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    assert store.counts()["documents"] == 2
