"""Paged queries for the web app and its API: newest first, keyset cursors, index-friendly filters.

Keyset paging (after the last (date, id) seen) keeps page 1,000 as fast as page 1, which OFFSET
cannot on a million events.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, or_, select, tuple_, union_all

from sitrep.records import (
    EventRecord,
    EventSummary,
    EventType,
    MapSite,
    ReportHit,
    SearchResult,
    SiteHit,
    SiteState,
)
from sitrep.store.db import Store
from sitrep.store.schema import (
    documents,
    event_fusion,
    events,
    fused_events,
    in_box,
    site_status,
    sites,
)
from sitrep.store.sitestatus import read_status

MAX_PAGE = 1000
# A box with fewer events than this is gathered through the (lat, lon) index and sorted; a box
# with more is met often enough while walking the dates (see _dense_box).
BOX_PROBE = 5000


@dataclass(frozen=True)
class Browse:
    """Filters of the event list; every field narrows, None means any."""

    site_id: str | None = None
    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    actor: str | None = None  # actor code (ISO alpha-3 or organisation code)
    countries: frozenset[str] | None = None  # region as ISO alpha-3 codes
    kind: str | None = None  # evidence kind: imagery, sighting, flight-tracking, observatory, ...
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    min_sources: int | None = None
    limit: int = 100
    cursor: str | None = None


class BadCursor(ValueError):
    pass


def encode_cursor(sort_date: date | None, event_id: str) -> str:
    raw = json.dumps([sort_date.isoformat() if sort_date else None, event_id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


# Cursors we give out hold a date and a 64-character id: some 120 characters encoded.
MAX_CURSOR = 300


def decode_cursor(cursor: str) -> tuple[date | None, str]:
    """The (sort date, event id) a cursor holds; BadCursor for anything this API did not give out."""
    shown = cursor if len(cursor) <= 40 else cursor[:40] + "..."
    try:
        if len(cursor) > MAX_CURSOR:
            raise ValueError("too long")
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, event_id = json.loads(raw)
        if not isinstance(event_id, str) or not (day is None or isinstance(day, str)):
            raise TypeError("not a date and an id")
        return (date.fromisoformat(day) if day else None), event_id
    except (ValueError, TypeError, RecursionError) as err:
        raise BadCursor(f"'{shown}' is not a cursor this API gave out") from err


def _conditions(b: Browse, *, countries: bool = True, box_index: bool = True) -> list[Any]:
    t = fused_events.c
    conds: list[Any] = []
    if b.site_id:
        conds.append(t.site_id == b.site_id)
    if b.since:
        conds.append(t.sort_date >= b.since)
    if b.until:
        conds.append(t.sort_date <= b.until)
    if b.event_type:
        conds.append(t.event == b.event_type.upper())
    if b.actor:
        conds.append(t.actor_code == b.actor.upper())
    if countries and b.countries is not None:
        conds.append(t.country_code.in_(sorted(b.countries)))
    if b.kind:
        conds.append(t.evidence_kinds.like(f"%,{b.kind.lower()},%"))
    if b.min_sources:
        conds.append(t.independent_sources >= b.min_sources)
    if b.bbox:
        # "lat + 0" keeps the planner off the (lat, lon) index when the dates are to be walked:
        # the date index carries lat and lon, so a dense box fills a page at once, where the box
        # index would gather and sort all of its events first.
        conds += in_box(t.lat if box_index else t.lat + 0, t.lon, b.bbox)
    return conds


def browse_events(store: Store, b: Browse) -> tuple[list[EventRecord], str | None]:
    """One page of fused event records, newest first, and the cursor of the next page (or None)."""
    texts, nxt = browse_event_json(store, b)
    return [json.loads(text) for text in texts], nxt


def browse_map_features(store: Store, b: Browse) -> tuple[list[str], str | None]:
    """`browse_event_json` for the map: each event's stored map feature (events without a
    place left out) and the next cursor."""
    texts, nxt = browse_event_json(store, b, column="map_feature")
    return [text for text in texts if text], nxt


def browse_event_json(store: Store, b: Browse, *, column: str = "record") -> tuple[list[str], str | None]:
    """`browse_events` with each record as its stored JSON text, for a caller that only sends it
    on (parsing 100 records and serialising them again was most of an API page's time)."""
    t = fused_events.c
    limit = max(1, min(b.limit, MAX_PAGE))
    day, last_id = decode_cursor(b.cursor) if b.cursor else (None, "")
    in_undated = b.cursor is not None and day is None
    rows: list[Any] = []
    # Dated and undated events are two queries: one "sort_date DESC NULLS LAST" order would keep
    # PostgreSQL off the index, and an OR in the cursor condition keeps SQLite off it.
    with store.engine.connect() as conn:
        walk = b.bbox is None or _dense_box(conn, b.bbox)
        if not in_undated:
            dated: list[Any] = [t.sort_date.is_not(None)]
            if b.cursor:
                dated.append(tuple_(t.sort_date, t.id) < tuple_(day, last_id))
            rows = _newest(conn, b, dated, limit + 1, walk=walk, column=column)
        # Undated events come last, by id; a period leaves them out anyway.
        if len(rows) <= limit and not (b.since or b.until):
            undated = [t.sort_date.is_(None), *([t.id < last_id] if in_undated else [])]
            rows += _newest(conn, b, undated, limit + 1 - len(rows), walk=walk, column=column)
    page = rows[:limit]
    nxt = encode_cursor(page[-1].sort_date, page[-1].id) if len(rows) > limit else None
    return [r.body for r in page], nxt


def _newest(conn: Connection, b: Browse, extra: list[Any], n: int, *, walk: bool, column: str = "record"
            ) -> list[Any]:
    """The first n rows (id, sort_date, body: the record or another text column) of the filters
    plus `extra`, newest first.

    Every filter index ends in (sort_date, id), so one filter value is one ordered index range
    that stops after n rows. Several countries (a region) would be several ranges that neither
    SQLite nor PostgreSQL merges in order: each country's n newest ids come from its own range
    (index only), and the n newest of those fetch their records. `walk` False lets a box use
    its index (see _dense_box)."""
    t = fused_events.c
    conds = [*_conditions(b, countries=False, box_index=not walk), *extra]
    countries = sorted(b.countries) if b.countries is not None else None
    if countries is None or len(countries) < 2:
        if countries is not None:
            conds.append(t.country_code == countries[0] if countries else t.country_code.in_([]))
        stmt = select(t.id, t.sort_date, t[column].label("body")).where(*conds).order_by(*_order(t)).limit(n)
        return list(conn.execute(stmt))
    parts = [select(t.id, t.sort_date).where(*conds, t.country_code == c).order_by(*_order(t)).limit(n).subquery()
             for c in countries]
    merged = union_all(*[select(part) for part in parts]).subquery()
    top = select(merged).order_by(*_order(merged.c)).limit(n).subquery()
    stmt = (select(t.id, t.sort_date, t[column].label("body")).join_from(top, fused_events, fused_events.c.id == top.c.id)
            .order_by(*_order(top.c)))
    return list(conn.execute(stmt))


def _dense_box(conn: Connection, bbox: tuple[float, float, float, float]) -> bool:
    """Whether the box holds at least BOX_PROBE events, counted in the (lat, lon) index.

    A dense box is best met walking the dates (a page costs about limit / density index entries);
    a sparse one would make that walk read the whole date index (a million entries for an empty
    box), so its few events are gathered through the box index and sorted instead. The count
    stops at BOX_PROBE and reads only the box's band of latitudes."""
    inner = select(fused_events.c.id).where(*_conditions(Browse(bbox=bbox))).limit(BOX_PROBE).subquery()
    return int(conn.execute(select(func.count()).select_from(inner)).scalar_one()) >= BOX_PROBE


def _order(c: Any) -> tuple[Any, ...]:
    """Newest first, ids breaking ties (undated rows, all NULL, then go by id alone)."""
    return c.sort_date.desc(), c.id.desc()


def iter_events(store: Store, b: Browse) -> Iterator[EventRecord]:
    """Every matching fused record, newest first, fetched page by page (exports stream this)."""
    cursor = b.cursor
    while True:
        page, cursor = browse_events(store, Browse(**{**b.__dict__, "limit": MAX_PAGE, "cursor": cursor}))
        yield from page
        if cursor is None:
            return


def count_events(store: Store, b: Browse, *, cap: int = 10_000) -> tuple[int, bool]:
    """How many events match, counting at most `cap` (True when there are more): bounded cost."""
    inner = select(fused_events.c.id).where(*_conditions(b)).limit(cap + 1).subquery()
    with store.engine.connect() as conn:
        n = int(conn.execute(select(func.count()).select_from(inner)).scalar_one())
    return min(n, cap), n > cap


def facet_counts(store: Store, b: Browse, *, cap: int = 10_000) -> tuple[dict[str, dict[str, int]], int, bool]:
    """The matching events counted by type, actor, country and evidence kind (the event list's
    facets), over all matches up to the newest `cap`; how many were counted, and whether more match."""
    t = fused_events.c
    stmt = (select(t.event, t.actor_code, t.country_code, t.evidence_kinds).where(*_conditions(b))
            .order_by(t.sort_date.desc(), t.id.desc()).limit(cap + 1))
    counts: dict[str, dict[str, int]] = {"type": {}, "actor": {}, "region": {}, "kind": {}}
    n = 0
    with store.engine.connect() as conn:
        for row in conn.execute(stmt):
            if n == cap:
                return counts, n, True
            n += 1
            kinds = [k for k in (row.evidence_kinds or "").split(",") if k]
            for name, values in (("type", [row.event]), ("actor", [row.actor_code]),
                                 ("region", [row.country_code]), ("kind", kinds)):
                for value in values:
                    if value:
                        counts[name][value] = counts[name].get(value, 0) + 1
    return counts, n, False


def event_counts_by_day(store: Store, b: Browse) -> list[tuple[str, int]]:
    """Fused events per day over the filtered period, for the timeline strip."""
    t = fused_events.c
    stmt = (select(t.sort_date, func.count()).where(*_conditions(b), t.sort_date.is_not(None))
            .group_by(t.sort_date).order_by(t.sort_date))
    with store.engine.connect() as conn:
        return [(d.isoformat(), int(n)) for d, n in conn.execute(stmt)]


def fused_record(store: Store, event_id: str) -> EventRecord | None:
    """A fused event by its id, or the fused event a mention (raw event id) belongs to."""
    with store.engine.connect() as conn:
        rec = conn.execute(select(fused_events.c.record).where(fused_events.c.id == event_id)).scalar()
        if rec is None:
            rec = conn.execute(
                select(fused_events.c.record)
                .join(event_fusion, event_fusion.c.fused_id == fused_events.c.id)
                .where(event_fusion.c.event_id == event_id)).scalar()
    return json.loads(rec) if rec else None


def successor_id(store: Store, fused_id: str) -> str | None:
    """The fused event that now holds the mentions of a fused event that re-fusion replaced.

    A fused id is "f" and the first 19 characters of its earliest mention's id; that mention
    lives on in whichever happening holds it now, so an old link still finds it. None when the
    id is not a fused id or its mention is gone (its report was replaced)."""
    prefix = fused_id[1:]
    if not fused_id.startswith("f") or len(prefix) != 19:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(
            select(events.c.id, event_fusion.c.fused_id)
            .join(event_fusion, event_fusion.c.event_id == events.c.id)
            .where(events.c.id >= prefix).order_by(events.c.id).limit(1)).first()
    if row is None or not row.id.startswith(prefix) or row.fused_id == fused_id:
        return None
    return str(row.fused_id)


def mention_records(store: Store, mention_ids: list[str]) -> dict[str, EventRecord]:
    """Raw event records (with text offsets into their report) by id."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(events.c.id, events.c.record).where(events.c.id.in_(mention_ids)))
        return {r.id: json.loads(r.record) for r in rows}


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
    if row is None:
        return None
    return {"id": row.id, "title": row.title, "outlet": row.outlet, "url": row.url,
            "published": row.published.isoformat() if row.published else None,
            "text": row.text, "n_events": row.n_events}


def document_events(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """Raw events of a report with their fused id, in text order."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(events.c.record, event_fusion.c.fused_id)
            .outerjoin(event_fusion, event_fusion.c.event_id == events.c.id)
            .where(events.c.document_id == doc_id))
        out = [{**json.loads(r.record), "fused_id": r.fused_id} for r in rows]
    return sorted(out, key=lambda r: (r.get("text_info") or {}).get("start", 0))


