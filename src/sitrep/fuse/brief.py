"""The "what changed" brief: status changes, new and corroborated events, contested claims.

A pure function of its inputs (no clock, stable ordering), so the same store gives the same brief.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Named regions for --region (countries by ISO alpha-3); a country name or code also works.
REGIONS: dict[str, set[str]] = {
    "sahel": {"MLI", "NER", "BFA", "TCD", "MRT", "SEN", "SDN"},
    "levant": {"SYR", "LBN", "JOR", "ISR", "PSE"},
    "middle east": {"SYR", "LBN", "JOR", "ISR", "PSE", "IRQ", "IRN", "TUR", "SAU", "YEM", "ARE", "QAT", "KWT", "OMN", "BHR"},
    "north africa": {"LBY", "EGY", "TUN", "DZA", "MAR"},
    "black sea": {"UKR", "RUS", "TUR", "GEO", "ROU", "BGR"},
}


@dataclass
class SiteChange:
    site: dict[str, Any]  # id, name, lat, lon, kind
    status: str
    since: str
    previous: str | None
    evidence: list[dict[str, Any]]
    contested_by: list[dict[str, Any]]


@dataclass
class Brief:
    since: date
    until: date | None
    region: str | None
    changes: list[SiteChange] = field(default_factory=list)
    corroborated: list[dict[str, Any]] = field(default_factory=list)
    new_events: list[dict[str, Any]] = field(default_factory=list)
    contested: list[SiteChange] = field(default_factory=list)
    timelines: list[dict[str, Any]] = field(default_factory=list)  # site details, for the chart


def build_brief(*, since: date, until: date | None, region: str | None, events: list[dict[str, Any]],
                sites: list[dict[str, Any]]) -> Brief:
    """Assembles the brief from fused event records and site details (with timelines)."""
    brief = Brief(since=since, until=until, region=region)
    for site in sorted(sites, key=lambda s: s["id"]):
        previous = None
        for change in site["timeline"]:
            day = date.fromisoformat(change["since"])
            if _within(day, since, until):
                entry = SiteChange(_site_ref(site), change["status"], change["since"], previous,
                                   change["evidence"], change["contested_by"])
                brief.changes.append(entry)
                if change["contested_by"]:
                    brief.contested.append(entry)
            previous = change["status"]
        if any(_within(date.fromisoformat(c["since"]), since, until) for c in site["timeline"]):
            brief.timelines.append(site)
    ordered = sorted(events, key=lambda r: (r.get("date") or "", r["id"]))
    brief.corroborated = [r for r in ordered if r.get("independent_sources", 1) >= 2]
    brief.new_events = [r for r in ordered if r.get("independent_sources", 1) < 2]
    brief.changes.sort(key=lambda c: (c.since, c.site["id"]))
    return brief


# Names people use that GeoNames spells otherwise (GeoNames: "Ivory Coast", "Turkey", ...).
COUNTRY_ALIASES = {
    "cote d'ivoire": "CIV", "turkiye": "TUR", "dr congo": "COD", "drc": "COD", "congo-kinshasa": "COD",
    "democratic republic of the congo": "COD", "congo-brazzaville": "COG", "burma": "MMR",
    "uae": "ARE", "uk": "GBR", "britain": "GBR", "great britain": "GBR", "us": "USA", "usa": "USA",
    "united states of america": "USA", "russian federation": "RUS", "czechia": "CZE",
    "north macedonia": "MKD", "eswatini": "SWZ", "cabo verde": "CPV", "palestine": "PSE",
    "gaza": "PSE", "west bank": "PSE", "south korea": "KOR", "north korea": "PRK",
}


def _fold(text: str) -> str:
    """Lower case, accents dropped, typographic apostrophes made plain: 'Côte d’Ivoire' -> "cote d'ivoire"."""
    plain = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).lower().split())


def region_countries(region: str | None, country_names: dict[str, str]) -> set[str] | None:
    """ISO alpha-3 codes for a region name, a country name or a code; None means everywhere."""
    if not region:
        return None
    key = _fold(region)
    if key in REGIONS:
        return REGIONS[key]
    if key in COUNTRY_ALIASES:
        return {COUNTRY_ALIASES[key]}
    for code, name in country_names.items():
        if key in {code.lower(), _fold(name)}:
            return {code}
    raise ValueError(f"unknown region '{region}' (a country, an ISO code, or one of {', '.join(sorted(REGIONS))})")


def _within(day: date, since: date, until: date | None) -> bool:
    return day >= since and (until is None or day <= until)


def _site_ref(site: dict[str, Any]) -> dict[str, Any]:
    return {k: site[k] for k in ("id", "name", "lat", "lon", "kind", "country_code")}
