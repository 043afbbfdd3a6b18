"""External event records as events (`sitrep.external.v1`): a conflict-dataset row (ACLED, UCDP GED)
or a geolocated footage feature that tells a movement becomes a one-event report, so that fusion
(fuse/dedup.py) joins it with text reports of the same happening as one more independent origin.

The evidence record itself stays in the evidence table (kind `dataset` / `geolocated`); the event
is its reading in sitrep's terms. Only categories within sitrep's scope become events: ASSAULT,
PROTEST and COERCE rows (battles, strikes, protests, arrests) are out of the analyst's movement
scope (ANNOTATION.md) and would never meet a text event, so they stay evidence only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from sitrep.geo.gazetteer import SITE_FEATURES
from sitrep.records import (
    Actor,
    Attribution,
    Event,
    Evidence,
    EvidenceLayer,
    Place,
    Report,
    Site,
    event_id,
)

NAME = "sitrep.external.v1"
# Categories a text report can also tell (the extractor codes these); the posture each implies.
FUSED_CATEGORIES: dict[str, str | None] = {
    "MOBILIZE": "arriving", "RETREAT": "departed", "CONCEDE": None, "AGREE": None, "CONSULT": None,
    "REQUEST": None, "REJECT": None, "SANCTION": None,
}
# A coded dataset record is curated but relays media; footage typed from its caption by the words
# below is a picture of a moment. Both sit under a named observatory's report (docs/events.md).
CONFIDENCE = {EvidenceLayer.DATASET: 0.7, EvidenceLayer.GEOLOCATED: 0.6}
# How far a point is from being exact, by the dataset's precision code -> a dedup resolution:
# ACLED geo_precision 1 = the town, 2 = near it / a part of a region, 3 = the province;
# UCDP where_prec 1 = exact, 2 = within 25 km, 3 = second-order admin unit, 4+ = first-order or worse.
ACLED_PRECISION = {"1": "city", "2": "district", "3": "province"}
GED_PRECISION = {"1": "city", "2": "district", "3": "district", "4": "province", "5": "province"}
# Footage captions that tell a movement, read conservatively: a departure word or an arrival word,
# and not both (a convoy "leaving Hmeimim for Tartus" is told both ways: too little to type).
DEPARTING = re.compile(r"\b(?:leav(?:e|es|ing)|left|depart(?:s|ed|ing|ure)?|withdr[ae]w(?:s|n|al|ing)?|"
                       r"pull(?:s|ed|ing)? out|evacuat(?:e|es|ed|ing|ion))\b", re.I)
ARRIVING = re.compile(r"\b(?:arriv(?:e|es|ed|ing|al)|deploy(?:s|ed|ing|ment)?|reinforc(?:e|es|ed|ing|ements?))\b",
                      re.I)
NEGATED = re.compile(r"\b(?:no|not|never|denied|fake|false)\b", re.I)
# ACLED names state forces "Military Forces of Russia (2000-)", "Police Forces of Syria (2024-)".
STATE_FORCE = re.compile(r"^(Military|Police) Forces of (.+?)(?: \(\d{4}-\d{0,4}\))?$")
SECTORS = {"Military": "MIL", "Police": "COP"}


def footage_category(evidence: Evidence) -> str | None:
    """MOBILIZE or RETREAT when a footage caption tells one movement unambiguously, else None."""
    text = " ".join(t for t in (evidence.title, evidence.description) if t)
    if not text or NEGATED.search(text):
        return None
    leaving, arriving = DEPARTING.search(text), ARRIVING.search(text)
    if bool(leaving) == bool(arriving):
        return None
    return "RETREAT" if leaving else "MOBILIZE"


def external_event(evidence: Evidence, *, site: Site | None, country_codes: Mapping[str, str],
                   demonyms: Mapping[str, str] | None = None) -> tuple[Report, list[Event]] | None:
    """The report and event an external record becomes, or None when its category is outside the
    fused scope. `country_codes` maps English country names to ISO alpha-3 (actors of ACLED rows);
    `demonyms` folded demonyms to ISO alpha-3 (a footage caption's "Russian trucks")."""
    category = evidence.category
    if evidence.kind == EvidenceLayer.GEOLOCATED and category is None:
        category = footage_category(evidence)
    if category not in FUSED_CATEGORIES or evidence.kind not in CONFIDENCE:
        return None
    report = external_report(evidence)
    posture = FUSED_CATEGORIES[category]
    if evidence.kind == EvidenceLayer.GEOLOCATED and category == "RETREAT":
        posture = "departing"  # a picture shows them leaving, not that none are left
    day = evidence.at.date()
    end = _end(day, evidence.details.get("date_end"))
    trigger = f"external:{evidence.id}"
    event = Event(
        id=event_id(report.id, 0, category, site.id if site else None, trigger), report_id=report.id,
        event=category, mode=None, actor=_actors(evidence, country_codes, demonyms or {}), recipient=(), date=day,
        enddate=end, date_precision="period" if end else "day",
        place=_place(evidence, site, country_codes), posture=posture,
        attribution=Attribution(_origin_source(evidence), str(evidence.kind), evidence.source),
        confidence=CONFIDENCE[evidence.kind], event_text=report.text, sequence=0, start=0, end=len(report.text),
        trigger=trigger)
    return report, [event]


def external_report(evidence: Evidence) -> Report:
    """The record as a short report (the document its event quotes), dated the record's day."""
    ref = f" {evidence.record_id}" if evidence.record_id else ""
    parts = [f"{evidence.source} record{ref}, {evidence.at.date().isoformat()}"]
    parts += [t for t in (evidence.title, evidence.description) if t]
    text = ". ".join(p.rstrip(".") for p in parts) + "."
    if evidence.links:
        text += " Sources: " + " ".join(evidence.links[:5])
    return Report(id=evidence.id, text=text, origin=evidence.origin, title=evidence.title or parts[0],
                  outlet=evidence.source, url=evidence.links[0] if evidence.links else None,
                  published=evidence.at.date(), language="en")


def _origin_source(evidence: Evidence) -> str:
    """Who the record's claim comes from: the one named source a dataset row cites ("Syrian
    Observatory for Human Rights"), so that a text report citing that monitor and the row it
    was coded from count once; else the dataset or footage map itself."""
    cited = str(evidence.details.get("sources") or "").strip()
    if evidence.kind == EvidenceLayer.DATASET and cited and ";" not in cited and \
            sum(w[:1].isupper() for w in cited.split()) >= 2:
        return cited
    return evidence.source


def _actors(evidence: Evidence, country_codes: Mapping[str, str], demonyms: Mapping[str, str]) -> tuple[Actor, ...]:
    if evidence.kind == EvidenceLayer.GEOLOCATED:
        return _caption_actor(evidence, demonyms)
    name = str(evidence.details.get("actor1") or evidence.details.get("side_a") or "")
    match = STATE_FORCE.match(name.strip())
    if not match:
        return ()
    code = country_codes.get(match.group(2).strip().lower())
    return (Actor(name, code, SECTORS[match.group(1)]),) if code else ()


def _caption_actor(evidence: Evidence, demonyms: Mapping[str, str]) -> tuple[Actor, ...]:
    """The force a caption names by one demonym ("Russian trucks leaving"), none when it names
    none or several (a footage event without a force still fuses, with any force's event)."""
    words = re.findall(r"[A-Z][a-z]+", " ".join(t for t in (evidence.title, evidence.description) if t))
    found = {(w, demonyms[w.lower()]) for w in words if len(demonyms.get(w.lower(), "")) == 3}
    if len({code for _, code in found}) != 1:
        return ()
    word, code = sorted(found)[0]
    return (Actor(f"{word} forces", code, "MIL"),)


def _place(evidence: Evidence, site: Site | None, country_codes: Mapping[str, str]) -> Place:
    if site is not None:
        return Place(extracted_place=site.name, resolved_place=site.name, lat=site.lat, lon=site.lon,
                     country_code=site.country_code, feature_code=SITE_FEATURES.get(site.kind, "MILB"),
                     resolution="site", site_id=site.id)
    precision = str(evidence.details.get("geo_precision") or evidence.details.get("where_prec") or "1")
    table = GED_PRECISION if "where_prec" in evidence.details else ACLED_PRECISION
    name = str(evidence.details.get("location") or evidence.title or evidence.source)
    country = country_codes.get(str(evidence.details.get("country") or "").strip().lower())
    return Place(extracted_place=name, resolved_place=name, lat=evidence.lat, lon=evidence.lon, country_code=country,
                 feature_code="PPL", resolution=table.get(precision, "province"))


def _end(day: dt.date, end: object) -> dt.date | None:
    """The last day of a record's period (UCDP date_end), None for a one-day record."""
    if isinstance(end, str) and end > day.isoformat():
        return dt.date.fromisoformat(end)
    return None
