"""The store's public API on real SQLite files: migrations, idempotent and atomic report saving."""

from __future__ import annotations

import sqlite3
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.exc import IntegrityError

from sitrep.geo.gazetteer import read_sites
from sitrep.records import Report, content_id
from sitrep.store import Store, open_store

TEXT = ("Russian forces left the bases at Ain Issa and Tel Al-Samn on Monday. "
        "Two days later, residents said Russian helicopters had flown out of Qamishli airport.")
TABLES = {"documents", "sites", "events", "event_sources", "alembic_version"}


def sqlite_path(store: Store) -> Path:
    return Path(store.engine.url.database)


def rows(store: Store, sql: str) -> list[tuple]:
    with sqlite3.connect(sqlite_path(store)) as conn:
        return conn.execute(sql).fetchall()


def table_counts(store: Store) -> dict[str, int]:
    return {t: rows(store, f"SELECT count(*) FROM {t}")[0][0] for t in ("documents", "events", "event_sources")}


def alembic_head() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("sitrep.store") / "migrations"))
    return ScriptDirectory.from_config(cfg).get_current_head()


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def store(url: str) -> Store:
    store = open_store(url)
    store.sync_sites(read_sites().values())
    return store


@pytest.fixture(scope="module")
def report() -> Report:
    return Report(id=content_id(TEXT), text=TEXT, origin="tests/store/two_bases.txt", title="Two bases",
                  outlet="Store Test Desk", published=date(2024, 12, 18), language="en")


@pytest.fixture(scope="module")
def records(pipeline, report):
    events = pipeline.extract(report)
    assert len(events) >= 2
    return events


# --- migrations ---------------------------------------------------------------------------------


def test_open_store_creates_the_tables(url):
    store = open_store(url)
    names = {r[0] for r in rows(store, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert TABLES <= names


def test_open_store_stamps_the_alembic_head(url):
    store = open_store(url)
    assert rows(store, "SELECT version_num FROM alembic_version") == [(alembic_head(),)]


def test_open_store_twice_keeps_schema_and_data(url, report, records):
    first = open_store(url)
    first.sync_sites(read_sites().values())
    assert first.save_report(report, records)
    before = table_counts(first)
    second = open_store(url)
    assert rows(second, "SELECT version_num FROM alembic_version") == [(alembic_head(),)]
    assert table_counts(second) == before
    assert second.has_document(report.id)


def test_sync_sites_is_idempotent(url):
    store = open_store(url)
    table = read_sites()
    assert store.sync_sites(table.values()) == len(table)
    assert store.sync_sites(table.values()) == 0
    assert store.counts()["sites"] == len(table)


# --- saving reports -----------------------------------------------------------------------------


def test_save_report_stores_document_with_its_events(store, report, records):
    assert store.save_report(report, records) is True
    assert rows(store, "SELECT id, n_events FROM documents") == [(report.id, len(records))]
    assert sorted(r[0] for r in rows(store, "SELECT id FROM events")) == sorted(e.id for e in records)
    assert table_counts(store)["event_sources"] == len(records)


def test_save_report_again_returns_false_and_adds_nothing(store, report, records):
    store.save_report(report, records)
    before = table_counts(store)
    assert store.save_report(report, records) is False
    assert table_counts(store) == before


def test_save_report_without_events_records_zero(store):
    text = "The weather in Latakia was mild and markets were open."
    quiet = Report(id=content_id(text), text=text, origin="tests/store/quiet.txt")
    assert store.save_report(quiet, []) is True
    assert rows(store, "SELECT n_events FROM documents") == [(0,)]
    assert table_counts(store)["events"] == 0


def test_known_documents_names_only_stored_ids(store, report, records):
    store.save_report(report, records)
    assert store.known_documents([report.id, "f" * 64]) == {report.id}


def _duplicate_event(store, records):
    return records + records[:1]


def _unknown_site(store, records):
    with sqlite3.connect(sqlite_path(store)) as conn:
        conn.execute("DELETE FROM sites")
    assert any(e.place and e.place.site_id for e in records)
    return records


@pytest.mark.parametrize("breaker", [_duplicate_event, _unknown_site], ids=["duplicate-event-id", "unknown-site"])
def test_failed_insert_leaves_no_half_stored_document(store, report, records, breaker):
    bad = breaker(store, records)
    with pytest.raises(IntegrityError):
        store.save_report(report, bad)
    assert not store.has_document(report.id)
    assert table_counts(store) == {"documents": 0, "events": 0, "event_sources": 0}


def test_report_can_be_saved_after_a_failed_attempt(store, report, records):
    with pytest.raises(IntegrityError):
        store.save_report(report, records + records[:1])
    assert store.save_report(report, records) is True
    assert table_counts(store) == {"documents": 1, "events": len(records), "event_sources": len(records)}
