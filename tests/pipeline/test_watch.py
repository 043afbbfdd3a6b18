"""`run_watch` against a real loopback server: each article stored once across polls, new items
picked up, syndicated copies counted as one origin, bad sources reported (issue 17 items 1-4, 7)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

import pytest
from webserver import FakeWeb, Route, article, rss
from wire import OWN_STORY, UNRELATED, WIRE, WIRE_COPY

from sitrep.pipeline import run_watch
from sitrep.records import WatchSource
from sitrep.settings import WatchSettings
from sitrep.sources.fetch import Fetcher
from sitrep.store import open_store

LIMITS = WatchSettings(host_delay=0.0, timeout=5.0, retries=1, backoff=0.05)
DAY = "Wed, 18 Dec 2024 09:00:00 GMT"


@pytest.fixture()
def web():
    server = FakeWeb()
    yield server
    server.close()


@pytest.fixture()
def db(tmp_path):
    return tmp_path / "watch.db"


def poll(pipeline, db, *sources: WatchSource, lines: list | None = None) -> int:
    store = open_store(f"sqlite:///{db}")
    with Fetcher(LIMITS) as fetcher:
        return run_watch(list(sources), pipeline=pipeline, store=store, fetcher=fetcher, once=True,
                         on_poll=(lines.append if lines is not None else lambda r: None))


def rows(db, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def serve_wire(web: FakeWeb) -> None:
    web.routes["/wire/qamishli"] = Route(article("Russian forces leave Qamishli airport", WIRE, site="Levant Wire"))
    web.routes["/wire/council"] = Route(article("Council approves lighting budget", UNRELATED, site="Levant Wire"))
    web.routes["/wire/feed.xml"] = Route(rss([
        (web.url("/wire/qamishli?utm_source=rss"), "Russian forces leave Qamishli airport", DAY),
        (web.url("/wire/council"), "Council approves lighting budget", DAY)]),
        content_type="application/rss+xml", etag='"feed-1"')


def test_watch_once_stores_each_article_with_its_events(pipeline, web, db):
    serve_wire(web)
    assert poll(pipeline, db, WatchSource(web.url("/wire/feed.xml"))) == 2
    docs = rows(db, "SELECT url, outlet, language, published FROM documents ORDER BY url")
    assert docs == [(web.url("/wire/council"), "Levant Wire", "en", "2024-12-18"),
                    (web.url("/wire/qamishli"), "Levant Wire", "en", "2024-12-18")]
    assert rows(db, "SELECT count(*) FROM events WHERE site_id = 'qamishli-airport'")[0][0] >= 1


def test_main_text_leaves_out_menus_read_also_and_comment_form(pipeline, web, db):
    serve_wire(web)
    poll(pipeline, db, WatchSource(web.url("/wire/feed.xml")))
    text = rows(db, "SELECT text FROM documents WHERE url LIKE '%qamishli'")[0][0]
    assert "Qamishli airport on December 17" in text
    assert not any(junk in text for junk in ("Read also", "Ten recipes", "Leave a comment", "Sport", "All rights"))


def test_second_poll_fetches_nothing_again(pipeline, web, db):
    serve_wire(web)
    poll(pipeline, db, WatchSource(web.url("/wire/feed.xml")))
    lines: list = []
    assert poll(pipeline, db, WatchSource(web.url("/wire/feed.xml")), lines=lines) == 0
    assert [s.status for s in web.requests("/wire/feed.xml")] == [200, 304]
    assert len(web.requests("/wire/qamishli")) == 1  # fetched once, by its canonical URL (no utm_source)
    assert lines[0].unchanged and "not modified" in lines[0].line()
    assert rows(db, "SELECT count(*) FROM documents")[0][0] == 2


def test_changed_feed_items_are_picked_up_and_known_ones_not_fetched(pipeline, web, db):
    serve_wire(web)
    poll(pipeline, db, WatchSource(web.url("/wire/feed.xml")))
    web.routes["/wire/own"] = Route(article("Correspondent visits the airport", OWN_STORY, site="Levant Wire"))
    web.routes["/wire/feed.xml"] = Route(rss([
        (web.url("/wire/own"), "Correspondent visits the airport", DAY),
        (web.url("/wire/qamishli"), "Russian forces leave Qamishli airport", DAY)]),
        content_type="application/rss+xml", etag='"feed-2"')
    lines: list = []
    assert poll(pipeline, db, WatchSource(web.url("/wire/feed.xml")), lines=lines) == 1
    assert (lines[0].new, lines[0].known) == (1, 1)
    assert len(web.requests("/wire/qamishli")) == 1  # only by the first poll: known by its canonical URL
    assert rows(db, "SELECT count(*) FROM documents")[0][0] == 3


def test_same_text_under_two_urls_is_stored_once(pipeline, web, db):
    page = article("Council approves lighting budget", UNRELATED)
    web.routes["/a"] = Route(page)
    web.routes["/b"] = Route(page)
    web.routes["/feed"] = Route(rss([(web.url("/a"), "one", DAY), (web.url("/b"), "two", DAY)]),
                                content_type="application/rss+xml")
    assert poll(pipeline, db, WatchSource(web.url("/feed"))) == 1
    assert rows(db, "SELECT outcome FROM fetched_urls WHERE kind = 'article' ORDER BY outcome") == [
        ("already stored",), ("stored",)]


def test_syndicated_copies_count_as_one_origin(pipeline, web, db):
    web.routes["/a/story"] = Route(article("Russian forces leave Qamishli airport", WIRE, site="Levant Wire"))
    web.routes["/b/story"] = Route(article("Russians pull out of Qamishli", WIRE_COPY, site="Northern Courier"))
    web.routes["/a/feed"] = Route(rss([(web.url("/a/story"), "a", DAY)]), content_type="application/rss+xml")
    web.routes["/b/feed"] = Route(rss([(web.url("/b/story"), "b", DAY)]), content_type="application/rss+xml")
    poll(pipeline, db, WatchSource(web.url("/a/feed")), WatchSource(web.url("/b/feed")))
    groups = rows(db, "SELECT outlet, syndication_group FROM documents ORDER BY outlet")
    assert [g[0] for g in groups] == ["Levant Wire", "Northern Courier"]
    assert groups[0][1] is not None and groups[0][1] == groups[1][1]
    fused = rows(db, "SELECT mentions, independent_sources, record FROM fused_events WHERE site_id = 'qamishli-airport'"
                     " AND event = 'RETREAT'")
    assert [(m, n) for m, n, _ in fused] == [(2, 1)]
    sources = json.loads(fused[0][2])["sources"]
    assert {s["outlet"] for s in sources} == {"Levant Wire", "Northern Courier"}
    assert {s["origin"] for s in sources} == {"syn:" + groups[0][1]}


def test_an_independent_story_still_counts_as_another_origin(pipeline, web, db):
    web.routes["/a/story"] = Route(article("Russian forces leave Qamishli airport", WIRE, site="Levant Wire"))
    web.routes["/b/story"] = Route(article("Russians pull out of Qamishli", WIRE_COPY, site="Northern Courier"))
    web.routes["/c/story"] = Route(article("At the airport gate", OWN_STORY, site="City Post"))
    web.routes["/feed"] = Route(rss([(web.url(p), p, DAY) for p in ("/a/story", "/b/story", "/c/story")]),
                                content_type="application/rss+xml")
    poll(pipeline, db, WatchSource(web.url("/feed")))
    assert rows(db, "SELECT count(DISTINCT syndication_group) FROM documents")[0][0] == 1
    assert rows(db, "SELECT syndication_group FROM documents WHERE outlet = 'City Post'") == [(None,)]
    fused = rows(db, "SELECT mentions, independent_sources FROM fused_events WHERE site_id = 'qamishli-airport'"
                     " AND event = 'RETREAT'")
    assert fused == [(3, 2)]


def test_malformed_feed_is_reported_and_other_sources_still_polled(pipeline, web, db):
    serve_wire(web)
    web.routes["/broken.xml"] = Route(b"<rss><channel><item><title>unclosed", content_type="application/rss+xml")
    lines: list = []
    assert poll(pipeline, db, WatchSource(web.url("/broken.xml"), name="broken"),
                WatchSource(web.url("/wire/feed.xml"), name="wire"), lines=lines) == 2
    broken = next(r for r in lines if r.source == "broken")
    assert broken.errors == [web.url("/broken.xml") + ": malformed feed (<unknown>:2:35: no element found)"]
    assert "poll broken: 0 new" in broken.line()


def test_failed_articles_are_reported_and_the_rest_stored(pipeline, web, db):
    serve_wire(web)
    web.routes["/img"] = Route(b"\x89PNG\r\n", content_type="image/png")
    web.routes["/feed"] = Route(rss([(web.url("/img"), "picture", DAY), (web.url("/gone"), "gone", DAY),
                                     (web.url("/wire/council"), "council", DAY)]), content_type="application/rss+xml")
    lines: list = []
    assert poll(pipeline, db, WatchSource(web.url("/feed")), lines=lines) == 1
    assert sorted(e.split(": ", 1)[1] for e in lines[0].errors) == ["HTTP 404", "not a page or feed (Content-Type image/png)"]
    poll(pipeline, db, WatchSource(web.url("/feed")))
    assert len(web.requests("/img")) == 1 and len(web.requests("/gone")) == 1  # not worth a second try


def test_a_page_source_gets_its_date_from_htmldate_and_its_language_identified(pipeline, web, db):
    french = ["Les forces russes ont quitté l'aéroport de Qamishli mardi, selon des habitants de la ville "
              "qui ont vu partir une longue colonne de camions pendant la nuit."]
    web.routes["/2024/12/18/depart.html"] = Route(article("Départ", french, date=None).replace(b'lang="en"', b""))
    poll(pipeline, db, WatchSource(web.url("/2024/12/18/depart.html"), outlet="Le Courrier"))
    assert rows(db, "SELECT outlet, language, published FROM documents") == [("Le Courrier", "fr", "2024-12-18")]


def test_a_local_feed_file_is_read_and_not_read_again_when_unchanged(pipeline, web, db, tmp_path):
    serve_wire(web)
    feed = tmp_path / "saved.xml"
    feed.write_bytes(rss([(web.url("/wire/council"), "Council approves lighting budget", DAY)]))
    lines: list = []
    assert poll(pipeline, db, WatchSource(str(feed))) == 1
    assert poll(pipeline, db, WatchSource(str(feed)), lines=lines) == 0
    assert lines[0].unchanged


def test_a_slow_source_does_not_hold_up_the_others(pipeline, web, db):
    serve_wire(web)
    web.routes["/slow.xml"] = Route(rss([]), delay=3.0, content_type="application/rss+xml")
    store = open_store(f"sqlite:///{db}")
    lines: list = []
    with Fetcher(replace(LIMITS, timeout=0.5, retries=0)) as fetcher:
        run_watch([WatchSource(web.url("/slow.xml"), name="slow"), WatchSource(web.url("/wire/feed.xml"), name="wire")],
                  pipeline=pipeline, store=store, fetcher=fetcher, once=True, on_poll=lines.append)
    by_name = {r.source: r for r in lines}
    assert "no answer within 0.5 s" in by_name["slow"].errors[0]
    assert by_name["wire"].new == 2


def test_event_page_lists_the_syndicated_copies(pipeline, web, db):
    from fastapi.testclient import TestClient

    from sitrep.settings import Settings
    from sitrep.web.app import create_app

    web.routes["/a/story"] = Route(article("Russian forces leave Qamishli airport", WIRE, site="Levant Wire"))
    web.routes["/b/story"] = Route(article("Russians pull out of Qamishli", WIRE_COPY, site="Northern Courier"))
    web.routes["/feed"] = Route(rss([(web.url("/a/story"), "a", DAY), (web.url("/b/story"), "b", DAY)]),
                                content_type="application/rss+xml")
    poll(pipeline, db, WatchSource(web.url("/feed")))
    [(fused_id,)] = rows(db, "SELECT id FROM fused_events WHERE site_id = 'qamishli-airport' AND event = 'RETREAT'")
    page = TestClient(create_app(Settings().with_db(f"sqlite:///{db}"))).get(f"/events/{fused_id}").text
    assert "one story counted once, also published by Levant Wire, Northern Courier" in page
