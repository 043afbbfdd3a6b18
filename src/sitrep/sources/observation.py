"""One imagery observation's fields -> an Observation, or every problem with it named by field.

Shared by both observation forms (sources/imagery.py reads GeoJSON features and CSV rows). GeoJSON
values arrive typed (numbers, strings); CSV values arrive as text cells and are parsed here.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sitrep.geo.footprint import (
    Position,
    nearest_site,
    ring_centroid,
    ring_contains,
    ring_extent_km,
)
from sitrep.geo.normalize import fold_name
from sitrep.geo.resolve import haversine_km
from sitrep.records import OBJECT_CLASSES, Observation, Site, Skipped

MAX_COUNT = 500  # more of one class on one site is a typo (the busiest airfields park ~200 aircraft)
SITE_REACH_KM = 3.0  # a point this close to a site's reference point is that site (airfields are ~3 km long)
SITE_MISMATCH_KM = 10.0  # a given site_id farther than this from the geometry is a wrong id or point
MAX_FOOTPRINT_KM = 100.0  # a footprint wider than this is a scene, not one site
EARLIEST = datetime(1960, 8, 18, tzinfo=UTC)  # first returned reconnaissance-satellite film (CORONA)
MAX_TEXT = 4000

# Accepted spellings of the object classes (case, spaces and hyphens are folded to "_" first).
COUNT_ALIASES: dict[str, str] = {
    **{c: c for c in OBJECT_CLASSES},
    "transport_aircrafts": "transport_aircraft", "transport": "transport_aircraft",
    "transports": "transport_aircraft", "cargo_aircraft": "transport_aircraft",
    "helicopters": "helicopter", "helos": "helicopter",
    "fighters": "fighter", "fighter_jet": "fighter", "fighter_jets": "fighter", "combat_aircraft": "fighter",
    "vehicles": "vehicle", "military_vehicles": "vehicle",
    "ships": "ship", "vessels": "ship", "warships": "ship",
    "air_defense": "air_defence", "air_defence_system": "air_defence", "air_defense_system": "air_defence",
    "air_defence_systems": "air_defence", "air_defense_systems": "air_defence", "sam": "air_defence",
    "sam_systems": "air_defence",
}
# Provider spellings folded to the name reports use ("imagery provided by Maxar Technologies"),
# so the same pictures are one origin whichever way a file spells the company.
PROVIDERS = {
    "maxar": "Maxar Technologies", "maxar technologies": "Maxar Technologies", "digitalglobe": "Maxar Technologies",
    "planet": "Planet Labs", "planet labs": "Planet Labs", "planet labs pbc": "Planet Labs",
    "planetscope": "Planet Labs", "skysat": "Planet Labs",
    "airbus": "Airbus", "airbus ds": "Airbus", "airbus defence and space": "Airbus", "pleiades": "Airbus",
    "blacksky": "BlackSky", "capella": "Capella Space", "capella space": "Capella Space", "umbra": "Umbra",
    "iceye": "ICEYE", "sentinel-2": "Sentinel-2", "sentinel 2": "Sentinel-2", "copernicus": "Sentinel-2",
}
_INTEGRAL = re.compile(r"^[+-]?\d+(?:\.0*)?$")


def class_of(key: str) -> str | None:
    """The object class a count key or column names ("Transport aircraft" -> transport_aircraft)."""
    return COUNT_ALIASES.get(re.sub(r"[\s\-]+", "_", key.strip().lower()))


def canonical_provider(name: str) -> str:
    """The usual name of an imagery provider ("maxar" -> "Maxar Technologies"); others as given."""
    cleaned = " ".join(name.split())
    return PROVIDERS.get(cleaned.lower().replace("é", "e"), cleaned)


def site_names(sites: Mapping[str, Site]) -> dict[str, frozenset[str]]:
    """Folded site ids, names and aliases -> the ids of the sites they name (built once per file)."""
    names: dict[str, set[str]] = {}
    for site in sites.values():
        for name in (site.id, site.name, *site.aliases):
            names.setdefault(fold_name(name), set()).add(site.id)
    return {name: frozenset(ids) for name, ids in names.items()}


def build_observation(props: Mapping[str, Any], point: Position | None, ring: Sequence[Position] | None, *,
                      origin: str, where: str, sites: Mapping[str, Site], now: datetime,
                      cells: bool, errors: list[str],
                      names: Mapping[str, frozenset[str]] | None = None) -> Observation | Skipped:
    """An Observation from one feature's properties (or one row's cells) and its checked geometry;
    a Skipped naming the record and every field at fault when anything is wrong. `errors` holds
    the geometry's own problems, found by the caller; `names` is site_names(sites), if at hand."""
    errors = list(errors)
    acquired = _acquired(props.get("acquired"), now, errors)
    provider = _provider(props.get("provider"), errors)
    counts = _counts(props.get("counts"), cells, errors)
    note, analyst = _text("note", props.get("note"), errors), _text("analyst", props.get("analyst"), errors)
    image_id, url = _image_id(props.get("image_id"), errors), _url(props.get("url"), errors)
    site = _site_ref(props.get("site_id"), sites, names, errors)
    located = _locate(point, ring, site, sites, errors) if not errors else None
    if not counts and note is None and not errors:
        errors.append("counts: nothing counted and no note (an observation needs one or the other)")
    label = f"{where} (image {image_id})" if image_id else where
    if errors or located is None or acquired is None or provider is None:
        return Skipped(origin, f"{label}: " + "; ".join(errors or ["no location"]))
    site, lat, lon = located
    return Observation(
        id=observation_key(site.id if site else None, lat, lon, acquired, provider, counts),
        origin=origin, acquired=acquired, provider=provider, lat=lat, lon=lon,
        footprint=tuple(ring) if ring else None, site_id=site.id if site else None, counts=counts,
        note=note, image_id=image_id, url=url, analyst=analyst,
    )


