"""Flight movements in the store: idempotent writes, a site's movements over a period, coverage."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date
from typing import Any

from sqlalchemy import func, insert, select

from sitrep.records import FlightMovement
from sitrep.store.db import Store
from sitrep.store.schema import flight_movements


def save_movements(store: Store, movements: Iterable[FlightMovement],
                   paths: Mapping[str, tuple[tuple[float, float], ...]] | None = None) -> int:
    """Stores the movements not stored yet (ids are derived from the movement), in one
    transaction; returns how many were new."""
    moves = {m.id: m for m in movements}
    new = 0
    with store.writing() as conn:
        ids = list(moves)
        known: set[str] = set()
        for i in range(0, len(ids), 500):
            known |= set(conn.execute(select(flight_movements.c.id)
                                      .where(flight_movements.c.id.in_(ids[i:i + 500]))).scalars())
        rows = [_row(m, (paths or {}).get(m.id)) for i, m in moves.items() if i not in known]
        for i in range(0, len(rows), 1000):
            conn.execute(insert(flight_movements), rows[i:i + 1000])
        new = len(rows)
    return new


def movements_at(store: Store, site_id: str, first: date, last: date) -> list[FlightMovement]:
    """A site's stored movements from `first` to `last` (days, inclusive), in time order."""
    c = flight_movements.c
    stmt = select(flight_movements).where(c.site_id == site_id, c.day.between(first, last)).order_by(c.at, c.id)
    with store.engine.connect() as conn:
        return [_movement(r) for r in conn.execute(stmt)]


def coverage(store: Store) -> tuple[date, date] | None:
    """The first and last day any flight data covers (civil flights included: a quiet day at a
    base inside that span is a real zero, a day outside it is unknown)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(func.min(flight_movements.c.day), func.max(flight_movements.c.day))).first()
    return (row[0], row[1]) if row and row[0] else None


def _row(m: FlightMovement, path: tuple[tuple[float, float], ...] | None) -> dict[str, Any]:
    return {
        "id": m.id, "icao24": m.icao24, "callsign": m.callsign, "kind": m.kind, "at": m.at,
        "day": m.at.date(), "airfield": m.airfield, "site_id": m.site_id, "lat": m.lat, "lon": m.lon,
        "aircraft_type": m.aircraft_type, "operator": m.operator, "military_transport": m.military_transport,
        "other_end": m.other_end, "origin": m.origin,
        "path": json.dumps([[round(x, 5), round(y, 5)] for x, y in path]) if path else None,
    }


def _movement(r: Any) -> FlightMovement:
    at = r.at if r.at.tzinfo else r.at.replace(tzinfo=UTC)  # SQLite drops the zone
    return FlightMovement(
        id=r.id, icao24=r.icao24, callsign=r.callsign, kind=r.kind, at=at, airfield=r.airfield,
        site_id=r.site_id, lat=r.lat, lon=r.lon, aircraft_type=r.aircraft_type, operator=r.operator,
        military_transport=bool(r.military_transport), origin=r.origin, other_end=r.other_end,
    )
