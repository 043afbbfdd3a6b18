"""Small-area geometry for structured evidence: footprint rings (lon, lat), their checks, centroid,
containment, and the known site nearest a point.

Footprints cover a few kilometres around one site, so planar arithmetic on degrees is good enough
for containment and the centroid; distances use the haversine formula.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from sitrep.geo.resolve import haversine_km
from sitrep.records import Site

Position = tuple[float, float]  # (lon, lat), GeoJSON order

MAX_VERTICES = 1000  # a site footprint needs a handful; this bounds the O(n²) self-intersection check


def position_problem(value: object) -> str | None:
    """Why a GeoJSON position ([lon, lat] or [lon, lat, alt]) is invalid, or None when it is fine."""
    if not isinstance(value, list | tuple) or not 2 <= len(value) <= 3:
        return f"{_short(value)} is not a position [lon, lat]"
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return f"{_short(value)} is not a position of numbers"
    lon, lat = float(value[0]), float(value[1])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return f"{_short(value)} is not a finite position"
    if not -180.0 <= lon <= 180.0:
        return f"longitude {value[0]} out of range (-180..180)"
    if not -90.0 <= lat <= 90.0:
        return f"latitude {value[1]} out of range (-90..90)"
    return None


def ring_problem(ring: Sequence[Position]) -> str | None:
    """Why a polygon's outer ring is invalid (open, too short, flat, crossing itself), or None."""
    if len(ring) < 4:
        return f"ring has {len(ring)} positions (a polygon ring needs at least 4)"
    if len(ring) > MAX_VERTICES:
        return f"ring has {len(ring)} positions (at most {MAX_VERTICES} for a site footprint)"
    if ring[0] != ring[-1]:
        return f"ring is not closed (first {list(ring[0])} differs from last {list(ring[-1])})"
    if len(set(ring[:-1])) < 3:
        return "ring has fewer than 3 distinct corners"
    crossing = _self_intersection(ring)
    if crossing is not None:
        return f"ring crosses itself (edges {crossing[0] + 1} and {crossing[1] + 1})"
    if abs(_signed_area(ring)) < 1e-12:
        return "ring has no area (all corners on one line)"
    return None


def ring_centroid(ring: Sequence[Position]) -> Position:
    """The area centroid (lon, lat) of a valid closed ring."""
    area = _signed_area(ring)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6.0 * area), cy / (6.0 * area)


def ring_contains(ring: Sequence[Position], lon: float, lat: float) -> bool:
    """True when (lon, lat) lies inside the closed ring (even-odd rule; edges count as inside)."""
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        if _on_segment((x0, y0), (x1, y1), (lon, lat)):
            return True
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def ring_extent_km(ring: Sequence[Position]) -> float:
    """The diagonal of the ring's bounding box, in km."""
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return haversine_km(min(lats), min(lons), max(lats), max(lons))


def nearest_site(lat: float, lon: float, sites: Iterable[Site], *, within_km: float) -> tuple[Site, float] | None:
    """The known site closest to a point and its distance, when it is within `within_km`."""
    best: tuple[Site, float] | None = None
    for site in sites:
        # A cheap box test first: a degree of latitude is ~111 km everywhere.
        if abs(site.lat - lat) * 111.0 > within_km:
            continue
        km = haversine_km(lat, lon, site.lat, site.lon)
        if km <= within_km and (best is None or km < best[1]):
            best = (site, km)
    return best


def _signed_area(ring: Sequence[Position]) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))


def _self_intersection(ring: Sequence[Position]) -> tuple[int, int] | None:
    """The first pair of non-adjacent edges that touch or cross, by edge index."""
    edges = list(zip(ring, ring[1:], strict=False))
    n = len(edges)
    for i in range(n):
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue  # the closing edge meets the first one at the shared corner
            if _segments_touch(edges[i][0], edges[i][1], edges[j][0], edges[j][1]):
                return i, j
    return None


def _orientation(a: Position, b: Position, c: Position) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _on_segment(a: Position, b: Position, p: Position) -> bool:
    return (_orientation(a, b, p) == 0 and min(a[0], b[0]) <= p[0] <= max(a[0], b[0])
            and min(a[1], b[1]) <= p[1] <= max(a[1], b[1]))


def _segments_touch(a: Position, b: Position, c: Position, d: Position) -> bool:
    o1, o2, o3, o4 = _orientation(a, b, c), _orientation(a, b, d), _orientation(c, d, a), _orientation(c, d, b)
    if ((o1 > 0) != (o2 > 0)) and ((o3 > 0) != (o4 > 0)) and 0 not in (o1, o2, o3, o4):
        return True
    return _on_segment(a, b, c) or _on_segment(a, b, d) or _on_segment(c, d, a) or _on_segment(c, d, b)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
