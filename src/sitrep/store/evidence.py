"""Read queries over structured evidence: imagery observations and flight movements."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select

from sitrep.store.db import Store
from sitrep.store.schema import OBSERVATION_CLASSES, flight_movements, in_box, observations

MAX_FEATURES = 2000


def observation_features(store: Store, *, site_id: str | None = None, since: date | None = None,
                         until: date | None = None, bbox: tuple[float, float, float, float] | None = None,
                         limit: int = MAX_FEATURES) -> list[dict[str, Any]]:
    """Observations as GeoJSON features (footprint polygon, else point), newest first."""
    c = observations.c
    conds: list[Any] = []
    if site_id:
        conds.append(c.site_id == site_id)
    if since:
        conds.append(c.acquired >= datetime.combine(since, time.min))
    if until:
        conds.append(c.acquired < datetime.combine(until + timedelta(days=1), time.min))
    if bbox:
        conds += in_box(c.lat, c.lon, bbox)
    stmt = select(observations).where(*conds).order_by(c.acquired.desc(), c.id).limit(min(limit, MAX_FEATURES))
    with store.engine.connect() as conn:
        rows = list(conn.execute(stmt))
    return [_observation_feature(r) for r in rows]


def _observation_feature(r: Any) -> dict[str, Any]:
    ring = json.loads(r.footprint) if r.footprint else None
    geometry = ({"type": "Polygon", "coordinates": [ring]} if ring
                else {"type": "Point", "coordinates": [r.lon, r.lat]})
    counts = {n: getattr(r, n) for n in OBSERVATION_CLASSES if getattr(r, n) is not None}
    return {"type": "Feature", "id": r.id, "geometry": geometry, "properties": {
        "id": r.id, "site_id": r.site_id, "acquired": _iso(r.acquired), "provider": r.provider,
        "counts": counts, "note": r.note, "image_id": r.image_id, "url": r.url, "analyst": r.analyst,
        "report": f"/reports/{r.id}",
    }}


def site_observations(store: Store, site_id: str) -> list[dict[str, Any]]:
    """A site's observations oldest first, with counts by class (for the site page's table)."""
    return [f["properties"] for f in reversed(observation_features(store, site_id=site_id))]


def movement_features(store: Store, *, site_id: str | None = None, since: date | None = None,
                      until: date | None = None, military_only: bool = True,
                      limit: int = MAX_FEATURES) -> list[dict[str, Any]]:
    """Flight movements as GeoJSON features: the track near the airfield as a line, else a point."""
    c = flight_movements.c
    conds: list[Any] = []
    if site_id:
        conds.append(c.site_id == site_id)
    if since:
        conds.append(c.day >= since)
    if until:
        conds.append(c.day <= until)
    if military_only:
        conds.append(c.military_transport.is_(True))
    stmt = select(flight_movements).where(*conds).order_by(c.at.desc(), c.id).limit(min(limit, MAX_FEATURES))
    with store.engine.connect() as conn:
        rows = list(conn.execute(stmt))
    out = []
    for r in rows:
        path = json.loads(r.path) if r.path else None
        geometry = ({"type": "LineString", "coordinates": path} if path and len(path) >= 2
                    else {"type": "Point", "coordinates": [r.lon, r.lat]})
        out.append({"type": "Feature", "id": r.id, "geometry": geometry, "properties": {
            "id": r.id, "icao24": r.icao24, "callsign": r.callsign, "kind": r.kind, "at": _iso(r.at),
            "airfield": r.airfield, "site_id": r.site_id, "aircraft_type": r.aircraft_type,
            "operator": r.operator, "military_transport": bool(r.military_transport), "other_end": r.other_end,
        }})
    return out


def site_movements_by_day(store: Store, site_id: str) -> list[dict[str, Any]]:
    """Military transport landings and take-offs per day at a site (for its page)."""
    c = flight_movements.c
    stmt = (select(c.day, c.kind, func.count()).where(c.site_id == site_id, c.military_transport.is_(True))
            .group_by(c.day, c.kind).order_by(c.day))
    days: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for day, kind, n in conn.execute(stmt):
            entry = days.setdefault(day.isoformat(), {"date": day.isoformat(), "landing": 0, "takeoff": 0})
            entry[kind] = int(n)
    return list(days.values())


def _iso(moment: datetime) -> str:
    return moment.isoformat() if moment.tzinfo else moment.isoformat() + "+00:00"
