"""Which known site a point lies at: each site's radius by kind, and a grid index so that millions
of points (thermal detections, ship positions) are placed without measuring every site."""

from __future__ import annotations

import math
from collections.abc import Iterable

from sitrep.geo.resolve import haversine_km
from sitrep.records import Site

# A site is a point in the table; these radii stand for its perimeter. Air bases: a 3 km runway
# with aprons around it; naval bases and ports: the harbour basin; outposts are a compound.
SITE_RADIUS_KM = {"air_base": 4.0, "airport": 4.0, "naval_base": 4.0, "port": 4.0, "base": 2.0, "outpost": 1.0}
DEFAULT_RADIUS_KM = 3.0
CELL_DEG = 0.25


def site_radius_km(site: Site) -> float:
    """The radius within which a point counts as at the site (by the site's kind)."""
    return SITE_RADIUS_KM.get(site.kind, DEFAULT_RADIUS_KM)


class SiteIndex:
    """Sites in a grid of CELL_DEG cells; `at` and `near` look only at the cells around a point."""

    def __init__(self, sites: Iterable[Site], *, kinds: frozenset[str] | None = None) -> None:
        self.cells: dict[tuple[int, int], list[Site]] = {}
        for site in sites:
            if kinds is None or site.kind in kinds:
                self.cells.setdefault(_cell(site.lat, site.lon), []).append(site)

    def near(self, lat: float, lon: float, *, margin_km: float = 0.0) -> tuple[Site, float] | None:
        """The closest site whose radius plus `margin_km` holds the point, with its distance."""
        reach = max(SITE_RADIUS_KM.values()) + margin_km
        row, col = _cell(lat, lon)
        dr = math.ceil(reach / (111.0 * CELL_DEG))
        dc = math.ceil(reach / (111.0 * CELL_DEG * max(0.05, math.cos(math.radians(min(89.0, abs(lat)) + CELL_DEG)))))
        best: tuple[Site, float] | None = None
        for r in range(row - dr, row + dr + 1):
            for c in range(col - dc, col + dc + 1):
                for site in self.cells.get((r, _wrap(c)), ()):
                    km = haversine_km(lat, lon, site.lat, site.lon)
                    if km <= site_radius_km(site) + margin_km and (best is None or km < best[1]):
                        best = (site, km)
        return best

    def at(self, lat: float, lon: float) -> str | None:
        """The id of the site within whose radius the point lies (the closest), else None."""
        found = self.near(lat, lon)
        return found[0].id if found else None


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEG), _wrap(math.floor(lon / CELL_DEG))


def _wrap(col: int) -> int:
    n = round(360 / CELL_DEG)
    return (col + n // 2) % n - n // 2
