"""ADS-B Exchange trace JSON (readsb's `trace_full_<icao>.json`) -> StateVector records, a second
layout of flight tracks for the landing/take-off detector.

A trace is one aircraft's day: `icao`, `timestamp` (Unix seconds) and `trace`, rows of [seconds
after timestamp, lat, lon, altitude in feet or "ground", ground speed in knots, track, flags,
vertical rate in ft/min, details or null, ...]; the details object carries the callsign (`flight`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.records import Skipped, StateVector
from sitrep.sources.fields import BadField, number, point
from sitrep.sources.flights import is_hex, open_text
from sitrep.sources.guard import READ_ERRORS, unreadable

FT = 0.3048
KNOT = 0.514444


def is_adsbx_trace(obj: Any) -> bool:
    return isinstance(obj, dict) and "icao" in obj and isinstance(obj.get("trace"), list) and "timestamp" in obj


def read_adsbx_trace(path: Path, *, max_bytes: int) -> Iterator[StateVector | Skipped]:
    """The positions of a trace file in time order; a bad row is skipped naming its field."""
    origin = str(path)
    try:
        with open_text(path, max_bytes=max_bytes) as stream:
            obj = json.load(stream)
    except ValueError as err:
        yield Skipped(origin, f"invalid JSON: {err}")
        return
    except READ_ERRORS as err:
        yield unreadable(origin, err)
        return
    if not is_adsbx_trace(obj):
        yield Skipped(origin, "not an ADS-B Exchange trace (needs icao, timestamp, trace)")
        return
    icao = str(obj["icao"]).lower().lstrip("~")
    if not is_hex(icao) or len(icao) != 6:
        yield Skipped(origin, f"icao: {icao[:10]!r} is not a 24-bit hex address")
        return
    base = float(obj["timestamp"])
    callsign = None
    last = -1.0
    for n, row in enumerate(obj["trace"], 1):
        try:
            if not isinstance(row, list) or len(row) < 6:
                raise BadField("row", "needs at least [seconds, lat, lon, altitude, speed, track]")
            offset = number(row[0], "seconds", 0, 10 * 86400)
            lat, lon = point(row[1], row[2])
            details = row[8] if len(row) > 8 and isinstance(row[8], dict) else {}
            callsign = (details.get("flight") or "").strip() or callsign
            ground = row[3] == "ground"
            alt = None if ground or row[3] is None else number(row[3], "altitude", -2000, 100_000)
            speed = number(row[4], "ground speed", 0, 2000, required=False)
            track = number(row[5], "track", 0, 360, required=False)
            rate = number(row[7], "vertical rate", -40_000, 40_000, required=False) if len(row) > 7 else None
            geo = number(row[10], "geometric altitude", -2000, 100_000, required=False) \
                if len(row) > 10 and row[10] not in (None, "ground") else None
        except BadField as bad:
            yield Skipped(f"{origin}#row-{n}", f"row {n}: {bad}")
            continue
        t = base + (offset or 0.0)
        if t <= last:
            continue  # repeated positions: the detector needs strictly later rows
        last = t
        yield StateVector(t, icao, lat, lon, speed * KNOT if speed is not None else None, track,
                          rate * FT / 60 if rate is not None else None, callsign, ground,
                          alt * FT if alt is not None else (0.0 if ground else None),
                          geo * FT if geo is not None else None, origin, n)