def map_sites(store: Store, *, as_of: date | None = None) -> list[MapSite]:
    """Every known site with its status (one query, for the map); with `as_of`, the status it had
    that day (None before any evidence), so a past period shows the statuses at its end."""
    stmt = (select(sites.c.id, sites.c.name, sites.c.kind, sites.c.operator, sites.c.country_code,
                   sites.c.lat, sites.c.lon, site_status.c.status, site_status.c.status_since, site_status.c.timeline)
            .outerjoin(site_status, site_status.c.site_id == sites.c.id).order_by(sites.c.id))
    out = []
    with store.engine.connect() as conn:
        for r in conn.execute(stmt):
            current = read_status(r.timeline, as_of).current
            if as_of is None:
                status: SiteState | None = SiteState(r.status or "unknown")
            else:
                status = SiteState(current.status) if current else None
            out.append(MapSite(id=r.id, name=r.name, kind=r.kind, operator=r.operator,
                               country_code=r.country_code, lat=r.lat, lon=r.lon, status=status,
                               status_since=current.since.isoformat() if current else None,
                               confidence=current.confidence if current else None))
    return out


def filter_choices(store: Store) -> dict[str, list[str]]:
    """Values present in the store for the filter menus (types, actors, countries, kinds)."""
    t = fused_events.c
    with store.engine.connect() as conn:
        types, actors, countries = (_distinct(conn, col) for col in (t.event, t.actor_code, t.country_code))
    kinds = ["imagery", "flight-tracking", "sighting", "observatory", "official", "media"]
    return {"types": types, "actors": actors, "countries": countries, "kinds": kinds}