def observation_key(site_id: str | None, lat: float, lon: float, acquired: datetime, provider: str,
                    counts: Mapping[str, int]) -> str:
    """The idempotence key: same place, time, provider and counts make the same observation."""
    place = site_id or f"{lat:.4f},{lon:.4f}"
    tally = ",".join(f"{k}={counts[k]}" for k in sorted(counts))
    key = f"{place}|{acquired.isoformat()}|{provider.casefold()}|{tally}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _acquired(value: Any, now: datetime, errors: list[str]) -> datetime | None:
    if value is None or value == "":
        errors.append("acquired: missing (an ISO 8601 date or date and time, UTC)")
        return None
    try:
        moment = datetime.fromisoformat(str(value).strip()) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        errors.append(f"acquired: {_show(value)} is not an ISO 8601 date or date and time")
        return None
    # No offset means UTC: imagery metadata is in UTC, and local time would shift days.
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    if moment < EARLIEST or moment > now + timedelta(days=1):
        errors.append(f"acquired: {_show(value)} is not a possible acquisition time "
                      f"({EARLIEST.date()} .. {now.date()})")
        return None
    return moment


def _provider(value: Any, errors: list[str]) -> str | None:
    if not isinstance(value, str) or not value.strip():
        errors.append("provider: missing (who took the image: Maxar, Planet, Airbus, ...)"
                      if value in (None, "") else f"provider: {_show(value)} is not a name")
        return None
    if len(value) > 100:
        errors.append("provider: longer than 100 characters")
        return None
    return canonical_provider(value)


def _counts(value: Any, cells: bool, errors: list[str]) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        errors.append(f"counts: {_show(value)} is not an object of class: count")
        return {}
    counts: dict[str, int] = {}
    given: dict[str, str] = {}
    for key, raw in value.items():
        name = class_of(str(key))
        label = f"counts.{key}" if not cells else str(key)
        if name is None:
            errors.append(f"{label}: unknown object class (known: {', '.join(OBJECT_CLASSES)})")
            continue
        if name in given:
            errors.append(f"{label}: {name} given twice ({given[name]}, {key})")
            continue
        given[name] = str(key)
        number = _count(raw, cells)
        if number is None and raw not in (None, ""):
            errors.append(f"{label}: {_show(raw)} is not a count (0..{MAX_COUNT})")
        elif number is not None:
            counts[name] = number
    return counts


def _count(raw: Any, cells: bool) -> int | None:
    """A count from a JSON integer (3 or 3.0) or a CSV cell ("3"); None when absent or invalid."""
    if cells and isinstance(raw, str) and _INTEGRAL.match(raw.strip()):
        raw = float(raw)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    if not math.isfinite(raw) or raw != int(raw) or not 0 <= raw <= MAX_COUNT:
        return None
    return int(raw)


