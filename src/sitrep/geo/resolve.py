"""Toponym resolution: picks one referent for a place name in its context.

Rules, in order (each is a heuristic with known limits, refined by the geography issue):
1. A name that matches a curated military site resolves to the site: sitrep's reports are about
   forces, and a bare "Tel Al-Samn" in them means the outpost.
2. A feature cue next to a town name ("Qamishli airport", "the air base near Tabqa") moves the
   point to a site of that kind within 30 km of the town, when the table has one.
3. Otherwise towns in the document's focus country win over same-named towns elsewhere, then
   larger populations win; a country name resolves to the country.
"""

from __future__ import annotations

import math
import re

from sitrep.geo.gazetteer import SITE_FEATURES, Candidate, Gazetteer

CUE_KINDS = {
    "airport": {"airport", "air_base"},
    "airfield": {"airport", "air_base"},
    "airbase": {"air_base", "airport"},
    "air base": {"air_base", "airport"},
    "base": {"air_base", "base", "outpost", "naval_base"},
    "naval": {"naval_base", "port"},
    "port": {"port", "naval_base"},
    "outpost": {"outpost", "base"},
}
_CUE_WORDS = re.compile(r"\b(?:international\s+)?(?:airport|airfield|air\s*base|airbase|naval base|port|base|outpost|"
                        r"city|town|village|area|province|region|district|governorate|border crossing)\b", re.I)
NEAR_SITE_KM = 30.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def strip_cue(name: str) -> str:
    """'Qamishli airport' -> 'Qamishli' (for the town look-up when the full name is unknown)."""
    return " ".join(_CUE_WORDS.sub(" ", name).split()).strip(" ,")


def resolve_toponym(
    name: str,
    *,
    gazetteer: Gazetteer,
    focus_country: str | None = None,
    cue: str | None = None,
) -> Candidate | None:
    """The best candidate for a place name, or None when the gazetteer does not know it."""
    candidates = gazetteer.lookup(name)
    if not candidates:
        bare = strip_cue(name)
        if bare and bare != name:
            cue = cue or name
            candidates = gazetteer.lookup(bare)
    if not candidates:
        return None
    sites = [c for c in candidates if c.resolution == "site"]
    if sites:
        return _closest_to_focus(sites, focus_country)
    best = _pick_by_context(candidates, focus_country)
    kinds = _cue_kinds(cue)
    if kinds and best.resolution == "city":
        nearby = _nearest_site(gazetteer, best, kinds)
        if nearby is not None:
            return nearby
    return best


def _pick_by_context(candidates: list[Candidate], focus_country: str | None) -> Candidate:
    countries = [c for c in candidates if c.resolution == "country"]
    if countries:
        return countries[0]
    if focus_country:
        local = [c for c in candidates if c.country_code == focus_country]
        # A big town elsewhere (Tripoli, Libya vs Lebanon) beats a hamlet in the focus country.
        if local and local[0].population * 20 >= candidates[0].population:
            return local[0]
    return candidates[0]


def _closest_to_focus(sites: list[Candidate], focus_country: str | None) -> Candidate:
    if focus_country:
        for site in sites:
            if site.country_code == focus_country:
                return site
    return sites[0]


def _cue_kinds(cue: str | None) -> set[str]:
    if not cue:
        return set()
    kinds: set[str] = set()
    lowered = cue.lower()
    for word, wanted in CUE_KINDS.items():
        if re.search(rf"\b{word}\b", lowered):
            kinds |= wanted
    return kinds


def _nearest_site(gazetteer: Gazetteer, town: Candidate, kinds: set[str]) -> Candidate | None:
    best: tuple[float, Candidate] | None = None
    for site in gazetteer.sites.values():
        if site.kind not in kinds:
            continue
        dist = haversine_km(town.lat, town.lon, site.lat, site.lon)
        if dist <= NEAR_SITE_KM and (best is None or dist < best[0]):
            cand = Candidate(site.name, site.lat, site.lon, site.country_code,
                             SITE_FEATURES.get(site.kind, "MILB"), "site", 0, site.id)
            best = (dist, cand)
    return best[1] if best else None
