"""The dashboard in a real browser: `sitrep serve` (uvicorn) on 127.0.0.1, driven by Playwright with
Debian's Chromium. Screenshots go to test-artifacts/screenshots/ (look at them)."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner

from sitrep.cli import cli

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
MODERATOR = ("editor", "a long enough passphrase")

if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium for these tests")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, samples_db: dict[str, Any]) -> Iterator[str]:
    """`sitrep serve` on a copy of the ingested samples, with one moderator; yields its base URL."""
    path = tmp_path_factory.mktemp("browser") / "web.db"
    with sqlite3.connect(samples_db["path"]) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    url = f"sqlite:///{path}"
    made = CliRunner().invoke(cli, ["admin", "create", MODERATOR[0], "--db", url, "--password-stdin"],
                              input=MODERATOR[1] + "\n")
    assert made.exit_code == 0, made.output
    port = _free_port()
    sitrep = Path(sys.executable).with_name("sitrep")
    proc = subprocess.Popen([str(sitrep), "serve", "--db", url, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/api/filters", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(f"sitrep serve exited: {proc.stdout.read() if proc.stdout else ''}") from None
                time.sleep(0.2)
        else:
            raise AssertionError("sitrep serve did not answer in 30 s")
        yield base
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
        assert f"http://127.0.0.1:{port}/" in out  # it says where the dashboard is
        # The server's own log must not carry commenters' emails either.
        assert "@example.org" not in out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh browser context; fails the test on any script error, dialog or off-site request."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    pg.on("dialog", lambda d: (problems.append(f"dialog opened: {d.message}"), d.dismiss()))
    pg.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)

    def check_host(request: Any) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith("http") and host != "127.0.0.1":
            problems.append(f"request to another host: {request.url}")

    pg.on("request", check_host)
    pg.problems = problems  # a test that expects an error status removes its console line
    yield pg
    context.close()
    assert not problems, problems


def test_map_renders_borders_sites_and_events_and_a_click_opens_a_site(page: Any) -> None:
    page.goto("/")
    page.wait_for_selector("#map[data-ready='true']", timeout=15000)
    _wait_until(lambda: page.locator(".leaflet-overlay-pane canvas").count() >= 1)  # the borders
    sites = page.locator("path.site-marker")
    assert sites.count() >= 90  # every curated site
    assert page.locator("path.site-vacated").count() >= 1
    assert page.locator("path.event-marker").count() >= 10
    assert page.locator("#timeline rect.bar").count() >= 5
    _wait_until(lambda: page.locator("path.imagery-footprint").count() > 0)
    _wait_until(lambda: page.locator("path.flight-track").count() > 0)
    assert "events on the map" in page.locator("#map-count").inner_text()
    page.screenshot(path=str(SHOTS / "map.png"))

    # Nearby sites' markers overlap (Ain Issa, Tel al-Samn): the click goes to the marker itself.
    page.locator("path.site-vacated").first.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "vacated" in popup.inner_text()
    page.screenshot(path=str(SHOTS / "map-site-popup.png"))
    link = popup.locator("a.open-site")
    assert link.get_attribute("href").startswith("/sites/")
    link.dispatch_event("click")  # the popup can sit under a neighbour's permanent label
    page.wait_for_url("**/sites/**")
    assert "vacated" in page.locator("h1 .status").inner_text()
    assert page.locator(".timeline-list blockquote").count() >= 1
    page.screenshot(path=str(SHOTS / "site.png"), full_page=True)


def test_filters_and_period_slider_reload_the_map(page: Any) -> None:
    page.goto("/?type=RETREAT")
    page.wait_for_selector("#map[data-ready='true']")
    retreats = page.locator("path.event-marker").count()
    page.goto("/")
    page.wait_for_selector("#map[data-ready='true']")
    everything = page.locator("path.event-marker").count()
    assert 0 < retreats < everything
    # Narrow the period with the slider's start handle: fewer events are drawn.
    slider = page.locator("#range-from")
    last = int(slider.get_attribute("max") or 0)
    slider.fill(str(last - 10))
    slider.dispatch_event("change")
    _wait_until(lambda: page.locator("path.event-marker").count() < everything)
    assert page.locator("#f-since").input_value() != ""


def test_event_page_quotes_the_evidence(page: Any, server: str) -> None:
    event_id = _fused_event_with_sources(server)
    page.goto(f"/events/{event_id}")
    assert page.locator(".quote mark").count() >= 2
    _wait_until(lambda: page.locator(".minimap canvas").count() >= 1)  # borders drawn
    page.screenshot(path=str(SHOTS / "event.png"), full_page=True)


def test_comment_waits_for_moderation_then_appears_after_approval(page: Any, browser: Any, server: str) -> None:
    event_id = _fused_event_with_sources(server)
    body = "Seen the same convoy from the road. <img src=x onerror=alert('xss')> <script>alert(2)</script>"
    page.goto(f"/events/{event_id}")
    page.fill("#reply-name", "Rana <b>R.</b>")
    page.fill("#reply-email", "rana.reader@example.org")
    page.fill("#reply-website", "https://rana.example.net/notes")
    page.fill("#reply-body", body)
    page.click("form.reply button[type=submit]")
    page.wait_for_url(f"**/events/{event_id}*")
    assert "awaiting moderation" in page.locator(".notice").inner_text().lower()
    assert page.locator(".comments .comment-body").filter(has_text="Seen the same convoy").count() == 0
    page.screenshot(path=str(SHOTS / "comment-pending.png"), full_page=True)

    mod = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server).new_page()
    mod.goto("/admin/comments")
    mod.wait_for_url("**/admin/login*")
    mod.fill("#login-name", MODERATOR[0])
    mod.fill("#login-password", MODERATOR[1])
    mod.click("form.admin-login button[type=submit]")
    mod.wait_for_url("**/admin/comments*")
    assert "rana.reader" not in mod.content()  # moderators do not see emails either
    mod.screenshot(path=str(SHOTS / "moderation.png"), full_page=True)
    item = mod.locator("li.comment").filter(has_text="Seen the same convoy").first
    item.locator("button.action-approve").click()
    mod.wait_for_load_state()
    mod.context.close()

    page.goto(f"/events/{event_id}#comments")
    shown = page.locator(".comments .comment-body").filter(has_text="Seen the same convoy")
    assert shown.count() == 1
    # The payload is shown as text; the page's dialog handler fails the test if anything ran.
    assert "<img src=x onerror=alert('xss')>" in shown.inner_text()
    assert page.locator(".comments img").count() == 0
    assert "Rana <b>R.</b>" in page.locator(".comment-author").first.inner_text()
    assert "rana.reader@example.org" not in page.content()
    page.screenshot(path=str(SHOTS / "comment-approved.png"), full_page=True)


def test_form_errors_are_shown_next_to_the_fields(page: Any, server: str) -> None:
    page.goto("/sites/hmeimim")
    page.fill("#reply-name", "Sam")
    page.fill("#reply-email", "sam@example.org")
    page.fill("#reply-website", "javascript:alert(1)")
    page.fill("#reply-body", "A note on the runway works.")
    # The browser's own checks would stop a bad URL; the server must say it too.
    page.evaluate("document.querySelector('form.reply').noValidate = true")
    page.click("form.reply button[type=submit]")
    assert page.locator("#reply-website-error").is_visible()
    assert page.locator("#reply-body").input_value() == "A note on the runway works."
    page.screenshot(path=str(SHOTS / "comment-error.png"), full_page=True)
    expected = [p for p in page.problems if "status of 400" in p]
    assert len(expected) == 1  # the rejected form comes back as 400 Bad Request
    page.problems.remove(expected[0])


def _wait_until(condition: Any, timeout: float = 15.0) -> None:
    """Polls from Python: the app's CSP (rightly) forbids the eval behind page.wait_for_function."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


def _fused_event_with_sources(server: str) -> str:
    import json

    with urllib.request.urlopen(server + "/api/events?min_sources=2&limit=1") as r:
        return str(json.load(r)["events"][0]["id"])
