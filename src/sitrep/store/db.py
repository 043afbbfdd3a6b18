"""Opening a store (any SQLAlchemy URL), migrating it, and writing reports with their events."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, func, insert, select

from sitrep import EXTRACTOR
from sitrep.records import Event, Report, Site
from sitrep.store.fusion import refuse
from sitrep.store.schema import documents, event_sources, events, sites


@dataclass
class Store:
    engine: Engine

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is not None

    def known_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored."""
        ids = list(doc_ids)
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                found |= set(conn.execute(select(documents.c.id).where(documents.c.id.in_(chunk))).scalars())
        return found

    def save_report(self, report: Report, records: list[tuple[Event, dict[str, Any]]]) -> bool:
        """Stores a report and its events in one transaction; False when it was already stored."""
        with self.engine.begin() as conn:
            if conn.execute(select(documents.c.id).where(documents.c.id == report.id)).first():
                return False
            conn.execute(insert(documents).values(_document_row(report, len(records))))
            if records:
                conn.execute(insert(events), [_event_row(e, r, report) for e, r in records])
                conn.execute(insert(event_sources), [_source_row(e, report) for e, _ in records])
                refuse(conn, [e.id for e, _ in records])
        return True

    def sync_sites(self, table: Iterable[Site]) -> int:
        """Upserts the curated site table; returns how many rows were added or changed."""
        changed = 0
        with self.engine.begin() as conn:
            current = {row.id: row for row in conn.execute(select(sites))}
            for site in table:
                row = _site_row(site)
                old = current.get(site.id)
                if old is None:
                    conn.execute(insert(sites).values(row))
                    changed += 1
                elif any(getattr(old, k) != v for k, v in row.items()):
                    conn.execute(sites.update().where(sites.c.id == site.id).values(row))
                    changed += 1
        return changed

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "documents": conn.execute(select(func.count()).select_from(documents)).scalar_one(),
                "events": conn.execute(select(func.count()).select_from(events)).scalar_one(),
                "sites": conn.execute(select(func.count()).select_from(sites)).scalar_one(),
            }


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Connects to the store and brings its schema to the latest migration."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        upgrade(engine)
    return Store(engine)


def upgrade(engine: Engine) -> None:
    """Runs Alembic migrations up to head on this engine."""
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("sitrep.store") / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers (the web app) never block the ingest writer
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _document_row(report: Report, n_events: int) -> dict[str, Any]:
    return {
        "id": report.id, "origin": report.origin, "url": report.url, "title": report.title,
        "outlet": report.outlet, "published": report.published, "language": report.language,
        "text": report.text, "n_events": n_events, "extractor": EXTRACTOR,
        "ingested_at": datetime.now(UTC),
    }


def _event_row(event: Event, record: dict[str, Any], report: Report) -> dict[str, Any]:
    place = event.place
    return {
        "id": event.id, "document_id": report.id, "event": event.event, "date": event.date,
        "sort_date": event.date or report.published, "date_precision": event.date_precision,
        "posture": event.posture, "site_id": place.site_id if place else None,
        "place": place.resolved_place if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "country_code": place.country_code if place else None,
        "resolution": place.resolution if place else None,
        "actor_code": next((a.code for a in event.actor if a.code), None),
        "confidence": event.confidence,
        "evidence_kind": event.attribution.kind if event.attribution else None,
        "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
    }


def _source_row(event: Event, report: Report) -> dict[str, Any]:
    att = event.attribution
    return {
        "event_id": event.id, "document_id": report.id, "outlet": report.outlet, "url": report.url,
        "published": report.published, "attribution_source": att.source if att else None,
        "attribution_kind": att.kind if att else None, "attribution_provider": att.provider if att else None,
    }


def _site_row(site: Site) -> dict[str, Any]:
    return {
        "id": site.id, "name": site.name, "aliases": json.dumps(list(site.aliases), ensure_ascii=False),
        "kind": site.kind, "operator": site.operator, "country_code": site.country_code,
        "lat": site.lat, "lon": site.lon, "coord_source": site.coord_source,
    }