def _distinct(conn: Connection, col: Any) -> list[str]:
    """The values of an indexed column, hopping from each to the next in its index: one seek per
    value. A plain DISTINCT reads the whole index on PostgreSQL, and on SQLite too unless ANALYZE
    has run (a million rows: about 50 ms per column)."""
    hop = select(func.min(col).label("v")).cte("hop", recursive=True)
    hop = hop.union_all(select(select(func.min(col)).where(col > hop.c.v).scalar_subquery())
                        .where(hop.c.v.is_not(None)))
    return sorted(v for v in conn.execute(select(hop.c.v)).scalars() if v)


def date_span(store: Store) -> tuple[date | None, date | None]:
    """The first and last event days. Two subqueries: each is one index seek, where one
    SELECT min(), max() reads the whole index on SQLite."""
    t = fused_events.c
    stmt = select(select(func.min(t.sort_date)).scalar_subquery(), select(func.max(t.sort_date)).scalar_subquery())
    with store.engine.connect() as conn:
        row = conn.execute(stmt).first()
    return (row[0], row[1]) if row else (None, None)


def search(store: Store, q: str, *, limit: int = 50) -> SearchResult:
    """Sites by name or spelling, reports by title or outlet, events by their sentence."""
    from sitrep.geo.normalize import fold_name

    folded = fold_name(q)
    like = f"%{q.strip()}%"
    with store.engine.connect() as conn:
        site_rows = list(conn.execute(select(sites.c.id, sites.c.name, sites.c.aliases, sites.c.kind,
                                             sites.c.country_code)))
        doc_rows = list(conn.execute(
            select(documents.c.id, documents.c.title, documents.c.outlet, documents.c.published)
            .where(or_(documents.c.title.ilike(like), documents.c.outlet.ilike(like)))
            .order_by(documents.c.published.desc()).limit(limit)))
        event_rows = list(conn.execute(
            select(event_fusion.c.fused_id, events.c.record)
            .join(event_fusion, event_fusion.c.event_id == events.c.id)
            .where(or_(events.c.record.ilike(like), events.c.place.ilike(like)))
            .order_by(events.c.sort_date.desc()).limit(limit * 4)))
    found_sites = [
        SiteHit(id=r.id, name=r.name, kind=r.kind, country_code=r.country_code)
        for r in site_rows
        if folded and any(folded in fold_name(n) for n in [r.name, r.id, *json.loads(r.aliases)])
    ]
    seen: set[str] = set()
    found_events: list[EventSummary] = []
    for r in event_rows:
        if r.fused_id in seen:
            continue
        seen.add(r.fused_id)
        rec = json.loads(r.record)
        place = (rec.get("event_loc") or {}).get("resolved_place") or ""
        if q.strip().lower() not in f"{rec.get('event_text') or ''} {place}".lower():
            continue  # the words matched elsewhere in the record (a URL, a code)
        found_events.append(EventSummary(id=r.fused_id, event=EventType(rec["event"]), date=rec.get("date"),
                                         event_text=rec.get("event_text"), place=place or None))
    found_docs = tuple(ReportHit(id=r.id, title=r.title, outlet=r.outlet,
                                 published=r.published.isoformat() if r.published else None) for r in doc_rows)
    return SearchResult(sites=tuple(found_sites[:limit]), reports=found_docs, events=tuple(found_events[:limit]))
