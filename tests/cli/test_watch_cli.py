"""`sitrep watch` and `sitrep ingest URL` as commands: a real subprocess stopped by SIGTERM in the
middle of a poll, the config file, clear errors (issue 17 items 1, 6, 7)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from webserver import FakeWeb, Route, article, rss

DAY = "Wed, 18 Dec 2024 09:00:00 GMT"
STORIES = 8


@pytest.fixture()
def web():
    server = FakeWeb()
    for n in range(STORIES):
        text = [f"Story number {n}: the harbour authority of town {n} counted {n + 3} fishing boats returning "
                f"on Wednesday after a storm that kept crews ashore for {n + 2} days.",
                f"Dock workers in town {n} said the catch was small but prices at the morning market rose."]
        server.routes[f"/story/{n}"] = Route(article(f"Boats return to town {n}", text), delay=0.6)
    server.routes["/feed.xml"] = Route(rss([(server.url(f"/story/{n}"), f"story {n}", DAY) for n in range(STORIES)]),
                                       content_type="application/rss+xml")
    yield server
    server.close()


def sitrep(*args: str) -> list[str]:
    return [sys.executable, "-m", "sitrep.cli", *args]


def env() -> dict[str, str]:
    return {**os.environ, "SITREP_WATCH_HOST_DELAY": "0", "SITREP_WATCH_HOST_CONCURRENCY": "1"}


def count(db, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_sigterm_mid_poll_stops_cleanly_and_a_rerun_resumes(web, tmp_path):
    db = tmp_path / "w.db"
    child = subprocess.Popen(sitrep("watch", web.url("/feed.xml"), "--db", f"sqlite:///{db}", "--interval", "600"),
                             stderr=subprocess.PIPE, text=True, env=env())
    try:
        deadline = time.monotonic() + 120
        while not db.exists() or count(db, "SELECT count(*) FROM sqlite_master WHERE name='documents'") == 0 \
                or count(db, "SELECT count(*) FROM documents") < 1:
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        child.send_signal(signal.SIGTERM)
        _, stderr = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, stderr
    assert "stopping (SIGTERM)" in stderr
    stored = count(db, "SELECT count(*) FROM documents")
    assert 1 <= stored < STORIES  # stopped in the middle of the poll
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM documents d LEFT JOIN fetched_urls f ON f.document_id = d.id "
                            "WHERE f.url_key IS NULL").fetchone() == (0,)  # each stored with its URL
        assert conn.execute("SELECT count(*) FROM fetched_urls WHERE kind = 'feed'").fetchone() == (0,)  # not finished
    with sqlite3.connect(db) as conn:
        stored_first = {"/story/" + u.rsplit("/", 1)[1] for (u,) in conn.execute("SELECT url FROM documents")}
    rerun = subprocess.run(sitrep("watch", web.url("/feed.xml"), "--db", f"sqlite:///{db}", "--once"),
                           capture_output=True, text=True, env=env(), timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert count(db, "SELECT count(*) FROM documents") == STORIES
    assert count(db, "SELECT count(DISTINCT url) FROM documents") == STORIES
    story_requests = [s.path for s in web.seen if s.path.startswith("/story/")]
    assert all(story_requests.count(p) == 1 for p in stored_first)  # what was stored is not fetched again
    assert len(story_requests) <= STORIES + 1  # at most the article in flight at the stop is fetched twice


def test_one_line_per_poll_on_stderr(web, tmp_path):
    done = subprocess.run(sitrep("watch", web.url("/feed.xml"), "--db", f"sqlite:///{tmp_path / 'w.db'}", "--once"),
                          capture_output=True, text=True, env=env(), timeout=300)
    assert done.returncode == 0, done.stderr
    polls = [line for line in done.stderr.splitlines() if line.startswith("poll ")]
    assert polls == [p for p in polls if f"poll {web.url('/feed.xml')}: {STORIES} new, 0 known" in p] and len(polls) == 1
    assert done.stdout == ""


def test_ingest_url_fetches_a_single_feed(web, invoke, tmp_path):
    db = tmp_path / "i.db"
    os.environ["SITREP_WATCH_HOST_DELAY"] = "0"
    try:
        result = invoke("ingest", web.url("/feed.xml"), "--db", f"sqlite:///{db}")
    finally:
        del os.environ["SITREP_WATCH_HOST_DELAY"]
    assert result.exit_code == 0, result.stderr
    assert count(db, "SELECT count(*) FROM documents") == STORIES


def test_config_file_sources_are_polled_with_their_outlet(web, invoke, tmp_path):
    config = tmp_path / "sitrep.toml"
    config.write_text(f'[store]\nurl = "ignored here"\n\n[[source]]\nname = "harbour"\nurl = "{web.url("/story/1")}"\n'
                      'outlet = "Harbour News"\nlanguage = "en"\ninterval = 300\n', encoding="utf-8")
    db = tmp_path / "c.db"
    result = invoke("watch", "--config", config, "--db", f"sqlite:///{db}", "--once")
    assert result.exit_code == 0, result.stderr
    assert "poll harbour: 1 new" in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT outlet, language FROM documents").fetchall() == [("Harbour News", "en")]


@pytest.mark.parametrize(("content", "message"), [
    ("[[source]]\nname = 'x'\n", "source 1: 'url' is required"),
    ("[[source]]\nurl = 'http://x'\ninterval = -5\n", "'interval' must be a positive number"),
    ("[[source]]\nurl = 'http://x'\nfeed = 'y'\n", "unknown field(s) feed"),
    ("[[source]\nurl=", "not valid TOML"),
])
def test_bad_config_gets_a_clear_error(invoke, tmp_path, content, message):
    config = tmp_path / "bad.toml"
    config.write_text(content, encoding="utf-8")
    result = invoke("watch", "--config", config, "--db", f"sqlite:///{tmp_path / 'x.db'}", "--once")
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_watch_once_exits_non_zero_when_every_source_fails(invoke, tmp_path):
    result = invoke("watch", "http://127.0.0.1:9/feed.xml", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--once")
    assert result.exit_code == 1
    assert "poll http://127.0.0.1:9/feed.xml: 0 new, 0 known, 0 event(s), 1 error(s)" in result.stderr
