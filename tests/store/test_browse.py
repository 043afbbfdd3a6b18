"""Paged browsing returns exactly the matching events, newest first, undated last, each once:
on SQLite always, on PostgreSQL when SITREP_TEST_PG_URL names a server (CI sets it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from sitrep.bench.webstore import synthetic_rows
from sitrep.fuse.brief import REGIONS
from sitrep.geo.gazetteer import read_sites
from sitrep.store import open_store
from sitrep.store.browse import Browse, browse_events, date_span, filter_choices
from sitrep.store.db import Store
from sitrep.store.schema import fused_events

Row = dict[str, Any]
SYRIA = (35.5, 32.3, 42.4, 37.4)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def filled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[Row]]:
    """3,000 synthetic fused events (one in 40 undated, many sharing a day) in a fresh store."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('browse') / 'browse.db'}"
    else:
        url = request.getfixturevalue("fresh_pg_url")
    store = open_store(url)
    sites = list(read_sites().values())
    store.sync_sites(sites)
    rows = [{**r, "sort_date": None} if i % 40 == 7 else r for i, r in enumerate(synthetic_rows(3000, sites))]
    with store.engine.begin() as conn:
        conn.execute(insert(fused_events), rows)
    return store, rows


def expected(rows: list[Row], keep: Callable[[Row], bool]) -> list[str]:
    dated = sorted((r for r in rows if keep(r) and r["sort_date"]), key=lambda r: (r["sort_date"], r["id"]), reverse=True)
    undated = sorted((r["id"] for r in rows if keep(r) and not r["sort_date"]), reverse=True)
    return [r["id"] for r in dated] + undated


def every_page(store: Store, b: Browse) -> list[str]:
    ids: list[str] = []
    cursor = None
    while True:
        records, cursor = browse_events(store, Browse(**{**b.__dict__, "cursor": cursor}))
        ids += [r["id"] for r in records]
        if cursor is None:
            return ids


def in_box(r: Row) -> bool:
    west, south, east, north = SYRIA
    return r["lat"] is not None and south <= r["lat"] <= north and west <= r["lon"] <= east


CASES: dict[str, tuple[Browse, Callable[[Row], bool]]] = {
    "everything": (Browse(), lambda r: True),
    "region of several countries": (Browse(countries=frozenset(REGIONS["levant"])),
                                    lambda r: r["country_code"] in REGIONS["levant"]),
    "one country": (Browse(countries=frozenset({"IRQ"})), lambda r: r["country_code"] == "IRQ"),
    "bounding box": (Browse(bbox=SYRIA), in_box),
    "kind and sources": (Browse(kind="official", min_sources=2),
                         lambda r: ",official," in r["evidence_kinds"] and r["independent_sources"] >= 2),
    "type and period": (Browse(event_type="retreat", since=date(2024, 1, 1), until=date(2024, 12, 31)),
                        lambda r: r["event"] == "RETREAT" and r["sort_date"] is not None
                        and date(2024, 1, 1) <= r["sort_date"] <= date(2024, 12, 31)),
    "site and actor": (Browse(site_id="hmeimim", actor="rus"),
                       lambda r: r["site_id"] == "hmeimim" and r["actor_code"] == "RUS"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_paging_returns_every_match_once_newest_first_undated_last(filled: tuple[Store, list[Row]], case: str) -> None:
    store, rows = filled
    b, keep = CASES[case]
    want = expected(rows, keep)
    assert want, "the case matches nothing: it tests nothing"
    assert every_page(store, Browse(**{**b.__dict__, "limit": 37})) == want


def test_menus_and_span_come_from_the_store(filled: tuple[Store, list[Row]]) -> None:
    store, rows = filled
    choices = filter_choices(store)
    assert choices["types"] == sorted({r["event"] for r in rows})
    assert choices["actors"] == sorted({r["actor_code"] for r in rows if r["actor_code"]})
    assert choices["countries"] == sorted({r["country_code"] for r in rows if r["country_code"]})
    days = [r["sort_date"] for r in rows if r["sort_date"]]
    assert date_span(store) == (min(days), max(days))


def test_an_empty_store_has_no_span_and_no_menus(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    assert date_span(store) == (None, None)
    assert filter_choices(store)["types"] == []
    assert browse_events(store, Browse()) == ([], None)