def _text(name: str, value: Any, errors: list[str]) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        errors.append(f"{name}: {_show(value)} is not text")
        return None
    if len(value) > MAX_TEXT:
        errors.append(f"{name}: longer than {MAX_TEXT} characters")
        return None
    return value.strip()


def _image_id(value: Any, errors: list[str]) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # catalogue numbers are often written as numbers
    return _text("image_id", value, errors)


def _url(value: Any, errors: list[str]) -> str | None:
    url = _text("url", value, errors)
    if url is not None and not re.match(r"^https?://\S+$", url):
        errors.append(f"url: {_show(url)} is not an http(s) address")
        return None
    return url


def _site_ref(value: Any, sites: Mapping[str, Site], names: Mapping[str, frozenset[str]] | None,
              errors: list[str]) -> Site | None:
    """The site a site_id names: its id, or else its name or an alias (folded)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        errors.append(f"site_id: {_show(value)} is not a site id")
        return None
    ref = value.strip()
    if ref in sites:
        return sites[ref]
    matches = set((names if names is not None else site_names(sites)).get(fold_name(ref), ()))
    if len(matches) == 1:
        return sites[matches.pop()]
    if matches:
        errors.append(f"site_id: {_show(ref)} names several sites ({', '.join(sorted(matches))})")
        return None
    close = difflib.get_close_matches(ref.lower(), list(sites), n=1, cutoff=0.75)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    errors.append(f"site_id: unknown site {_show(ref)}{hint}")
    return None


def _locate(point: Position | None, ring: Sequence[Position] | None, site: Site | None,
            sites: Mapping[str, Site], errors: list[str]) -> tuple[Site | None, float, float] | None:
    """(site, lat, lon): the given site checked against the geometry, else the site found there."""
    if ring is not None:
        extent = ring_extent_km(ring)
        if extent > MAX_FOOTPRINT_KM:
            errors.append(f"geometry: footprint spans {extent:.0f} km "
                          f"(an observation covers one site: at most {MAX_FOOTPRINT_KM:.0f} km)")
            return None
        point = ring_centroid(ring)
    if point is None:
        if site is None:
            errors.append("geometry: missing, and no site_id says where the image is")
            return None
        return site, site.lat, site.lon
    lon, lat = point
    if site is not None:
        inside = ring is not None and ring_contains(ring, site.lon, site.lat)
        km = haversine_km(lat, lon, site.lat, site.lon)
        if not inside and km > SITE_MISMATCH_KM:
            errors.append(f"site_id: {site.id} is {km:.0f} km from the geometry (at most {SITE_MISMATCH_KM:.0f})")
            return None
        return site, lat, lon
    return _site_at(lat, lon, ring, sites, errors)


def _site_at(lat: float, lon: float, ring: Sequence[Position] | None, sites: Mapping[str, Site],
             errors: list[str]) -> tuple[Site | None, float, float] | None:
    """The site inside the footprint (nearest its centroid) or within reach of the point."""
    inside = []
    if ring is not None:
        west, east = min(p[0] for p in ring), max(p[0] for p in ring)
        south, north = min(p[1] for p in ring), max(p[1] for p in ring)
        inside = [s for s in sites.values()
                  if west <= s.lon <= east and south <= s.lat <= north and ring_contains(ring, s.lon, s.lat)]
    if inside:
        return min(inside, key=lambda s: (haversine_km(lat, lon, s.lat, s.lon), s.id)), lat, lon
    found = nearest_site(lat, lon, sites.values(), within_km=SITE_REACH_KM)
    if found is not None:
        return found[0], lat, lon
    swapped = nearest_site(lon, lat, sites.values(), within_km=SITE_REACH_KM) if abs(lon) <= 90 else None
    if swapped is not None:
        errors.append(f"geometry: no site near lat {lat}, lon {lon}, but {swapped[0].id} is at lat {lon}, "
                      f"lon {lat}: are latitude and longitude swapped? (GeoJSON order is [lon, lat])")
        return None
    return None, lat, lon  # evidence with a point; with no site it can make no change event


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."
