"""Imported evidence in a real browser (issue 20): the map draws thermal detections, geolocated
footage, dataset events and ship calls as layers the layer control toggles, and a site page lists
the evidence nearby with date, kind, source link and distance; at desktop (1280x800) and phone
(390x844) sizes, nothing overflows sideways and axe-core finds no serious problem. Screenshots
go to test-artifacts/screenshots/ (look at them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser import SHOTS, axe_violations, horizontal_overflow, wait_until, watched_page

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
KINDS = ("thermal", "geolocated", "dataset", "ship")


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, browser: Any, server: str) -> Iterator[tuple[str, Any]]:
    pg = watched_page(browser, server, size=SIZES[request.param], bypass_csp=True)
    yield request.param, pg
    pg.context.close()
    assert not pg.problems, pg.problems


def _markers(page: Any, kind: str) -> int:
    return int(page.locator(f"path.evidence-{kind}").count())


def test_the_map_draws_each_evidence_kind_and_the_control_toggles_it(sized: tuple[str, Any]) -> None:
    size, page = sized
    page.goto("/?since=2024-12-01&until=2024-12-31")
    page.wait_for_selector("#map[data-ready='true']", timeout=15000)
    for kind in KINDS:
        wait_until(lambda kind=kind: _markers(page, kind) > 0)
    page.screenshot(path=str(SHOTS / f"map-evidence-{size}.png"))
    # The layer control (collapsed: opened by hovering on desktop, a tap on a phone) turns thermal off.
    control = page.locator(".leaflet-control-layers")
    control.hover()
    page.locator(".leaflet-control-layers-toggle").dispatch_event("click")
    box = page.locator(".leaflet-control-layers-overlays label", has_text="Thermal detections").locator("input")
    box.uncheck()
    wait_until(lambda: _markers(page, "thermal") == 0)
    assert _markers(page, "ship") > 0  # the others stay
    page.screenshot(path=str(SHOTS / f"map-evidence-toggled-{size}.png"))
    box.check()
    wait_until(lambda: _markers(page, "thermal") > 0)
    # Close in on Tartus: the detections south of the facility and the ship calls at its piers.
    page.goto("/?since=2024-12-01&until=2024-12-31&z=11&lat=34.905&lon=35.88")
    page.wait_for_selector("#map[data-ready='true']", timeout=15000)
    wait_until(lambda: _markers(page, "thermal") >= 3)
    page.screenshot(path=str(SHOTS / f"map-evidence-tartus-{size}.png"))


def _drag_map(page: Any, dx: int, times: int) -> None:
    box = page.locator("#map").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for _ in range(times):
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + dx, y, steps=8)
        page.mouse.up()


def test_evidence_layers_follow_the_view(page: Any) -> None:
    """The layers hold the records around the view only: panning out to sea loads that box (no
    detections there), and coming back loads Tartus's again."""
    page.goto("/?since=2024-12-01&until=2024-12-31&z=11&lat=34.905&lon=35.88")
    page.wait_for_selector("#map[data-ready='true']", timeout=15000)
    wait_until(lambda: _markers(page, "thermal") >= 3)
    boxes: list[str] = []
    page.on("request", lambda r: boxes.append(r.url) if "/api/evidence" in r.url and "kind=thermal" in r.url else None)
    _drag_map(page, 500, 5)  # about 1.7 degrees west: the sea between Tartus and Cyprus
    wait_until(lambda: _markers(page, "thermal") == 0)
    assert boxes and all("bbox=" in url for url in boxes)
    _drag_map(page, -500, 5)
    wait_until(lambda: _markers(page, "thermal") >= 3)


def test_the_api_filters_evidence_by_box(server: str) -> None:
    import httpx

    def kinds(box: str) -> list[str]:
        body = httpx.get(f"{server}/api/evidence", params={"bbox": box, "kind": "thermal"}).json()
        return [r["site"] for r in body]

    assert kinds("35.80,34.85,35.95,34.95") and set(kinds("35.80,34.85,35.95,34.95")) == {"tartus-naval"}
    assert kinds("-10,-10,10,10") == []
    assert kinds("170,-90,35.95,90")  # across the antimeridian: 170 east round to 35.95 east
    assert httpx.get(f"{server}/api/evidence", params={"bbox": "1,2,3"}).status_code == 400


def test_a_marker_opens_a_popup_with_the_records_source(page: Any) -> None:
    page.goto("/?since=2024-12-01&until=2024-12-31")
    page.wait_for_selector("#map[data-ready='true']", timeout=15000)
    wait_until(lambda: _markers(page, "geolocated") > 0)
    page.locator("path.evidence-geolocated").first.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Geolocated footage" in popup.inner_text()
    assert popup.locator("a[href^='https://']").count() + popup.locator("a[href^='/sites/']").count() >= 1


def test_a_site_page_lists_the_evidence_nearby(sized: tuple[str, Any]) -> None:
    size, page = sized
    page.goto("/sites/tartus-naval")
    table = page.locator("table.evidence")
    table.wait_for()
    rows = table.locator("tbody tr")
    text = table.inner_text()
    kinds = {k for k in ("thermal detection", "dataset event", "ship call") if k in text}
    assert kinds == {"thermal detection", "dataset event", "ship call"}
    assert rows.count() >= 8
    first = rows.first.locator("td")
    assert first.nth(0).inner_text()[:3] == "202" and first.nth(4).inner_text().endswith(" km")
    # Newest first; the FIRMS detections 2-3 km south of the facility carry their distance.
    dates = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
    assert dates == sorted(dates, reverse=True)
    assert "Tartus Naval Facility" in page.locator("h1").inner_text()
    assert horizontal_overflow(page) == 0
    assert axe_violations(page) == []
    page.screenshot(path=str(SHOTS / f"site-evidence-{size}.png"), full_page=True)


def test_a_source_link_leads_to_the_footage(page: Any) -> None:
    page.goto("/sites/qamishli-airport")
    link = page.locator("table.evidence a[href^='https://geo.example/']")
    assert link.count() >= 1 and link.first.inner_text() == "GeoConfirmed"
