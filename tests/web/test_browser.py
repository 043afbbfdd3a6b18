"""The dashboard in a real browser: `sitrep serve` (uvicorn) on 127.0.0.1, driven by Playwright with
Debian's Chromium. Screenshots go to test-artifacts/screenshots/ (look at them)."""

from __future__ import annotations

import urllib.request
from typing import Any

from browser import SHOTS, wait_until  # tests/web is on sys.path (rootdir-less test folders)

MODERATOR = ("editor", "a long enough passphrase")  # made by the `server` fixture


def _events_on_map(page: Any) -> int:
    return int(page.locator("#map-count").inner_text().split()[0])


def test_map_renders_borders_sites_and_events_and_a_click_opens_a_site(page: Any) -> None:
    page.goto("/")
    page.wait_for_selector("#map[data-ready='true']", timeout=15000)
    wait_until(lambda: page.locator(".leaflet-overlay-pane canvas").count() >= 1)  # the borders
    sites = page.locator(".leaflet-marker-icon.site-marker")
    assert sites.count() >= 90  # every curated site
    assert page.locator(".site-marker.site-vacated").count() >= 1
    # Events are markers shaped by type, close ones gathered into clusters.
    assert page.locator(".event-marker").count() + page.locator(".event-cluster").count() >= 5
    assert _events_on_map(page) >= 10
    assert page.locator("#timeline rect.bar").count() >= 5
    wait_until(lambda: page.locator("path.imagery-footprint").count() > 0)
    wait_until(lambda: page.locator("path.flight-track").count() > 0)
    assert "events on the map" in page.locator("#map-count").inner_text()
    page.screenshot(path=str(SHOTS / "map.png"))

    # Nearby sites' markers overlap (Ain Issa, Tel al-Samn): the click goes to the marker itself.
    page.locator(".site-marker.site-vacated").first.dispatch_event("click")
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
    retreats = _events_on_map(page)
    assert page.locator(".event-marker:not(.et-RETREAT)").count() == 0
    page.goto("/")
    page.wait_for_selector("#map[data-ready='true']")
    everything = _events_on_map(page)
    assert 0 < retreats < everything
    # Narrow the period with the slider's start handle: fewer events are drawn.
    slider = page.locator("#range-from")
    last = int(slider.get_attribute("max") or 0)
    slider.fill(str(last - 10))
    slider.dispatch_event("change")
    wait_until(lambda: _events_on_map(page) < everything)
    assert page.locator("#f-since").input_value() != ""
    assert "since=" in page.url  # the period is in the address


def test_event_page_quotes_the_evidence(page: Any, server: str) -> None:
    event_id = _fused_event_with_sources(server)
    page.goto(f"/events/{event_id}")
    assert page.locator(".quote mark").count() >= 2
    wait_until(lambda: page.locator(".minimap canvas").count() >= 1)  # borders drawn
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


def _fused_event_with_sources(server: str) -> str:
    import json

    with urllib.request.urlopen(server + "/api/events?min_sources=2&limit=1") as r:
        return str(json.load(r)["events"][0]["id"])
