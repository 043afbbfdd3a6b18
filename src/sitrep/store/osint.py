"""Evidence records in the community's formats: the one writer of the `evidence` table (batched,
idempotent by id) and the one reader behind `sitrep evidence` and `/api/evidence`, which also lists
imagery observations and flight movements so that every kind of evidence comes out in one shape."""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from math import cos, radians
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from sitrep.geo.resolve import haversine_km
from sitrep.records import OBJECT_CLASSES, Evidence
from sitrep.store.db import Store
from sitrep.store.schema import evidence, flight_movements, in_box, observations

BATCH = 2000
KINDS = ("geolocated", "dataset", "thermal", "ship", "flight", "imagery")
FIELDS = ("kind", "date", "time", "lat", "lon", "site", "source", "origin", "id", "record_id", "title",
          "description", "links", "category", "details")


@dataclass(frozen=True)
class EvidenceQuery:
    """Filters of `sitrep evidence` and `/api/evidence` (days inclusive)."""

    kind: str | None = None
    site_id: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north (a map's view)


def save_evidence(store: Store, items: Iterable[Evidence]) -> tuple[int, int]:
    """Stores the records in batches, each batch in one transaction; returns (new, already stored)."""
    new = known = 0
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(_row(item))
        if len(batch) >= BATCH:
            n = _insert(store, batch)
            new, known, batch = new + n, known + len(batch) - n, []
    if batch:
        n = _insert(store, batch)
        new, known = new + n, known + len(batch) - n
    return new, known


def _insert(store: Store, rows: list[dict[str, Any]]) -> int:
    unique = list({r["id"]: r for r in rows}.values())
    dialect = store.engine.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(evidence).on_conflict_do_nothing(index_elements=["id"])
    with store.writing() as conn:
        before = len(set(conn.execute(select(evidence.c.id).where(evidence.c.id.in_([r["id"] for r in unique])))
                         .scalars()))
        conn.execute(stmt, unique)
    return len(unique) - before


def _row(e: Evidence) -> dict[str, Any]:
    return {"id": e.id, "kind": str(e.kind), "at": e.at, "day": e.at.date(), "lat": e.lat, "lon": e.lon,
            "site_id": e.site_id, "source": e.source, "origin": e.origin, "record_id": e.record_id,
            "title": e.title, "description": e.description, "links": json.dumps(list(e.links)) if e.links else None,
            "category": e.category, "details": json.dumps(e.details, ensure_ascii=False, default=str) if e.details else None}


def iter_evidence(store: Store, query: EvidenceQuery) -> Iterator[dict[str, Any]]:
    """Every matching evidence record, oldest first, as a flat dict with FIELDS (streamed)."""
    streams = []
    if query.kind in (None, "imagery"):
        streams.append(_observations(store, query))
    if query.kind in (None, "flight"):
        streams.append(_movements(store, query))
    if query.kind is None or query.kind not in {"imagery", "flight"}:
        streams.append(_evidence_rows(store, query))
    merged = heapq.merge(*streams, key=lambda r: (r["time"], r["id"]))
    for n, rec in enumerate(merged):
        if query.limit is not None and n >= query.limit:
            return
        yield rec


def _window(column: Any, query: EvidenceQuery, *, moment: bool) -> list[Any]:
    conds: list[Any] = []
    if query.since:
        conds.append(column >= (datetime.combine(query.since, time.min) if moment else query.since))
    if query.until:
        conds.append(column < datetime.combine(query.until + timedelta(days=1), time.min) if moment
                     else column <= query.until)
    return conds


def _in_box(lat: Any, lon: Any, query: EvidenceQuery) -> list[Any]:
    return in_box(lat, lon, query.bbox) if query.bbox is not None else []


def _stream(store: Store, stmt: Any) -> Iterator[Any]:
    with store.engine.connect() as conn:
        yield from conn.execution_options(yield_per=1000).execute(stmt)


def _evidence_rows(store: Store, query: EvidenceQuery) -> Iterator[dict[str, Any]]:
    c = evidence.c
    conds = _window(c.day, query, moment=False) + _in_box(c.lat, c.lon, query)
    if query.kind:
        conds.append(c.kind == query.kind)
    if query.site_id:
        conds.append(c.site_id == query.site_id)
    for r in _stream(store, select(evidence).where(*conds).order_by(c.at, c.id)):
        yield _record(r.kind, r.at, r.lat, r.lon, r.site_id, r.source, r.origin, r.id, record_id=r.record_id,
                      title=r.title, description=r.description, links=json.loads(r.links) if r.links else [],
                      category=r.category, details=json.loads(r.details) if r.details else {})


def _observations(store: Store, query: EvidenceQuery) -> Iterator[dict[str, Any]]:
    c = observations.c
    conds = _window(c.acquired, query, moment=True) + _in_box(c.lat, c.lon, query)
    if query.site_id:
        conds.append(c.site_id == query.site_id)
    for r in _stream(store, select(observations).where(*conds).order_by(c.acquired, c.id)):
        counts = {n: getattr(r, n) for n in OBJECT_CLASSES if getattr(r, n) is not None}
        yield _record("imagery", r.acquired, r.lat, r.lon, r.site_id, r.provider, r.origin, r.id,
                      record_id=r.image_id, title=f"{r.provider} image {r.image_id or ''}".strip(),
                      description=r.note, links=[r.url] if r.url else [], details={"counts": counts})


def _movements(store: Store, query: EvidenceQuery) -> Iterator[dict[str, Any]]:
    c = flight_movements.c
    conds = _window(c.at, query, moment=True) + _in_box(c.lat, c.lon, query)
    if query.site_id:
        conds.append(c.site_id == query.site_id)
    for r in _stream(store, select(flight_movements).where(*conds).order_by(c.at, c.id)):
        who = " ".join(x for x in (r.callsign, r.aircraft_type) if x) or r.icao24
        yield _record("flight", r.at, r.lat, r.lon, r.site_id, "flight tracks", r.origin, r.id, record_id=r.icao24,
                      title=f"{r.kind} of {who} at {r.airfield}", details={
                          "movement": r.kind, "icao24": r.icao24, "airfield": r.airfield, "operator": r.operator,
                          "military_transport": bool(r.military_transport), "other_end": r.other_end})


def _record(kind: str, at: datetime, lat: float, lon: float, site_id: str | None, source: str, origin: str,
            rec_id: str, **rest: Any) -> dict[str, Any]:
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    at = at.astimezone(UTC)
    return {"kind": kind, "date": at.date().isoformat(), "time": at.isoformat().replace("+00:00", "Z"),
            "lat": lat, "lon": lon, "site": site_id, "source": source, "origin": origin, "id": rec_id,
            "record_id": rest.get("record_id"), "title": rest.get("title"), "description": rest.get("description"),
            "links": rest.get("links", []), "category": rest.get("category"), "details": rest.get("details", {})}


def evidence_near(store: Store, lat: float, lon: float, *, km: float, limit: int = 200) -> list[dict[str, Any]]:
    """The newest evidence records (footage, dataset rows, thermal detections, ship calls) within
    `km` of a point, newest first, each with `distance_km` from the point (a site page)."""
    dlat = km / 111.0
    dlon = km / (111.0 * max(0.05, cos(radians(lat))))
    c = evidence.c
    stmt = (select(evidence).where(c.lat.between(lat - dlat, lat + dlat), c.lon.between(lon - dlon, lon + dlon))
            .order_by(c.at.desc(), c.id).limit(limit * 4))
    found = []
    with store.engine.connect() as conn:
        for r in conn.execute(stmt):
            distance = haversine_km(lat, lon, r.lat, r.lon)
            if distance <= km:
                rec = _record(r.kind, r.at, r.lat, r.lon, r.site_id, r.source, r.origin, r.id, record_id=r.record_id,
                              title=r.title, links=json.loads(r.links) if r.links else [], category=r.category)
                found.append({**rec, "distance_km": round(distance, 1)})
    return found[:limit]


def evidence_span(store: Store, kind: str) -> tuple[date, date] | None:
    """The first and last day of the stored records of one kind (the days a feed covers)."""
    from sqlalchemy import func

    with store.engine.connect() as conn:
        first, last = conn.execute(select(func.min(evidence.c.day), func.max(evidence.c.day))
                                   .where(evidence.c.kind == kind)).one()
    if first is None or last is None:
        return None
    return (first if isinstance(first, date) else date.fromisoformat(str(first)),
            last if isinstance(last, date) else date.fromisoformat(str(last)))


def site_evidence_counts(store: Store, site_id: str) -> dict[str, int]:
    """How many evidence records of each kind a site has (for its page)."""
    from sqlalchemy import func

    stmt = select(evidence.c.kind, func.count()).where(evidence.c.site_id == site_id).group_by(evidence.c.kind)
    with store.engine.connect() as conn:
        return {k: int(n) for k, n in conn.execute(stmt)}
