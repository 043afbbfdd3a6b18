"""Opening a store (any SQLAlchemy URL), migrating it, and writing reports with their events."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select, update

from sitrep import EXTRACTOR
from sitrep.fuse.neardup import signature
from sitrep.records import OBJECT_CLASSES, Event, FetchedUrl, Observation, Report, Site
from sitrep.settings import StatusRules
from sitrep.store.fusion import fuse_pending, unfuse
from sitrep.store.locks import MIGRATE_KEY, lock_for_writing
from sitrep.store.plover import event_record
from sitrep.store.schema import (
    documents,
    event_sources,
    events,
    fusion_pending,
    observations,
    sites,
    store_version,
)
from sitrep.store.sitestatus import judge_pending, rejudge_sites
from sitrep.store.syndication import join_syndication_group
from sitrep.store.watch import fetched_state, record_fetch


def _insert_events(conn: Connection, report: Report, found: list[Event]) -> None:
    """Writes events with their PLOVER records (site names from the site table) and sources, to
    be fused with their neighbours when the write (or the batch) ends."""
    site_ids = {e.place.site_id for e in found if e.place and e.place.site_id}
    names = {row.id: row.name for row in conn.execute(select(sites.c.id, sites.c.name).where(sites.c.id.in_(site_ids)))} if site_ids else {}
    rows = []
    for e in found:
        site_id = e.place.site_id if e.place else None
        rows.append(_event_row(e, event_record(e, report, site_name=names.get(site_id) if site_id else None), report))
    conn.execute(insert(events), rows)
    conn.execute(insert(event_sources), [_source_row(e, report) for e in found])
    conn.execute(insert(fusion_pending), [{"event_id": e.id} for e in found])  # fused when the write or batch ends


BATCH_CAP = 256  # reports with events a batch stores before it fuses and judges them (bounded work)


@dataclass
class Store:
    engine: Engine
    # How site statuses are judged (settings.status); writers judge with them.
    status_rules: StatusRules = field(default_factory=StatusRules)
    # Inside `batch`, new events wait in fusion_pending and touched sites in status_pending.
    _batch_depth: int = field(default=0, init=False, repr=False)
    _batch_reports: int = field(default=0, init=False, repr=False)  # stored since the batch last fused

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction holding the store's write lock (one writer at a time). Its new
        events are fused and the sites they touch judged again before it commits, unless a batch
        is open."""
        with self.engine.begin() as conn:
            lock_for_writing(conn)
            yield conn
            if not conn.in_transaction():
                return  # the caller rolled its writes back: nothing to fuse, count or judge
            if not self._batch_depth or self._batch_reports >= BATCH_CAP:
                self._batch_reports = 0
                fuse_pending(conn)
                judge_pending(conn, self.status_rules)
            conn.execute(update(store_version).values(n=store_version.c.n + 1))

    def version(self) -> int:
        """How many write transactions the store has committed: what a reader's cache is valid for."""
        with self.engine.connect() as conn:
            return conn.execute(select(store_version.c.n)).scalar() or 0

    @contextmanager
    def batch(self) -> Iterator[None]:
        """A batch of writes whose new events are fused together, and each site they touch judged
        once, at its end: per report, a busy site's neighbourhood was read and its weeks of claims
        replayed again and again. Each report still commits on its own, with its marks, so a
        batch cut short (a killed process) is fused and judged by the next writer. Readers see a
        report's events in listings once its batch ends."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
        if not self._batch_depth:
            with self.writing():
                pass  # fuses and judges what the batch left pending

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

    def save_report(self, report: Report, found: list[Event], *,
                    observation: Observation | None = None, fetched: FetchedUrl | None = None) -> bool:
        """Stores a report and its events (and the observation it renders, for imagery; the URL
        it was fetched from, for the watcher) in one transaction; False when it was already
        stored. A near-duplicate of a stored report joins its syndication group first."""
        sig = signature(report.text) if observation is None else None
        with self.writing() as conn:
            if fetched is not None:
                record_fetch(conn, fetched)
            if conn.execute(select(documents.c.id).where(documents.c.id == report.id)).first():
                return False
            conn.execute(insert(documents).values({**_document_row(report, len(found)), "minhash": sig}))
            join_syndication_group(conn, report.id, sig)
            if observation is not None:
                conn.execute(insert(observations).values(observation_row(observation)))
            if found:
                _insert_events(conn, report, found)
                self._batch_reports += 1
        return True

    def add_events(self, report: Report, found: list[Event]) -> int:
        """Adds events to a stored report (an imagery change found when an older observation
        arrives late) with their fusion, in one transaction; events already stored are skipped."""
        with self.writing() as conn:
            known = set(conn.execute(select(events.c.id).where(
                events.c.id.in_([e.id for e in found]))).scalars()) if found else set()
            fresh = [e for e in found if e.id not in known]
            if fresh:
                _insert_events(conn, report, fresh)
                conn.execute(documents.update().where(documents.c.id == report.id)
                             .values(n_events=documents.c.n_events + len(fresh)))
        return len(fresh)

    def remove_reports(self, doc_ids: list[str]) -> int:
        """Deletes stored reports with their events, re-fusing what they were fused with, in one
        transaction (an airlift judgement replaced after more flight data arrived)."""
        if not doc_ids:
            return 0
        with self.writing() as conn:
            ids = list(conn.execute(select(events.c.id).where(events.c.document_id.in_(doc_ids))).scalars())
            unfuse(conn, ids)
            return conn.execute(documents.delete().where(documents.c.id.in_(doc_ids))).rowcount or 0

    def fetched(self, keys: Iterable[str]) -> dict[str, FetchedUrl]:
        """What the watcher remembers of these canonical-URL keys (sitrep.sources.web.url_key)."""
        return fetched_state(self.engine, keys)

    def remember_fetch(self, fetched: FetchedUrl) -> None:
        """Keeps a URL's validators, or a skipped article's reason, so it is not fetched again."""
        with self.writing() as conn:
            record_fetch(conn, fetched)

    def reports_by_origin(self, prefix: str) -> dict[str, str]:
        """Stored reports whose origin starts with a prefix: origin -> document id."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents.c.origin, documents.c.id)
                                .where(documents.c.origin.startswith(prefix, autoescape=True)))
            return {row.origin: row.id for row in rows}

    def observations_near(self, site_id: str, moment: datetime, *, before: bool, limit: int = 20
                          ) -> list[Observation]:
        """The observations of a site acquired just before (or just after) a moment, nearest first."""
        c = observations.c
        stmt = (select(observations).where(c.site_id == site_id,
                                           c.acquired < moment if before else c.acquired > moment)
                .order_by(c.acquired.desc() if before else c.acquired, c.id).limit(limit))
        with self.engine.connect() as conn:
            return [observation_from_row(row) for row in conn.execute(stmt)]

    def sync_sites(self, table: Iterable[Site]) -> int:
        """Upserts the curated site table; returns how many rows were added or changed."""
        changed = 0
        with self.writing() as conn:
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

    def rejudge_sites(self) -> int:
        """Judges again the sites whose statuses were judged under other rules (and those a
        killed batch left marked); how many were under other rules."""
        with self.writing() as conn:
            return rejudge_sites(conn, self.status_rules)

    def refresh_statistics(self) -> None:
        """Query-planner statistics after an ingest (SQLite; PostgreSQL's autovacuum does its own):
        without them SQLite picks poor indexes for combined filters (54 ms instead of 5 ms)."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.begin() as conn:
                conn.exec_driver_sql("PRAGMA analysis_limit=2000")  # sampled: seconds, not minutes
                conn.exec_driver_sql("ANALYZE")

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "documents": conn.execute(select(func.count()).select_from(documents)).scalar_one(),
                "events": conn.execute(select(func.count()).select_from(events)).scalar_one(),
                "sites": conn.execute(select(func.count()).select_from(sites)).scalar_one(),
            }


def open_store(url: str, *, migrate: bool = True, status_rules: StatusRules | None = None) -> Store:
    """Connects to the store and brings its schema to the latest migration; `status_rules` are
    the rules its writes judge site statuses by (default: StatusRules())."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        upgrade(engine)
    return Store(engine, status_rules or StatusRules())


