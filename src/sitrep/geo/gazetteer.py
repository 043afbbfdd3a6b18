"""The offline gazetteer: curated military sites, GeoNames towns, provinces, districts, countries
and continents, behind one small typed service (`Gazetteer.lookup`).

The index is built once (geo/build.py, about 25 s) and cached in the cache dir as a flat columnar
file (geo/columns.py) that later runs map into memory instead of reading: start-up decodes nothing,
and the pages are the operating system's, shared between processes. Candidates are made on demand
by `lookup`.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.geo.columns import read_columns, write_columns
from sitrep.geo.normalize import fold_name
from sitrep.records import Site

log = logging.getLogger(__name__)

CITY_FEATURE = "PPL"
COUNTRY_FEATURE = "PCLI"
SITE_FEATURES = {
    "air_base": "AIRB",
    "airport": "AIRP",
    "naval_base": "NVB",
    "port": "PRT",
    "outpost": "MILB",
    "base": "MILB",
}
# How precise a point is, finest first; "region" is a continent or a vague area ("the Sahel").
RESOLUTIONS = ("site", "city", "district", "province", "country", "region")
_INDEX_VERSION = "13"
_MADE_KEPT = 50_000


@dataclass(frozen=True)
class Candidate:
    """One referent a name may point to."""

    name: str
    lat: float
    lon: float
    country_code: str | None  # ISO 3166 alpha-3
    feature_code: str
    resolution: str  # one of RESOLUTIONS
    population: int = 0
    site_id: str | None = None
    place_id: int = -1  # row in the gazetteer; -1 for places made outside it
    admin1_id: int = -1  # row of the province a town or district lies in
    admin2_id: int = -1  # row of the district a town lies in


@dataclass
class Gazetteer:
    """Name -> candidates look-ups over sites, towns, districts, provinces, countries, continents.

    Places are rows of parallel columns (`columns`); `index` maps a folded name to row numbers,
    best first (sites, then countries, provinces, towns, districts; larger populations first).
    """

    sites: dict[str, Site]
    columns: dict[str, Any] = field(repr=False)
    index: Mapping[str, int | tuple[int, ...]] = field(repr=False)  # a bare int when one place has the name
    _capitals: frozenset[int] | None = field(default=None, repr=False, compare=False)
    _made: dict[int, Candidate] = field(default_factory=dict, repr=False, compare=False)
    # One name alone, with its focus country and cue, always resolves alike: resolve_toponym
    # keeps its answers here (bounded), as the same names recur in every report.
    resolved: dict[tuple[str, str | None, str | None], Any] = field(default_factory=dict, repr=False, compare=False)

    def lookup(self, name: str) -> list[Candidate]:
        """Candidates for a name, best prior first."""
        rows = self.index.get(fold_name(name), ())
        return [self.candidate(i) for i in ((rows,) if isinstance(rows, int) else rows)]

    def similar(self, name: str, n: int = 5) -> list[Candidate]:
        """The best place of each of the names spelt most like `name` (for "did you mean"):
        names sharing its first letter, compared by difflib; for error messages, not matching."""
        key = fold_name(name)
        if not key:
            return []
        pool = [k for k in self.index if k[:1] == key[:1]]
        out: dict[tuple[str, str | None], Candidate] = {}  # one per place: spellings share a place
        for close in difflib.get_close_matches(key, pool, n=4 * n, cutoff=0.75):
            rows = self.index[close]
            cand = self.candidate(rows if isinstance(rows, int) else rows[0])
            out.setdefault((cand.name, cand.country_code), cand)
        return list(out.values())[:n]

    def knows(self, name: str) -> bool:
        """True when some place is called this."""
        return fold_name(name) in self.index

    def candidate(self, row: int) -> Candidate:
        """The place at one row of the gazetteer (recently made ones are kept: a row's fields are
        read from the mapped file, and the same places come up document after document)."""
        cand = self._made.get(row)
        if cand is None:
            col = self.columns
            cand = Candidate(col["name"][row], col["lat"][row], col["lon"][row], col["country"][row] or None,
                             col["feature"][row], RESOLUTIONS[col["resolution"][row]], col["population"][row],
                             col["site"][row] or None, row, col["admin1"][row], col["admin2"][row])
            if len(self._made) >= _MADE_KEPT:
                self._made.clear()
            self._made[row] = cand
        return cand

    def is_primary_name(self, name: str, cand: Candidate) -> bool:
        """True when `name` is the place's own name, not one of its alternate spellings."""
        return _folded(cand.name) == fold_name(name)

    def folded_name(self, cand: Candidate) -> str:
        """The place's own name as a matching key."""
        return _folded(cand.name)

    def is_capital(self, cand: Candidate) -> bool:
        """True for a national capital (GeoNames' country records name them)."""
        if self._capitals is None:
            self._capitals = frozenset(self.columns.get("capitals", ()))
        return cand.place_id in self._capitals

    def site(self, site_id: str) -> Site | None:
        return self.sites.get(site_id)

    def find_site(self, text: str) -> Site | None:
        """A site by id, name or alias."""
        if text in self.sites:
            return self.sites[text]
        for cand in self.lookup(text):
            if cand.site_id:
                return self.sites[cand.site_id]
        return None

    def site_candidate(self, site: Site) -> Candidate:
        """A site as a candidate place."""
        row = next((c.place_id for c in self.lookup(site.name) if c.site_id == site.id), -1)
        return Candidate(site.name, site.lat, site.lon, site.country_code, SITE_FEATURES.get(site.kind, "MILB"),
                         "site", 0, site.id, row)


