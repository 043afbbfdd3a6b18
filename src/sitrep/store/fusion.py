"""Keeps fused events and site statuses current as events arrive (incrementally: only the
neighbourhood of the new events is read and rewritten, whatever the size of the archive)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select

from sitrep.fuse import Mention, cluster_mentions, mention_origins
from sitrep.fuse.dedup import NAME as DEDUP_NAME
from sitrep.records.read import map_feature_json
from sitrep.store.schema import (
    documents,
    event_fusion,
    event_sources,
    events,
    fused_events,
    fusion_pending,
)
from sitrep.store.sitestatus import mark_for_judging

NEIGHBOURHOOD = timedelta(days=12)  # wider than any two windows that can overlap
NEAR_DEG = 1.5  # bounding box for candidates without a site (> 100 km at these latitudes)


def fuse_pending(conn: Connection) -> int:
    """Fuses the events stored since the last fusion (a batch's), together; how many."""
    ids = sorted(conn.execute(select(fusion_pending.c.event_id)).scalars())
    if ids:
        fuse_again(conn, ids)
        conn.execute(delete(fusion_pending))
    return len(ids)


def fuse_again(conn: Connection, event_ids: list[str]) -> None:
    """Re-clusters the new events with their stored neighbours and rewrites the touched fused
    events, inside the caller's transaction; the touched sites are marked for judging."""
    if not event_ids:
        return
    new = [m for i in range(0, len(event_ids), 500)
           for m in _load_mentions(conn, events.c.id.in_(event_ids[i : i + 500]))]
    neighbours: dict[str, Mention] = {m.event_id: m for m in new}
    for where in _neighbourhoods(new):
        for m in _load_mentions(conn, where):
            neighbours[m.event_id] = m
    # Whole old clusters come along, so a merge never leaves half a fused event behind.
    ids = list(neighbours)
    links = {tuple(row) for i in range(0, len(ids), 500) for row in conn.execute(
        select(event_fusion.c.fused_id, event_fusion.c.event_id).where(
            event_fusion.c.fused_id.in_(select(event_fusion.c.fused_id).where(
                event_fusion.c.event_id.in_(ids[i : i + 500])))))}
    old: dict[str, set[str]] = {}
    for fused_id, event_id in links:
        old.setdefault(fused_id, set()).add(event_id)
    missing = [e for members in old.values() for e in members if e not in neighbours]
    for i in range(0, len(missing), 500):
        for m in _load_mentions(conn, events.c.id.in_(missing[i : i + 500])):
            neighbours[m.event_id] = m
    unchanged = {frozenset(members): fused_id for fused_id, members in old.items()}
    groups = cluster_mentions(neighbours.values())
    changed = [g for g in groups if frozenset(m.event_id for m in g) not in unchanged]
    kept = {unchanged[frozenset(m.event_id for m in g)] for g in groups if frozenset(m.event_id for m in g) in unchanged}
    stale = [fused_id for fused_id in old if fused_id not in kept]
    # The earliest day touched at each site: statuses are recomputed from there on only.
    cutoffs: dict[str, date] = {}
    for row in conn.execute(select(fused_events.c.site_id, fused_events.c.sort_date)
                            .where(fused_events.c.id.in_(stale))) if stale else []:
        if row.site_id and row.sort_date:
            cutoffs[row.site_id] = min(cutoffs.get(row.site_id, row.sort_date), row.sort_date)
    if stale:
        conn.execute(delete(fused_events).where(fused_events.c.id.in_(stale)))
        conn.execute(delete(event_fusion).where(event_fusion.c.fused_id.in_(stale)))
    # Only the happenings whose membership changed are rewritten: the cost follows the news, not the archive.
    records = _records(conn, [m.event_id for g in changed for m in g])
    fused_rows: list[dict[str, Any]] = []
    for group in changed:
        fused = _fused_row(group, records)
        fused_rows.append(fused)
        day = fused["sort_date"]
        for m in group:
            if m.site_id and day:
                cutoffs[m.site_id] = min(cutoffs.get(m.site_id, day), day)
    if fused_rows:  # one statement per table for the whole batch (executemany)
        conn.execute(insert(fused_events), fused_rows)
        conn.execute(insert(event_fusion), [{"event_id": m.event_id, "fused_id": fused_row["id"]}
                                            for fused_row, group in zip(fused_rows, changed, strict=True) for m in group])
    mark_for_judging(conn, cutoffs, stale)


def unfuse(conn: Connection, event_ids: list[str]) -> None:
    """Takes events out of their happenings before they are deleted (a report replaced by a
    newer judgement): the happenings they were in are re-fused from their other members and their
    sites marked for judging from the earliest day touched, inside the caller's transaction."""
    if not event_ids:
        return
    fused_ids = list(conn.execute(select(event_fusion.c.fused_id)
                                  .where(event_fusion.c.event_id.in_(event_ids))).scalars())
    others = [e for e in conn.execute(select(event_fusion.c.event_id)
                                      .where(event_fusion.c.fused_id.in_(fused_ids))).scalars()
              if e not in set(event_ids)]
    cutoffs: dict[str, date] = {}
    for row in conn.execute(select(fused_events.c.site_id, fused_events.c.sort_date)
                            .where(fused_events.c.id.in_(fused_ids))):
        if row.site_id and row.sort_date:
            cutoffs[row.site_id] = min(cutoffs.get(row.site_id, row.sort_date), row.sort_date)
    conn.execute(delete(event_fusion).where(event_fusion.c.fused_id.in_(fused_ids)))
    conn.execute(delete(fused_events).where(fused_events.c.id.in_(fused_ids)))
    conn.execute(delete(events).where(events.c.id.in_(event_ids)))
    conn.execute(delete(fusion_pending).where(fusion_pending.c.event_id.in_(event_ids)))
    fuse_again(conn, others)  # the remaining members, as if new: re-clustered with their neighbours
    mark_for_judging(conn, cutoffs, fused_ids)


def _neighbourhoods(mentions: list[Mention]) -> list[Any]:
    """Where the stored events that may be the same happening as any of these are: per category
    and place, those starting near the mentions' windows and those whose period (an imagery
    change) started earlier but reaches them. Overlapping windows of one place are read once: a
    batch of reports about one busy site reads its neighbourhood once, not once per report."""
    spans: dict[tuple[Any, ...], list[tuple[date, date]]] = {}
    for m in mentions:
        window = m.window()
        if m.site_id:
            place: tuple[Any, ...] = ("site", m.site_id)
        elif m.lat is not None and m.lon is not None:
            place = ("point", m.lat, m.lon)
        else:
            window = None
        if window is None:
            continue  # undated or unplaced: only itself, already loaded
        spans.setdefault((m.event, *place), []).append((window[0] - NEIGHBOURHOOD, window[1] + NEIGHBOURHOOD))
    out: list[Any] = []
    for (event, kind, *where), windows in spans.items():
        if kind == "site":
            place_cond = [events.c.site_id == where[0]]
        else:
            lat, lon = where
            place_cond = [events.c.lat.between(lat - NEAR_DEG, lat + NEAR_DEG),
                          events.c.lon.between(lon - NEAR_DEG, lon + NEAR_DEG)]
        for lo, hi in _merged(windows):
            out.append(and_(events.c.event == event, events.c.sort_date.between(lo, hi), *place_cond))
            # Served by the (site, category, enddate) index: day events have no enddate and are skipped.
            out.append(and_(events.c.event == event, events.c.enddate >= lo, events.c.sort_date < lo, *place_cond))
    return out


def _merged(windows: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Overlapping or touching day ranges joined."""
    out: list[tuple[date, date]] = []
    for lo, hi in sorted(windows):
        if out and lo <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _load_mentions(conn: Connection, where: Any) -> list[Mention]:
    # Only the indexed columns: parsing every neighbour's JSON record was half of the cost.
    stmt = (
        select(events.c.id, events.c.document_id, events.c.event, events.c.actor_code, events.c.site_id,
               events.c.lat, events.c.lon, events.c.resolution, events.c.country_code, events.c.date,
               events.c.date_precision, events.c.enddate, events.c.posture, events.c.evidence_kind, events.c.confidence,
               documents.c.published, documents.c.outlet, documents.c.url, documents.c.syndication_group,
               event_sources.c.attribution_source)
        .join(documents, documents.c.id == events.c.document_id)
        .outerjoin(event_sources, and_(event_sources.c.event_id == events.c.id,
                                       event_sources.c.document_id == events.c.document_id))
        .where(where)
    )
    return [Mention(
        event_id=row.id, document_id=row.document_id, event=row.event, actor_code=row.actor_code,
        site_id=row.site_id, lat=row.lat, lon=row.lon, resolution=row.resolution,
        country_code=row.country_code, date=row.date,
        enddate=row.enddate or _period_end(row.date, row.date_precision),
        published=row.published, posture=row.posture, outlet=row.outlet, url=row.url,
        attribution_source=row.attribution_source, attribution_kind=row.evidence_kind,
        confidence=row.confidence, syndication_group=row.syndication_group,
    ) for row in conn.execute(stmt)]


def _period_end(day: date | None, precision: str | None) -> date | None:
    """The last day of a week/month/year-precision date (as the extractor records `enddate`)."""
    if day is None or precision in (None, "day"):
        return None
    if precision == "week":
        return day + timedelta(days=6)
    if precision == "month":
        nxt = day.replace(year=day.year + (day.month == 12), month=day.month % 12 + 1, day=1)
        return nxt - timedelta(days=1)
    return day.replace(month=12, day=31)


def _records(conn: Connection, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        for row in conn.execute(select(events.c.id, events.c.record).where(events.c.id.in_(chunk))):
            out[row.id] = json.loads(row.record)
    return out


def _fused_row(group: list[Mention], records: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The fused_events row of one happening: the most confident mention's record, with the
    group's sources."""
    lead = max(group, key=lambda m: (m.confidence, -(m.date or date.max).toordinal(), m.event_id))
    fused_id = "f" + min(m.event_id for m in group)[:19]
    record = dict(records[lead.event_id])
    origins = mention_origins(group)
    dates = sorted(m.date for m in group if m.date)
    days = [m.date for m in group if m.date and m.enddate is None]  # day-precision dates
    best_day = max(sorted(set(days)), key=days.count) if days else (dates[0] if dates else None)
    record.update({
        "id": fused_id,
        "date": best_day.isoformat() if best_day else record.get("date"),
        "enddate": max((m.enddate or m.date for m in group if m.date), default=None),
        "mentions": len(group),
        "sources": [_source(m, records[m.event_id], origins[m.event_id]) for m in sorted(group, key=_source_order)],
        "independent_sources": len(set(origins.values())),
        "mention_ids": [m.event_id for m in group],
        "fusion": DEDUP_NAME,
    })
    if record["enddate"] is not None and not isinstance(record["enddate"], str):
        record["enddate"] = record["enddate"].isoformat() if record["enddate"] != best_day else None
    record["date_precision"] = "day" if days else record.get("date_precision")
    # An airlift says lift happened, not which way: a member that does say (arriving, departing)
    # gives the happening its posture.
    if lead.posture == "airlift":
        told = [m for m in group if m.posture and m.posture != "airlift"]
        if told:
            record["posture"] = max(told, key=lambda m: (m.confidence, m.event_id)).posture
    confidence = _fused_confidence([m.confidence for m in group], record["independent_sources"])
    record["confidence"] = confidence
    # An undated happening is filed under its record's own report day, so the day a listing is
    # filtered by is the day the record shows.
    sort_day = best_day or lead.published or min((m.published for m in group if m.published), default=None)
    return {
        "id": fused_id, "event": lead.event, "sort_date": sort_day, "posture": record["posture"],
        "site_id": lead.site_id, "lat": lead.lat, "lon": lead.lon, "country_code": lead.country_code,
        "actor_code": lead.actor_code, "confidence": confidence, "mentions": len(group),
        "independent_sources": record["independent_sources"],
        "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
        "evidence_kinds": evidence_kinds(record["sources"]),
        "map_feature": map_feature_json(record),
    }


def evidence_kinds(sources: list[dict[str, Any]]) -> str:
    """The sources' attribution kinds as ",imagery,media,", so one LIKE finds a kind."""
    kinds = sorted({(s.get("attribution") or {}).get("kind") or "media" for s in sources}) or ["media"]
    return "," + ",".join(kinds) + ","


def _source(m: Mention, record: dict[str, Any], origin: str) -> dict[str, Any]:
    syndicated = {"syndication_group": m.syndication_group} if m.syndication_group else {}
    return {**syndicated,
        "outlet": m.outlet, "url": m.url, "published": m.published.isoformat() if m.published else None,
        "attribution": record.get("attribution"), "origin": origin, "event_id": m.event_id,
        "event_text": record.get("event_text"), "citation": (record.get("cite_info") or {}).get("citation"),
        # For the status judgement: how sure the sentence is, and whether the source counted things.
        "confidence": m.confidence, "posture": m.posture,
        "measured": str((record.get("text_info") or {}).get("trigger") or "").startswith(("imagery:", "airlift")),
    }


def _source_order(m: Mention) -> tuple[date, str]:
    return (m.published or date.max, m.event_id)


def _fused_confidence(values: list[float], origins: int) -> float:
    """Independent corroboration raises confidence: 1 - prod(1 - c) over the best mention per
    origin, never above 0.99."""
    best = sorted(values, reverse=True)[: max(1, origins)]
    miss = 1.0
    for value in best:
        miss *= 1.0 - value
    return round(min(0.99, 1.0 - miss), 2)