def upgrade(engine: Engine) -> None:
    """Runs Alembic migrations up to head on this engine, under the write lock so that two
    processes opening a new store at once migrate it once (the second finds it at head)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("sitrep.store") / "migrations"))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return  # the usual case: no lock taken, so opening a store never waits for a writer
    with engine.begin() as conn:
        lock_for_writing(conn, key=MIGRATE_KEY)
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
        "confidence": event.confidence, "enddate": event.enddate,
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


def observation_row(obs: Observation) -> dict[str, Any]:
    return {
        "id": obs.id, "origin": obs.origin, "site_id": obs.site_id, "acquired": obs.acquired,
        "provider": obs.provider, "lat": obs.lat, "lon": obs.lon,
        "footprint": json.dumps([list(p) for p in obs.footprint]) if obs.footprint else None,
        **{name: obs.counts.get(name) for name in OBJECT_CLASSES},
        "note": obs.note, "image_id": obs.image_id, "url": obs.url, "analyst": obs.analyst,
    }


def observation_from_row(row: Any) -> Observation:
    acquired = row.acquired if row.acquired.tzinfo else row.acquired.replace(tzinfo=UTC)  # SQLite drops it
    return Observation(
        id=row.id, origin=row.origin, acquired=acquired, provider=row.provider, lat=row.lat, lon=row.lon,
        footprint=tuple(tuple(p) for p in json.loads(row.footprint)) if row.footprint else None,
        site_id=row.site_id, counts={n: getattr(row, n) for n in OBJECT_CLASSES if getattr(row, n) is not None},
        note=row.note, image_id=row.image_id, url=row.url, analyst=row.analyst,
    )
