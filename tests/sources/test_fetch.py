"""The watcher's web client against a real loopback HTTP server (issue 17 items 2 and 7)."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest
from webserver import FakeWeb, Route, article

from sitrep.settings import WatchSettings
from sitrep.sources.fetch import Fetcher, FetchError, Stopped

FAST = WatchSettings(contact="ops@example.org", host_delay=0.0, timeout=2.0, retries=2, backoff=0.05)
PAGE = article("Convoy leaves the base", ["A convoy left the base on Tuesday morning, witnesses said."])


@pytest.fixture()
def web():
    server = FakeWeb()
    yield server
    server.close()


def fetch(web: FakeWeb, path: str, settings: WatchSettings = FAST, **kw):
    with Fetcher(settings) as client:
        return client.get(web.url(path), **kw)


def test_user_agent_names_sitrep_and_the_contact(web):
    web.routes["/a"] = Route(PAGE)
    fetch(web, "/a")
    agent = web.requests("/a")[0].headers["user-agent"]
    assert agent.startswith("sitrep/") and "ops@example.org" in agent


def test_etag_is_sent_back_and_304_returns_no_body(web):
    web.routes["/feed"] = Route(b"<rss></rss>", etag='"v1"', content_type="application/rss+xml")
    first = fetch(web, "/feed")
    second = fetch(web, "/feed", etag=first.etag)
    assert (first.status, first.etag, second.status, second.body) == (200, '"v1"', 304, b"")
    assert web.requests("/feed")[1].headers["if-none-match"] == '"v1"'


def test_last_modified_is_sent_back_as_if_modified_since(web):
    stamp = "Wed, 18 Dec 2024 10:00:00 GMT"
    web.routes["/page"] = Route(PAGE, last_modified=stamp)
    first = fetch(web, "/page")
    assert fetch(web, "/page", last_modified=first.last_modified).status == 304


def test_429_is_retried_after_the_time_retry_after_asks(web):
    web.routes["/busy"] = Route(PAGE, before=[(429, {"Retry-After": "1"})])
    started = time.monotonic()
    got = fetch(web, "/busy")
    seen = web.requests("/busy")
    assert got.status == 200 and [s.status for s in seen] == [429, 200]
    assert seen[1].at - seen[0].at >= 0.95
    assert time.monotonic() - started < 5


def test_503_past_the_retries_is_a_transient_error(web):
    web.routes["/down"] = Route(PAGE, before=[(503, {})] * 5)
    with pytest.raises(FetchError) as caught:
        fetch(web, "/down")
    assert caught.value.transient and "503" in caught.value.reason
    assert len(web.requests("/down")) == FAST.retries + 1


def test_retry_after_longer_than_allowed_is_not_waited_for(web):
    web.routes["/later"] = Route(PAGE, before=[(429, {"Retry-After": "3600"})])
    started = time.monotonic()
    with pytest.raises(FetchError, match="asked to wait 3600 s"):
        fetch(web, "/later")
    assert time.monotonic() - started < 2


def test_slow_server_past_the_timeout_fails_after_retries(web):
    web.routes["/slow"] = Route(PAGE, delay=1.5)
    settings = replace(FAST, timeout=0.3, retries=1)
    started = time.monotonic()
    with pytest.raises(FetchError, match="no answer within 0.3 s") as caught:
        fetch(web, "/slow", settings)
    assert caught.value.transient
    assert time.monotonic() - started < 1.5 * 2 + 1


def test_redirect_loop_stops_at_the_redirect_limit(web):
    web.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    web.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="redirects") as caught:
        fetch(web, "/a")
    assert not caught.value.transient
    assert len(web.requests("/a")) + len(web.requests("/b")) == FAST.max_redirects + 1


def test_a_redirect_is_followed_and_the_final_url_kept(web):
    web.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    web.routes["/new"] = Route(PAGE)
    assert fetch(web, "/old").url == web.url("/new")


def test_gzip_body_is_decompressed(web):
    web.routes["/gz"] = Route(PAGE, gzip=True)
    got = fetch(web, "/gz")
    assert got.body == PAGE
    assert web.requests("/gz")[0].sent < len(PAGE)


@pytest.mark.parametrize("ctype", ["image/png", "application/pdf", "application/zip"])
def test_non_html_content_types_are_refused(web, ctype):
    web.routes["/file"] = Route(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type=ctype)
    with pytest.raises(FetchError, match=f"not a page or feed .*{ctype}") as caught:
        fetch(web, "/file")
    assert not caught.value.transient


def test_50_mb_page_is_abandoned_at_the_size_limit(web):
    def fifty_megabytes():
        yield b"<html><body><p>"
        for _ in range(50 * 1024):
            yield b"x" * 1024

    web.routes["/huge"] = Route(stream=fifty_megabytes)  # no Content-Length: only counting stops it
    settings = replace(FAST, max_bytes=1_000_000)
    with pytest.raises(FetchError, match="larger than 1,000,000 bytes"):
        fetch(web, "/huge", settings)
    time.sleep(0.2)
    assert web.requests("/huge")[0].sent < 20 * 1024 * 1024  # the client hung up long before the end


def test_declared_length_over_the_limit_is_refused_before_reading(web):
    web.routes["/big"] = Route(b"y" * 2_000_000)
    with pytest.raises(FetchError, match="Content-Length 2,000,000"):
        fetch(web, "/big", replace(FAST, max_bytes=1_000_000))


def test_gzip_bomb_stops_at_the_size_limit(web):
    web.routes["/bomb"] = Route(b"<p>" + b"a" * 30_000_000, gzip=True)
    with pytest.raises(FetchError, match="larger than 1,000,000 bytes"):
        fetch(web, "/bomb", replace(FAST, max_bytes=1_000_000))


def test_robots_txt_disallow_is_obeyed(web):
    web.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    web.routes["/private/x"] = Route(PAGE)
    with pytest.raises(FetchError, match="robots.txt"):
        fetch(web, "/private/x")
    assert web.requests("/private/x") == []


def test_missing_robots_txt_allows_everything(web):
    del web.routes["/robots.txt"]
    web.routes["/a"] = Route(PAGE)
    assert fetch(web, "/a").status == 200


def test_requests_to_one_host_are_spaced_by_the_host_delay(web):
    web.routes["/a"] = Route(PAGE)
    with Fetcher(replace(FAST, host_delay=0.3)) as client:
        threads = [threading.Thread(target=client.get, args=(web.url("/a"),)) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    times = sorted(s.at for s in web.requests("/a"))
    assert len(times) == 3 and all(b - a >= 0.25 for a, b in zip(times, times[1:], strict=False))


def test_a_stop_interrupts_a_wait_for_retry(web):
    web.routes["/busy"] = Route(PAGE, before=[(429, {"Retry-After": "30"})])
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    started = time.monotonic()
    with Fetcher(replace(FAST, max_retry_after=60), stop=stop) as client, pytest.raises(Stopped):
        client.get(web.url("/busy"))
    assert time.monotonic() - started < 3


def test_a_url_that_is_not_http_is_refused():
    with Fetcher(FAST) as client, pytest.raises(FetchError, match="not an http"):
        client.get("file:///etc/passwd")


def test_robots_txt_answering_5xx_disallows_everything(web):
    web.routes["/robots.txt"] = Route(b"", status=503)
    web.routes["/a"] = Route(PAGE)
    with pytest.raises(FetchError, match="robots.txt"):
        fetch(web, "/a")
    assert web.requests("/a") == []


def test_an_unreachable_host_is_a_transient_connection_failure():
    with Fetcher(FAST) as client, pytest.raises(FetchError, match="connection failed") as caught:
        client.get("http://127.0.0.1:9/feed.xml")
    assert caught.value.transient
