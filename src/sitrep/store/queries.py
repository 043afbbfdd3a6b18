"""Read queries over the store: events by site, area, period and type; sites with their latest event.

Event records come back as the PLOVER JSON they are; sites, timelines and details as read-side
records (sitrep.records.read).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select

from sitrep.fuse.status import StatusChange
from sitrep.records import (
    EventRecord,
    SiteDetail,
    SiteOverview,
    SiteState,
    StatusReason,
    TimelineEntry,
    UnconfirmedClaim,
)
from sitrep.store.db import Store
from sitrep.store.schema import events, fused_events, site_status, sites
from sitrep.store.sitestatus import read_status


@dataclass(frozen=True)
class EventQuery:
    site_id: str | None = None
    near: tuple[float, float] | None = None  # (lat, lon)
    radius_km: float = 50.0
    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    limit: int | None = None
    fused: bool = True  # one record per happening; False gives every mention


def query_events(store: Store, query: EventQuery) -> Iterator[EventRecord]:
    """PLOVER records matching the query, oldest first (undated events sort by publication date);
    fused events (with mentions, sources, independent_sources) unless `query.fused` is False."""
    table = fused_events if query.fused else events
    stmt = select(table.c.record, table.c.lat, table.c.lon)
    conds = []
    if query.site_id:
        conds.append(table.c.site_id == query.site_id)
    if query.since:
        conds.append(table.c.sort_date >= query.since)
    if query.until:
        conds.append(table.c.sort_date <= query.until)
    if query.event_type:
        conds.append(table.c.event == query.event_type.upper())
    if query.near:
        # A bounding box the index can use, then the exact great-circle test below.
        lat, lon = query.near
        dlat = query.radius_km / 111.0
        dlon = query.radius_km / (111.0 * max(0.01, math.cos(math.radians(lat))))
        conds += [table.c.lat.between(lat - dlat, lat + dlat), table.c.lon.between(lon - dlon, lon + dlon)]
    if conds:
        stmt = stmt.where(and_(*conds))
    stmt = stmt.order_by(table.c.sort_date.is_(None), table.c.sort_date, table.c.id)
    if query.limit is not None and not query.near:
        stmt = stmt.limit(query.limit)
    from sitrep.geo import haversine_km

    emitted = 0
    if query.limit is not None and query.limit <= 0:
        return
    with store.engine.connect() as conn:
        for row in conn.execute(stmt):
            if query.near and (row.lat is None or haversine_km(query.near[0], query.near[1], row.lat, row.lon) > query.radius_km):
                continue
            yield json.loads(row.record)
            emitted += 1
            if query.limit is not None and emitted >= query.limit:
                return


def list_sites(store: Store, *, include_all: bool = False, as_of: date | None = None) -> list[SiteOverview]:
    """Sites with their event count, latest event (force-posture events first) and status, most
    recent first; with `as_of`, as they stood on that day (events up to it, status judged then)."""
    upto = [events.c.sort_date <= as_of] if as_of else []
    latest = (
        select(events.c.site_id, func.max(events.c.sort_date).label("last"), func.count().label("n"))
        .where(events.c.site_id.is_not(None), *upto)
        .group_by(events.c.site_id)
        .subquery()
    )
    stmt = (select(sites, latest.c.last, latest.c.n, site_status.c.status, site_status.c.status_since,
                   site_status.c.evidence, site_status.c.timeline)
            .outerjoin(latest, latest.c.site_id == sites.c.id)
            .outerjoin(site_status, site_status.c.site_id == sites.c.id))
    out = []
    with store.engine.connect() as conn:
        rows = list(conn.execute(stmt))
        for row in rows:
            if not include_all and not row.n:
                continue
            last_record = None
            if row.n:
                # Force-posture events say most about a site; other events only when there are none.
                # Two index walks (site, date) rather than one sort of all the site's events.
                newest = (select(events.c.record).where(events.c.site_id == row.id, *upto)
                          .order_by(events.c.sort_date.desc(), events.c.confidence.desc(), events.c.id).limit(1))
                rec = (conn.execute(newest.where(events.c.posture.is_not(None))).scalar()
                       or conn.execute(newest.where(events.c.posture.is_(None))).scalar())
                last_record = json.loads(rec) if rec else None
            judged = read_status(row.timeline, as_of)
            current = judged.current
            if as_of is None:
                status: SiteState | None = SiteState(row.status or "unknown")
            else:
                status = SiteState(current.status) if current else None
            out.append(SiteOverview(
                id=row.id, name=row.name, kind=row.kind, operator=row.operator,
                country_code=row.country_code, lat=row.lat, lon=row.lon,
                aliases=tuple(json.loads(row.aliases)), events=row.n or 0,
                last_date=_record_day(last_record),
                latest_event=last_record,
                status=status,
                status_since=current.since.isoformat() if current else None,
                evidence=tuple(current.evidence) if current else (),
                confidence=current.confidence if current else None,
                as_of=as_of.isoformat() if as_of else None,
                unconfirmed=len(judged.unconfirmed),
                force=judged.force,
            ))
    out.sort(key=lambda s: (s.last_date is None, "" if s.last_date is None else _neg(s.last_date), s.id))
    return out


def _record_day(record: EventRecord | None) -> str | None:
    if not record:
        return None
    day = record.get("date") or (record.get("cite_info") or {}).get("published")
    return str(day) if day else None


def _neg(iso: str) -> str:
    """Sort key that orders ISO dates newest first."""
    return "".join(chr(255 - ord(c)) for c in iso)


def find_site_id(store: Store, text: str) -> str | None:
    """A site id from an id, a name or any stored spelling (folded as the gazetteer folds)."""
    from sitrep.geo.normalize import fold_name

    wanted = fold_name(text)
    with store.engine.connect() as conn:
        rows = list(conn.execute(select(sites.c.id, sites.c.name, sites.c.aliases)))
    for row in rows:
        if row.id == text:
            return str(row.id)
    for row in rows:
        names = [row.name, row.id.replace("-", " "), *json.loads(row.aliases)]
        if any(fold_name(n) == wanted for n in names):
            return str(row.id)
    return None


def site_suggestions(store: Store, text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Sites for a name that matched none exactly, as (id, name): those whose name or a spelling
    holds the folded text as whole words ("qamishli" -> Qamishli Airport), and those spelled
    closest to it (difflib), for a "did you mean"."""
    import difflib

    from sitrep.geo.normalize import fold_name

    wanted = fold_name(text)
    with store.engine.connect() as conn:
        rows = list(conn.execute(select(sites.c.id, sites.c.name, sites.c.aliases)))
    partial: list[tuple[str, str]] = []
    spellings: dict[str, tuple[str, str]] = {}
    for row in rows:
        names = [fold_name(n) for n in (row.name, row.id.replace("-", " "), *json.loads(row.aliases))]
        for n in names:
            spellings.setdefault(n, (str(row.id), str(row.name)))
        if wanted and any(f" {wanted} " in f" {n} " for n in names):
            partial.append((str(row.id), str(row.name)))
    close = [spellings[n] for n in difflib.get_close_matches(wanted, list(spellings), n=5, cutoff=0.6)]
    return partial, list(dict.fromkeys(close))


