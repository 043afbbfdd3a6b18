"""Airlift surges: days when a site sees far more military transport movements than usual
(`sitrep.airlift.v1`), as events with a readable report listing the flights behind them.

Per site, operator country and day, the count of military-transport movements (landings and
take-offs) is set against the site's own mean over the previous BASELINE_DAYS days of coverage,
floored at BASELINE_FLOOR a day. A surge needs at least max(MIN_SURGE, SURGE_FACTOR x baseline)
movements: two rotations (landing + take-off each) at a site with no regular transport traffic,
three times the usual at a busy one. Days with fewer than MIN_HISTORY_DAYS of coverage before them
are not judged: with no baseline, a routine day at a busy field would look like a surge.

An airlift is evidence, not a status: a surge does not say which way the cargo goes (shuttles
land full and leave empty, or the reverse), so the event has posture "airlift", which site
timelines do not map to a status; it fuses with text reports of the same day at the same site.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from sitrep.geo.gazetteer import SITE_FEATURES
from sitrep.records import (
    Actor,
    Attribution,
    Event,
    FlightMovement,
    Place,
    Report,
    Site,
    Skipped,
    content_id,
    event_id,
)
from sitrep.tracks.aircraft import AircraftTables
from sitrep.tracks.airfields import AirfieldIndex
from sitrep.tracks.movements import dedupe_movements

NAME = "sitrep.airlift.v1"
BASELINE_DAYS = 28
MIN_HISTORY_DAYS = 7
BASELINE_FLOOR = 1.0  # movements a day
MIN_SURGE = 4
SURGE_FACTOR = 3.0
ABSURD_DAILY = 500  # the Kabul evacuation peaked near 200 movements a day: more is a data error


class SiteDay(NamedTuple):
    site_id: str
    country: str | None  # operator's country (ISO alpha-3), None when the operator is unknown
    day: date


@dataclass(frozen=True)
class Airlift:
    """One surge: the event, the report it quotes, and the flights behind it."""

    event: Event
    report: Report
    movement_ids: tuple[str, ...]
    count: int
    baseline: float
    threshold: int
    landings: int
    takeoffs: int
    inbound_home: int  # landings from an airfield in the operator's country
    outbound_home: int  # take-offs to one


def group_movements(movements: Iterable[FlightMovement], *, tables: AircraftTables) -> dict[SiteDay, list[FlightMovement]]:
    """Military-transport movements at known sites by (site, operator country, day), the same
    movement seen by a track and a flight list counted once."""
    merged = dedupe_movements(m for m in movements if m.military_transport and m.site_id)
    groups: dict[SiteDay, list[FlightMovement]] = {}
    for move in merged:
        operator = tables.operator_named(move.operator)
        key = SiteDay(move.site_id or "", operator.country_code if operator else None, move.at.date())
        groups.setdefault(key, []).append(move)
    for group in groups.values():
        group.sort(key=lambda m: m.at)
    return groups


def airlift_events(movements_by_site_day: Mapping[SiteDay, Sequence[FlightMovement]], *, sites: Mapping[str, Site],
                   coverage: tuple[date, date], tables: AircraftTables, airfields: AirfieldIndex | None = None,
                   days: Iterable[date] | None = None, baseline_days: int = BASELINE_DAYS,
                   min_surge: int = MIN_SURGE, factor: float = SURGE_FACTOR,
                   provider: str = "OpenSky Network") -> list[Airlift | Skipped]:
    """The surges among the groups (only on `days` when given: incremental runs pass the new days
    and the groups of the baseline window before them); `coverage` is the first and last day the
    tracks cover, so days before the data are not counted as quiet ones."""
    wanted = set(days) if days is not None else None
    out: list[Airlift | Skipped] = []
    for key in sorted(movements_by_site_day, key=lambda k: (k.day, k.site_id, k.country or "")):
        group = movements_by_site_day[key]
        if (wanted is not None and key.day not in wanted) or key.site_id not in sites:
            continue
        if len(group) > ABSURD_DAILY:
            out.append(Skipped(f"airlift {key.site_id} {key.day}", f"{len(group):,} military transport movements "
                               f"in one day is more than any airfield handles; duplicated input?"))
            continue
        window = [key.day - timedelta(days=k) for k in range(1, baseline_days + 1)]
        window = [d for d in window if coverage[0] <= d <= coverage[1]]
        if len(window) < MIN_HISTORY_DAYS:
            continue
        history = sum(len(movements_by_site_day.get(SiteDay(key.site_id, key.country, d), ())) for d in window)
        baseline = history / len(window)
        threshold = max(min_surge, math.ceil(factor * max(baseline, BASELINE_FLOOR)))
        if len(group) >= threshold:
            out.append(_airlift(key, group, sites[key.site_id], baseline, threshold, (baseline_days, min_surge, factor),
                                provider, tables, airfields))
    return out


def surge_confidence(count: int, threshold: int) -> float:
    """0.4 at the threshold, +0.25 per doubling above it, at most 0.9."""
    return round(min(0.9, 0.4 + 0.25 * math.log2(count / threshold)), 2)


def _airlift(key: SiteDay, group: Sequence[FlightMovement], site: Site, baseline: float, threshold: int,
             rule: tuple[int, int, float], provider: str, tables: AircraftTables,
             airfields: AirfieldIndex | None) -> Airlift:
    baseline_days, min_surge, factor = rule
    nationality = next((op.nationality for op in tables.callsigns.values() if op.country_code == key.country), None)
    types = Counter(_type_name(m.aircraft_type, tables) for m in group)
    mix = ", ".join(f"{name} x{n}" for name, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0])))
    who = f"{nationality} military transport" if nationality else "military transport"
    sentence = (f"{len(group)} {who} movements at {site.name} on {key.day.isoformat()} ({mix}) against a "
                f"{baseline_days}-day baseline of {baseline:.1f} a day")
    ends = [airfields.get(m.other_end) if airfields and m.other_end else None for m in group]
    home = [m.kind for m, f in zip(group, ends, strict=True) if f is not None and f.country_code == key.country]
    inbound, outbound = home.count("landing"), home.count("takeoff")
    landings = sum(1 for m in group if m.kind == "landing")
    summary = [f"Detected in flight tracks ({provider}) by sitrep.movements.v1; surge rule {NAME}: at least "
               f"{threshold} movements (the larger of {min_surge} and {factor:g} x the baseline, floored at "
               f"{BASELINE_FLOOR:g} a day).",
               f"Landings {landings}, take-offs {len(group) - landings}; from the operator's country {inbound}, "
               f"to it {outbound} (flights with a known other end)."]
    report = _report(key, site, sentence, summary, group, provider, tables)
    operators = {m.operator for m in group if m.operator}
    actor = () if key.country is None else (Actor(operators.pop() if len(operators) == 1 else f"{nationality} military",
                                                  key.country, "MIL"),)
    return Airlift(_event(report, site, key.day, sentence, actor, provider, surge_confidence(len(group), threshold)),
                   report, tuple(m.id for m in group), len(group), baseline, threshold, landings,
                   len(group) - landings, inbound, outbound)


def _report(key: SiteDay, site: Site, sentence: str, summary: list[str], group: Sequence[FlightMovement],
            provider: str, tables: AircraftTables) -> Report:
    """The document an airlift event quotes: the sentence, the rule, then one line per flight."""
    lines = [f"{sentence}.", "", *summary, "", "Movements (UTC):"]
    for m in group:
        other = f" {'from' if m.kind == 'landing' else 'to'} {m.other_end}" if m.other_end else ""
        lines.append(f"- {m.at:%H:%M} {m.kind} {m.callsign or m.icao24} ({m.icao24}, "
                     f"{_type_name(m.aircraft_type, tables)}){other} [movement {m.id}]")
    # File names, not paths: the report's id (a hash of its text) must not depend on where the
    # files were read from.
    lines += ["", "Read from: " + "; ".join(sorted({Path(m.origin.split("#", 1)[0]).name for m in group}))]
    text = "\n".join(lines) + "\n"
    # A stable origin: a later run with more tracks for the day replaces this report (same origin).
    return Report(id=content_id(text), text=text, origin=f"airlift/{site.id}/{key.day}/{key.country or 'unknown'}",
                  title=f"Airlift at {site.name}, {key.day.isoformat()}", outlet=provider, published=key.day,
                  language="en")


def _event(report: Report, site: Site, day: date, sentence: str, actor: tuple[Actor, ...], provider: str,
           confidence: float) -> Event:
    start = sentence.index(site.name)
    place = Place(site.name, site.name, site.lat, site.lon, site.country_code, SITE_FEATURES.get(site.kind, "MILB"),
                  "site", start, start + len(site.name), site_id=site.id)
    return Event(
        id=event_id(report.id, 0, "MOBILIZE", site.id, "airlift"), report_id=report.id, event="MOBILIZE",
        mode="airlift", actor=actor, recipient=(), date=day, enddate=None, date_precision="day", place=place,
        posture="airlift", attribution=Attribution(provider, "flight-tracking", provider), confidence=confidence,
        event_text=sentence, sequence=0, start=0, end=len(sentence), trigger="airlift")


def _type_name(designator: str | None, tables: AircraftTables) -> str:
    """"Il-76" for IL76: the model token of the type's name, else the designator."""
    known = tables.types.get(designator or "")
    if known is None:
        return designator or "unknown type"
    return next((word for word in known.name.split() if any(ch.isdigit() for ch in word)), designator or "")


def coverage_of(movements: Iterable[FlightMovement]) -> tuple[date, date] | None:
    """First and last day of a set of movements (all of them, civil too: they show the feed was up)."""
    days = [m.at.date() for m in movements]
    return (min(days), max(days)) if days else None
