"""Naval surges: days when more naval and auxiliary vessels leave (or reach) a naval site than it
usually sees (`sitrep.naval.v1`), as posture events with a report listing the ships behind them.

Per site, navy, direction and day, the distinct naval or auxiliary ships that departed or arrived
(AIS port calls, tracks/ships.py) are set against the site's own mean for that direction over the
previous BASELINE_DAYS days of AIS coverage, floored at BASELINE_FLOOR a day. A surge needs at least max(MIN_SURGE, SURGE_FACTOR x
baseline) ships: three warships or fleet auxiliaries sailing on one day from a facility that sees
one a week is a drawdown signal (Tartus, December 2024); one ship never is, whatever the baseline,
since ships sail on patrols and supply runs and come back. Days with fewer than MIN_HISTORY_DAYS of
coverage before them are not judged: with no baseline, a routine day at a busy base (Sevastopol)
would look like a surge.

A departure surge is a RETREAT with posture "departing" (unlike an airlift, it has a direction);
an arrival surge, a build-up, is a MOBILIZE with posture "arriving".
It is tracking evidence of one origin (AIS), so on its own it does not change a site's status
(docs/status.md: it needs a second origin or a party's statement); it fuses with text reports of
the same day at the same site.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sitrep.geo.gazetteer import SITE_FEATURES
from sitrep.records import Actor, Attribution, Event, Place, Report, Site, content_id, event_id

NAME = "sitrep.naval.v1"
BASELINE_DAYS = 28
MIN_HISTORY_DAYS = 7
BASELINE_FLOOR = 0.25  # naval departures a day: about two a week at a quiet facility
MIN_SURGE = 3
SURGE_FACTOR = 3.0


@dataclass(frozen=True)
class NavalCall:
    """A naval or auxiliary ship leaving or reaching a site (a stored AIS port call)."""

    evidence_id: str
    site_id: str
    at: datetime
    mmsi: int
    name: str | None
    navy: str | None  # ISO alpha-3 from the naval vessel table; None for an AIS "military" type alone
    role: str | None
    movement: str = "departure"  # or "arrival"


@dataclass(frozen=True)
class NavalSurge:
    """One surge: the event, the report it quotes and the departures behind it."""

    event: Event
    report: Report
    evidence_ids: tuple[str, ...]
    count: int
    baseline: float
    threshold: int


def naval_surges(calls: Iterable[NavalCall], *, sites: dict[str, Site], coverage: tuple[date, date],
                 days: Iterable[date] | None = None) -> list[NavalSurge]:
    """The surges among the port calls (only on `days` when given); `coverage` is the first and
    last day of AIS data, so days before it are not counted as quiet ones. A ship leaving (or
    arriving) twice in a day counts once."""
    groups: dict[tuple[str, str | None, str, date], dict[int, NavalCall]] = {}
    for d in sorted(calls, key=lambda d: (d.at, d.evidence_id)):
        groups.setdefault((d.site_id, d.navy, d.movement, d.at.date()), {}).setdefault(d.mmsi, d)
    wanted = set(days) if days is not None else None
    out = []
    for (site_id, navy, movement, day), ships in sorted(
            groups.items(), key=lambda kv: (kv[0][3], kv[0][0], kv[0][1] or "", kv[0][2])):
        if (wanted is not None and day not in wanted) or site_id not in sites:
            continue
        window = [day - timedelta(days=k) for k in range(1, BASELINE_DAYS + 1)]
        window = [w for w in window if coverage[0] <= w <= coverage[1]]
        if len(window) < MIN_HISTORY_DAYS:
            continue
        history = sum(len(groups.get((site_id, navy, movement, w), {})) for w in window)
        baseline = history / len(window)
        threshold = max(MIN_SURGE, math.ceil(SURGE_FACTOR * max(baseline, BASELINE_FLOOR)))
        if len(ships) >= threshold:
            out.append(_surge(sites[site_id], navy, movement, day, sorted(ships.values(), key=lambda d: d.at),
                              baseline, threshold))
    return out


def surge_origin(site_id: str, day: date, navy: str | None, movement: str = "departure") -> str:
    """The stable origin of a surge's report: a later judgement of the day replaces it."""
    origin = f"naval/{site_id}/{day.isoformat()}/{navy or 'unknown'}"
    return origin if movement == "departure" else f"{origin}/arrivals"


# Per direction: the verb of the report's sentence, the event, its posture and its trigger.
DIRECTIONS = {"departure": ("left", "departures", "RETREAT", "departing"),
              "arrival": ("arrived at", "arrivals", "MOBILIZE", "arriving")}


def _surge(site: Site, navy: str | None, movement: str, day: date, ships: Sequence[NavalCall], baseline: float,
           threshold: int) -> NavalSurge:
    verb, noun, kind, posture = DIRECTIONS[movement]
    sentence = (f"{len(ships)} {navy + ' ' if navy else ''}naval and auxiliary vessels {verb} {site.name} on "
                f"{day.isoformat()} against a {BASELINE_DAYS}-day baseline of {baseline:.2f} {noun} a day")
    lines = [f"{sentence}.", "",
             f"Detected in AIS positions by the port-call detector; surge rule {NAME}: at least {threshold} "
             f"ships (the larger of {MIN_SURGE} and {SURGE_FACTOR:g} x the baseline, floored at "
             f"{BASELINE_FLOOR:g} a day).", "", f"{noun.capitalize()} (UTC):"]
    lines += [f"- {d.at:%H:%M} {d.name or 'unnamed'} (MMSI {d.mmsi}{', ' + d.role if d.role else ''}) "
              f"[evidence {d.evidence_id[:12]}]" for d in ships]
    text = "\n".join(lines) + "\n"
    title = f"Naval {noun} {'from' if movement == 'departure' else 'at'} {site.name}, {day.isoformat()}"
    report = Report(id=content_id(text), text=text, origin=surge_origin(site.id, day, navy, movement), title=title,
                    outlet="AIS", published=day, language="en")
    start = sentence.index(site.name)
    place = Place(site.name, site.name, site.lat, site.lon, site.country_code, SITE_FEATURES.get(site.kind, "MILB"),
                  "site", start, start + len(site.name), site_id=site.id)
    actor = (Actor(f"{navy} navy", navy, "MIL"),) if navy else ()
    confidence = round(min(0.9, 0.4 + 0.25 * math.log2(len(ships) / threshold)), 2)
    event = Event(
        id=event_id(report.id, 0, kind, site.id, f"naval-{noun}"), report_id=report.id, event=kind,
        mode="naval", actor=actor, recipient=(), date=day, enddate=None, date_precision="day", place=place,
        posture=posture, attribution=Attribution("AIS", "flight-tracking", "AIS"), confidence=confidence,
        event_text=sentence, sequence=0, start=0, end=len(sentence), trigger=f"naval-{noun}")
    return NavalSurge(event, report, tuple(d.evidence_id for d in ships), len(ships), baseline, threshold)