@lru_cache(maxsize=200_000)
def _folded(name: str) -> str:
    return fold_name(name)


def read_sites(path: Path | None = None) -> dict[str, Site]:
    """The curated military-site table (src/sitrep/data/sites.csv)."""
    source = path or resources.files("sitrep") / "data" / "sites.csv"
    sites: dict[str, Site] = {}
    text = source.read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text, newline="")):
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        sites[row["id"]] = Site(
            id=row["id"],
            name=row["name"],
            aliases=aliases,
            kind=row["kind"],
            operator=row.get("operator", ""),
            country_code=row["country_code"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            coord_source=row.get("coord_source", ""),
        )
    return sites


def load_gazetteer(*, cache_dir: Path, min_population: int = 1000) -> Gazetteer:
    """The gazetteer, from the cache file when it is current, else built and cached."""
    sites = read_sites()
    fingerprint = _fingerprint(sites, min_population)
    cache = cache_dir / f"gazetteer-{fingerprint}.bin"
    if cache.exists():
        try:
            return _read_cache(cache, sites)
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            pass  # a damaged cache is rebuilt below
    from sitrep.geo.build import build_columns

    # The first run is otherwise silent for the build's ~25 s; with no logging set up, Python's
    # last-resort handler writes this warning to stderr as one plain line.
    log.warning("building the place index (once, ~25 s) in %s", cache_dir)
    columns, index = build_columns(sites, min_population=min_population)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        write_columns(tmp, columns, index)
        tmp.replace(cache)
        for stale in cache.parent.glob("gazetteer-*"):
            if stale != cache and stale.suffix in {".bin", ".marshal", ".pickle"}:
                stale.unlink(missing_ok=True)  # indexes of earlier versions or site tables
        return _read_cache(cache, sites)  # mapped: the built Python lists are freed
    except (OSError, ValueError):
        pass  # a read-only home still works, only slower
    return Gazetteer(sites=sites, columns=columns, index=index)


def _read_cache(path: Path, sites: dict[str, Site]) -> Gazetteer:
    columns, index = read_columns(path)
    return Gazetteer(sites=sites, columns=columns, index=index)


def _fingerprint(sites: dict[str, Site], min_population: int) -> str:
    from sitrep.geo.countries import AREA_POINTS, COUNTRY_POINTS, REGION_POINTS

    digest = hashlib.sha256()
    digest.update(f"{_INDEX_VERSION}|{min_population}|{sorted(COUNTRY_POINTS.items())}".encode())
    digest.update(repr((sorted(REGION_POINTS.items()), sorted(AREA_POINTS.items()))).encode())
    for table in ("country_points.csv", "admin1_points.csv", "physical_features.csv"):
        digest.update((resources.files("sitrep") / "data" / table).read_bytes())
    for site in sorted(sites.values(), key=lambda s: s.id):
        digest.update(repr(site).encode())
    return digest.hexdigest()[:16]
