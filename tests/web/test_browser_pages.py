"""Each page as a new user meets it, in a real browser at desktop (1440x900) and phone (390x844)
sizes: the map has a height, nothing overflows sideways, axe-core finds no serious or critical
accessibility problem, and the map keeps its whole view in the address (issue 16)."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from browser import SHOTS, SIZES, axe_violations, horizontal_overflow, wait_until, watched_page

PAGES = {"map": "/", "events": "/events", "sites": "/sites", "site": "/sites/hmeimim",
         "brief": "/brief?since=2024-12-01", "search": "/search?q=qamishli", "event": None}


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, browser: Any, server: str) -> Iterator[tuple[str, Any]]:
    """A watched page at one of the two sizes (CSP bypassed so that axe-core can be injected)."""
    pg = watched_page(browser, server, size=SIZES[request.param], bypass_csp=True)
    yield request.param, pg
    pg.context.close()
    assert not pg.problems, pg.problems


def _event_id(server: str) -> str:
    with urllib.request.urlopen(server + "/api/events?min_sources=2&limit=1") as r:
        return str(json.load(r)["events"][0]["id"])


def _open(pg: Any, server: str, name: str) -> None:
    pg.goto(PAGES[name] or f"/events/{_event_id(server)}")
    if name == "map":
        pg.wait_for_selector("#map[data-ready='true']", timeout=15000)
    pg.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_the_screen_and_passes_axe(sized: tuple[str, Any], server: str, name: str) -> None:
    size, pg = sized
    _open(pg, server, name)
    pg.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=name != "map")
    assert horizontal_overflow(pg) <= 0, f"{name} is wider than a {size} screen"
    assert axe_violations(pg) == []


def test_the_map_has_a_height_on_both_sizes(sized: tuple[str, Any], server: str) -> None:
    size, pg = sized
    _open(pg, server, "map")
    height = pg.locator("#map").bounding_box()["height"]
    assert height >= (400 if size == "phone" else 600)
    # The map comes before the filters on a phone: it is what the page is for.
    assert pg.locator("#map").bounding_box()["y"] < pg.locator("#filters").bounding_box()["y"] or size == "desktop"


def test_apply_with_empty_fields_shows_the_map_not_an_error(sized: tuple[str, Any], server: str) -> None:
    _size, pg = sized
    _open(pg, server, "map")
    pg.select_option("select[name=type]", "RETREAT")
    with pg.expect_navigation():
        pg.click("#filters button[type=submit]")
    assert "type=RETREAT" in pg.url and "min_sources=" not in pg.url
    pg.wait_for_selector("#map[data-ready='true']")
    assert pg.locator(".error").count() == 0
    # The server too takes an empty field for no filter (a form sent without the page's script).
    response = pg.request.get("/events?min_sources=&since=&until=&type=")
    assert response.status == 200


def test_events_are_shaped_by_type_with_a_legend_and_clustered(page: Any) -> None:
    page.goto("/")
    page.wait_for_selector("#map[data-ready='true']")
    legend = page.locator(".event-legend").inner_text()
    assert "MOBILIZE" in legend and "RETREAT" in legend
    assert page.locator(".event-legend .ev-shape.fam-arrive").count() == 1
    wait_until(lambda: page.locator(".event-cluster").count() >= 1)
    # Zoomed in, the clusters open into markers of each type's shape.
    page.goto("/?z=9&lat=35.4&lon=35.95")
    page.wait_for_selector("#map[data-ready='true']")
    wait_until(lambda: page.locator(".event-marker.fam-arrive, .event-marker.fam-leave").count() >= 1)


def test_the_base_map_names_places(page: Any) -> None:
    page.goto("/?z=7&lat=35&lon=37")
    page.wait_for_selector("#map[data-ready='true']")
    wait_until(lambda: page.locator(".place-label").count() >= 3)
    names = page.locator(".place-label").all_inner_texts()
    assert any(n in names for n in ("Aleppo", "Damascus", "Homs", "Hamah", "Latakia"))


def test_the_view_is_in_the_address_and_a_link_reproduces_it(page: Any) -> None:
    page.goto("/?type=RETREAT")
    page.wait_for_selector("#map[data-ready='true']")
    page.click(".leaflet-control-zoom-in")
    wait_until(lambda: "z=" in page.url and "lat=" in page.url)
    page.locator(".site-marker.site-vacated").first.dispatch_event("click")
    page.locator(".leaflet-popup-content").wait_for()
    wait_until(lambda: "sel=" in page.url)
    link = page.url
    assert "type=RETREAT" in link
    zoom = float(link.split("z=")[1].split("&")[0])
    page.goto("about:blank")
    page.goto(link)
    page.wait_for_selector("#map[data-ready='true']")
    page.locator(".leaflet-popup-content").wait_for()  # the chosen site's popup opens again
    # The popup's pan settles after its animation; the address then holds the linked zoom.
    wait_until(lambda: f"z={zoom:g}" in page.url or f"z={zoom}" in page.url)


def test_slider_is_clamped_to_the_data_and_labelled(page: Any) -> None:
    page.goto("/")
    page.wait_for_selector("#map[data-ready='true']")
    first, last = page.locator("#range-min").inner_text(), page.locator("#range-max").inner_text()
    assert first and last and first < last
    assert page.locator("#range").get_attribute("data-lo") == first
    assert first in page.locator("#range-out").inner_text()  # dates shown before it is moved


def test_a_timeline_day_keeps_the_overview(page: Any) -> None:
    page.goto("/")
    page.wait_for_selector("#map[data-ready='true']")
    wait_until(lambda: page.locator("#timeline rect.bar").count() >= 5)
    bars = page.locator("#timeline rect.bar").count()
    day = page.locator("#timeline rect.bar").nth(3)
    date = day.get_attribute("data-date")
    day.dispatch_event("click")
    wait_until(lambda: f"since={date}" in page.url and f"until={date}" in page.url)
    assert page.locator("#timeline rect.bar").count() == bars
    assert page.locator("#timeline rect.bar.in-period").count() == 1


def test_keyboard_opens_a_site_and_statuses_follow_the_period(page: Any) -> None:
    page.goto("/?until=2024-12-05")
    page.wait_for_selector("#map[data-ready='true']")
    # Before the drawdown nothing was confirmed: no site is drawn vacated.
    assert page.locator(".site-marker.site-vacated").count() == 0
    page.goto("/")
    page.wait_for_selector("#map[data-ready='true']")
    marker = page.locator(".site-marker.site-vacated").first
    marker.focus()
    page.keyboard.press("Enter")
    assert "vacated" in page.locator(".leaflet-popup-content").inner_text()


def test_sites_table_sorts_and_links_its_rows(page: Any) -> None:
    page.goto("/sites")
    assert page.locator("a[href^='/api/sites.csv']").count() == 1
    assert page.locator("a[href^='/api/sites?']").count() == 1
    assert "air base" in page.locator("table.sites").inner_text()
    page.click("th:has-text('Events') button")
    page.click("th:has-text('Events') button")  # descending
    counts = [int(x) for x in page.locator("table.sites tbody tr td:nth-child(8)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0


def test_dark_mode_follows_the_system(browser: Any, server: str) -> None:
    pg = watched_page(browser, server, color_scheme="dark")
    pg.goto("/sites")
    background = pg.evaluate("getComputedStyle(document.body).backgroundColor")
    pg.context.close()
    assert background == "rgb(18, 24, 29)"