def site_detail(store: Store, site_id: str, *, as_of: date | None = None) -> SiteDetail | None:
    """A site with its status timeline; each change carries the fused events behind it and the
    weighed reasons; claims that did not change the status are listed apart. With `as_of`, the
    site as it stood on that day."""
    with store.engine.connect() as conn:
        site = conn.execute(select(sites).where(sites.c.id == site_id)).first()
        if site is None:
            return None
        stored = conn.execute(select(site_status.c.timeline).where(site_status.c.site_id == site_id)).scalar()
        judged = read_status(stored, as_of)
        lines = [judged.changes, *judged.others.values()]
        ids = {i for changes in lines for c in changes for i in c.evidence + c.contested_by}
        ids |= {u.fused_id for _, u in judged.unconfirmed}
        records = {row.id: json.loads(row.record) for row in conn.execute(
            select(fused_events.c.id, fused_events.c.record).where(fused_events.c.id.in_(sorted(ids))))}

    def known(fused_id: str) -> bool:
        """Stored, and (as of a day) told by then: a change keeps gathering evidence after it."""
        day = _record_day(records.get(fused_id))
        return fused_id in records and (as_of is None or day is None or day[:10] <= as_of.isoformat())

    def expand(changes: list[StatusChange]) -> tuple[TimelineEntry, ...]:
        return tuple(TimelineEntry(
            status=SiteState(c.status), since=c.since.isoformat(),
            evidence=tuple(records[i] for i in c.evidence if known(i)),
            contested_by=tuple(records[i] for i in c.contested_by if known(i)),
            confirmed=c.known_on.isoformat(), confidence=c.confidence,
            reasons=tuple(StatusReason(r.fused_id, r.day.isoformat(), r.kind, r.weight, r.origin, r.source, r.hedged)
                          for r in c.reasons)) for c in changes)
    current = judged.current
    if as_of is None and stored is None:
        status: SiteState | None = SiteState.UNKNOWN
    elif current is None:
        status = None if as_of else SiteState.UNKNOWN
    else:
        status = SiteState(current.status)
    return SiteDetail(
        id=site.id, name=site.name, kind=site.kind, operator=site.operator,
        country_code=site.country_code, lat=site.lat, lon=site.lon,
        aliases=tuple(json.loads(site.aliases)), coord_source=site.coord_source,
        status=status,  # type: ignore[arg-type]
        status_since=current.since.isoformat() if current else None,
        force=judged.force,
        timeline=expand(judged.changes),
        other_forces={code: expand(changes) for code, changes in judged.others.items()},
        confidence=current.confidence if current else None,
        as_of=as_of.isoformat() if as_of else None,
        unconfirmed=tuple(UnconfirmedClaim(u.day.isoformat(), SiteState(u.status), u.weight, u.reason, code,
                                           records.get(u.fused_id)) for code, u in judged.unconfirmed),
    )


def brief_inputs(store: Store, *, since: date, until: date | None, countries: set[str] | None
                 ) -> tuple[list[EventRecord], list[SiteDetail]]:
    """Fused events of the period and the details (timelines as known at the period's end) of
    the sites with any judged claim, for a brief."""
    query = EventQuery(since=since, until=until)
    events_ = [r for r in query_events(store, query)
               if countries is None or ((r.get("event_loc") or {}).get("country_code") in countries)]
    with store.engine.connect() as conn:
        ids = list(conn.execute(select(site_status.c.site_id).order_by(site_status.c.site_id)).scalars())
    details = [d for d in (site_detail(store, i, as_of=until) for i in ids)
               if d is not None and (d.timeline or d.other_forces or d.unconfirmed)]
    if countries is not None:
        details = [d for d in details if d.country_code in countries]
    return events_, details
