"""The "what changed" brief: status changes, new and corroborated events, contested claims.

A pure function of its inputs (no clock, stable ordering), so the same store gives the same brief.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from sitrep.records import Brief, EventRecord, SiteChange, SiteDetail, SiteSpan

__all__ = ["Brief", "SiteChange", "brief_summary", "build_brief", "event_day", "named_actors", "region_countries"]

# Actors that name nobody: a pronoun or a phrase the extractor took for an actor ("the question").
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "these", "those", "one", "who"}

# Named regions for --region (countries by ISO alpha-3); a country name or code also works.
REGIONS: dict[str, set[str]] = {
    "sahel": {"MLI", "NER", "BFA", "TCD", "MRT", "SEN", "SDN"},
    "levant": {"SYR", "LBN", "JOR", "ISR", "PSE"},
    "middle east": {"SYR", "LBN", "JOR", "ISR", "PSE", "IRQ", "IRN", "TUR", "SAU", "YEM", "ARE", "QAT", "KWT", "OMN", "BHR"},
    "north africa": {"LBY", "EGY", "TUN", "DZA", "MAR"},
    "black sea": {"UKR", "RUS", "TUR", "GEO", "ROU", "BGR"},
}


def build_brief(*, since: date, until: date | None, region: str | None, events: list[EventRecord],
                sites: list[SiteDetail]) -> Brief:
    """Assembles the brief from fused event records and site details (timelines as known at the
    period's end): each site's status at the start and the end of the period, and each change
    confirmed within it, once."""
    changes: list[SiteChange] = []
    timelines: list[SiteDetail] = []
    spans: list[SiteSpan] = []
    for site in sorted(sites, key=lambda s: s.id):
        previous = None
        start = None
        inside = 0
        for change in site.timeline:
            known = date.fromisoformat(change.confirmed or change.since)
            if known < since:
                start = change.status
            elif _within(known, since, until):
                changes.append(SiteChange(site.ref(), change.status, change.since, previous,
                                          change.evidence, change.contested_by))
                inside += 1
            previous = change.status
        end = site.timeline[-1] if site.timeline else None
        claims = sum(1 for c in site.unconfirmed if _within(date.fromisoformat(c.day), since, until))
        if inside:
            timelines.append(site)
        if end is not None or claims:
            spans.append(SiteSpan(site.ref(), start, end.status if end else None, end.since if end else None,
                                  inside, claims))
    # By day: an undated event counts at its report's publication day (as everywhere else).
    ordered = sorted(events, key=lambda r: (event_day(r), r["id"]))
    # Contested changes keep the order of the sites, as they were found; changes go by day.
    contested = tuple(c for c in changes if c.contested_by)
    return Brief(since=since, until=until, region=region,
                 changes=tuple(sorted(changes, key=lambda c: (c.since, c.site.id))),
                 corroborated=tuple(r for r in ordered if r.get("independent_sources", 1) >= 2),
                 new_events=tuple(r for r in ordered if r.get("independent_sources", 1) < 2),
                 contested=contested, timelines=tuple(timelines), sites=tuple(spans))


def event_day(record: EventRecord) -> str:
    """The day an event counts at: its date, else its report's publication day ("" when neither)."""
    return str(record.get("date") or (record.get("cite_info") or {}).get("published") or "")


def named_actors(record: EventRecord) -> list[str]:
    """The event's actors that name someone: coded ones, or capitalised names that are not pronouns
    ("He", "the two sides" and "the question" name nobody a reader can use)."""
    out = []
    for actor in record.get("actor") or []:
        text = (actor.get("entity_text") or "").strip()
        if not text or text.split()[0].lower() in PRONOUNS:
            continue
        if actor.get("code") or text[0].isupper():
            out.append(text)
    return out


def brief_summary(brief: Brief) -> list[str]:
    """A few sentences that say what the brief holds: statuses at the end, changes, claims, events."""
    ends: dict[str, int] = {}
    for span in brief.sites:
        if span.end:
            ends[str(span.end)] = ends.get(str(span.end), 0) + 1
    states = ", ".join(f"{n} {state}" for state, n in sorted(ends.items(), key=lambda kv: (-kv[1], kv[0])))
    changed = len({c.site.id for c in brief.changes})
    unplaced = sum(1 for r in brief.new_events if not r.get("event_loc"))
    lines = [f"{sum(ends.values())} site(s) with a status at the end of the period" + (f": {states}." if states else "."),
             f"{len(brief.changes)} status change(s) at {changed} site(s); {len(brief.contested)} contested.",
             f"{len(brief.corroborated)} corroborated event(s) (two or more independent sources) and "
             f"{len(brief.new_events)} single-source event(s)" + (f", {unplaced} of them not placed." if unplaced else ".")]
    return lines


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

