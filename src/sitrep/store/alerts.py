"""What changed, for the Atom feed of changes and for webhooks: site status changes (every force
of every judged site) and happenings corroborated by two or more independent origins."""

from __future__ import annotations

import json

from sqlalchemy import select

from sitrep.records import Alert
from sitrep.store.db import Store
from sitrep.store.schema import fused_events, site_status, sites
from sitrep.store.sitestatus import read_status

MIN_ORIGINS = 2  # "newly corroborated": a happening told by this many independent origins


def status_alerts(store: Store, *, site_id: str | None = None, countries: set[str] | None = None) -> list[Alert]:
    """Every confirmed status change of the judged sites (or one site, or a region's countries),
    newest first."""
    stmt = (select(site_status.c.site_id, site_status.c.timeline, sites.c.name, sites.c.country_code)
            .join(sites, sites.c.id == site_status.c.site_id))
    if site_id is not None:
        stmt = stmt.where(site_status.c.site_id == site_id)
    if countries is not None:
        stmt = stmt.where(sites.c.country_code.in_(sorted(countries)))
    out: list[Alert] = []
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    for row in rows:
        judged = read_status(row.timeline)
        for force, changes in [(judged.force, judged.changes), *judged.others.items()]:
            previous: str | None = None
            for change in changes:
                day = change.known_on.isoformat()
                who = f"{force} forces" if force else "the forces"
                out.append(Alert(
                    kind="status", key=f"status/{row.site_id}/{force or '-'}/{change.status}/{change.since.isoformat()}",
                    title=f"{row.name}: {change.status} ({who}, since {change.since.isoformat()})",
                    day=day, path=f"/sites/{row.site_id}",
                    summary=(f"{row.name} is judged {change.status} for {who} since {change.since.isoformat()}"
                             f"{f', was {previous}' if previous else ''}; confirmed {day} with confidence "
                             f"{change.confidence:.2f} from {len(change.evidence)} happening(s)."),
                    site_id=row.site_id, country_code=row.country_code, status=change.status, previous=previous,
                    force=force, since=change.since.isoformat(), confidence=change.confidence))
                previous = change.status
    return sorted(out, key=lambda a: (a.day, a.key), reverse=True)


def corroborated_alerts(store: Store, *, site_id: str | None = None, countries: set[str] | None = None,
                        limit: int = 50) -> list[Alert]:
    """The newest happenings told by at least two independent origins."""
    c = fused_events.c
    stmt = select(c.id, c.sort_date, c.site_id, c.country_code, c.independent_sources, c.confidence, c.record).where(
        c.independent_sources >= MIN_ORIGINS)
    if site_id is not None:
        stmt = stmt.where(c.site_id == site_id)
    if countries is not None:
        stmt = stmt.where(c.country_code.in_(sorted(countries)))
    stmt = stmt.order_by(c.sort_date.desc(), c.id.desc()).limit(limit)
    out = []
    with store.engine.connect() as conn:
        for row in conn.execute(stmt):
            record = json.loads(row.record)
            place = (record.get("event_loc") or {}).get("resolved_place") or row.site_id or "unknown place"
            day = row.sort_date.isoformat() if row.sort_date else ""
            outlets = sorted({s.get("outlet") or "?" for s in record.get("sources", [])})
            out.append(Alert(
                kind="corroborated", key=f"event/{row.id}", day=day, path=f"/events/{row.id}",
                title=f"{record.get('event', 'EVENT')} at {place} on {day}: {row.independent_sources} independent origins",
                summary=(f"{record.get('event_text') or ''} Told by {', '.join(outlets)}."
                         ).strip(),
                site_id=row.site_id, country_code=row.country_code, confidence=row.confidence))
    return out
