"""Imagery observations as evidence (`sitrep.imagery.v1`): a readable report per observation, and
force-posture events from the change between two successive observations of one site.

A change event covers the period between the two acquisitions (date .. enddate, precision
"period"): the movement happened somewhere in it, so it fuses with a dated text report of the same
movement on any day inside it (fuse/dedup.py widens a period by a day on each side).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sitrep.geo.gazetteer import SITE_FEATURES
from sitrep.records import (
    OBJECT_CLASSES,
    Actor,
    Attribution,
    Event,
    Observation,
    Place,
    Report,
    Site,
    event_id,
)

NAME = "sitrep.imagery.v1"
# A count must move by at least MIN_DELTA objects AND MIN_SHARE of the larger count to be a change:
# the absolute floor keeps routine traffic (one transport in, one out) and ±1 miscounts out; the
# share keeps counting noise on large vehicle parks (40 -> 36) out.
LIFT_CLASSES = {"transport_aircraft", "ship"}
MIN_DELTA = 2
MIN_SHARE = 0.25
# Imagery is direct evidence, on the same scale as text events (docs/events.md): 0.5 + 0.15 for
# imagery evidence + 0.10 for a site + 0.05 for an actor that is inferred from the site table, not
# seen; no date bonus, as the day is only known within the period. Counts miss aircraft in hangars.
CONFIDENCE = 0.8
CROSS_PROVIDER_CONFIDENCE = 0.7  # different resolution and viewing geometry make counts less comparable
LABELS = {
    "transport_aircraft": ("transport aircraft", "transport aircraft"), "helicopter": ("helicopter", "helicopters"),
    "fighter": ("fighter jet", "fighter jets"), "vehicle": ("vehicle", "vehicles"), "ship": ("ship", "ships"),
    "air_defence": ("air-defence system", "air-defence systems"),
}
# Operator codes in sites.csv that are not ISO countries -> (country code, sector), as the extractor
# codes them (extract/lexicon.py NAMED_ACTORS), so imagery and text events agree on the actor.
OPERATOR_CODES: dict[str, tuple[str | None, str]] = {
    "SDF": ("SYR", "REB"), "SNA": ("SYR", "REB"), "SFA": ("SYR", "REB"), "LNA": ("LBY", "MIL"),
    "GNU": ("LBY", "GOV"), "ATMIS": (None, "IGO"), "UAE": ("ARE", "MIL"),
}
_TRIGGER = re.compile(r"^imagery:([0-9a-f]{64})->([0-9a-f]{64})$")


@dataclass(frozen=True)
class CountChange:
    """One object class counted on both images of a site."""

    name: str  # an OBJECT_CLASSES entry
    before: int
    after: int

    def significant(self) -> bool:
        """True when the move is beyond counting noise (MIN_DELTA and MIN_SHARE)."""
        delta = abs(self.after - self.before)
        return delta >= MIN_DELTA and delta >= MIN_SHARE * max(self.before, self.after)


def observation_report(obs: Observation, site_name: str | None) -> Report:
    """The observation as a one-paragraph report: the document its events cite."""
    where = site_name or f"a point at {abs(obs.lat):.4f}°{'N' if obs.lat >= 0 else 'S'}, " \
                         f"{abs(obs.lon):.4f}°{'E' if obs.lon >= 0 else 'W'}"
    image = f" {obs.image_id}" if obs.image_id else ""
    text = f"{obs.provider} image{image} acquired {_moment(obs.acquired)} over {where}"
    tally = [_quantity(name, obs.counts[name]) for name in OBJECT_CLASSES if name in obs.counts]
    text += f": {', '.join(tally)} counted." if tally else "."
    if obs.analyst:
        text += f" Counted by {obs.analyst}."
    if obs.note:
        text += f" Note: {obs.note}"
    return Report(id=obs.id, text=text, origin=obs.origin, title=f"{obs.provider} imagery of {where}, "
                  f"{obs.acquired.date().isoformat()}", outlet=obs.analyst or obs.provider, url=obs.url,
                  published=obs.acquired.date(), language="en")


def count_changes(previous: Observation, current: Observation) -> list[CountChange]:
    """The counts of the classes both observations counted, in OBJECT_CLASSES order."""
    return [CountChange(name, previous.counts[name], current.counts[name])
            for name in OBJECT_CLASSES if name in previous.counts and name in current.counts]


def change_events(previous: Observation, current: Observation, *, site: Site, report: Report) -> list[Event]:
    """Posture events from two successive observations of `site`: a RETREAT (departing, or departed
    when every class counted before is now at zero) for the classes that fell, a MOBILIZE (arriving)
    for those that rose; none when no count moved beyond noise. `report` is the current one's."""
    if previous.site_id != site.id or current.site_id != site.id:
        raise ValueError(f"observations of {previous.site_id} and {current.site_id}, not of {site.id}")
    if previous.acquired >= current.acquired:
        raise ValueError("the previous observation must be acquired before the current one")
    moved = [c for c in count_changes(previous, current) if c.significant()]
    fell = [c for c in moved if c.after < c.before]
    rose = [c for c in moved if c.after > c.before]
    trigger = f"imagery:{previous.id}->{current.id}"
    events = []
    for category, group, others in (("RETREAT", fell, rose), ("MOBILIZE", rose, fell)):
        if not group:
            continue
        if category == "MOBILIZE":
            # More transport aircraft or ships on the apron is lift activity (often an evacuation),
            # not the force arriving: like a transport landing, it does not make the site "present".
            posture = "airlift" if all(c.name in LIFT_CLASSES for c in group) else "arriving"
        else:
            posture = "departed" if _emptied(previous, current) else "departing"
        text = _change_text(previous, current, site, group, others, posture)
        events.append(Event(
            id=event_id(report.id, 0, category, site.id, trigger), report_id=report.id, event=category,
            mode=None, actor=(site_force(site),), recipient=(), date=previous.acquired.date(),
            enddate=current.acquired.date(), date_precision="period", place=_site_place(site),
            posture=posture, attribution=Attribution(current.provider, "imagery", current.provider),
            confidence=CONFIDENCE if previous.provider == current.provider else CROSS_PROVIDER_CONFIDENCE,
            event_text=text, sequence=0, start=0, end=len(report.text), trigger=trigger,
        ))
    return events


def previous_observation(current: Observation, earlier: Iterable[Observation]) -> Observation | None:
    """The observation a change is measured from: the latest one of the same site acquired before
    `current` that counted a class `current` counts too; at equal times the same provider's, then
    the lowest id (so the choice is stable)."""
    if current.site_id is None:
        return None
    candidates = [o for o in earlier if o.site_id == current.site_id and o.acquired < current.acquired
                  and set(o.counts) & set(current.counts)]
    if not candidates:
        return None
    latest = max(o.acquired for o in candidates)
    return min((o for o in candidates if o.acquired == latest),
               key=lambda o: (o.provider != current.provider, o.id))


def observation_evidence(obs: Observation, *, previous: Observation | None, site: Site | None
                         ) -> tuple[Report, list[Event]]:
    """The report of one observation and the change events against the previous one (if any)."""
    report = observation_report(obs, site.name if site else None)
    if previous is None or site is None:
        return report, []
    return report, change_events(previous, obs, site=site, report=report)


def cited_observations(event: Event) -> tuple[str, str] | None:
    """(previous, current) observation ids a change event rests on; None for other events."""
    match = _TRIGGER.match(event.trigger)
    return (match.group(1), match.group(2)) if match else None


def site_force(site: Site) -> Actor:
    """The force an observation of a site is about: the first foreign operator in sites.csv (the
    Russian force at Hmeimim, "RUS; SYR"), else the first operator (the host's own forces)."""
    codes = [c.strip() for c in site.operator.split(";") if c.strip()] or [site.country_code]
    coded = [(c, *OPERATOR_CODES.get(c, (c, "MIL"))) for c in codes]
    foreign = [x for x in coded if x[1] and x[1] != site.country_code]
    label, code, sector = (foreign or coded)[0]
    return Actor(f"{label} forces at {site.name}", code, sector)


def _emptied(previous: Observation, current: Observation) -> bool:
    """True when every class seen before is counted again, at zero, and nothing else is left."""
    seen = [name for name, n in previous.counts.items() if n > 0]
    return bool(seen) and all(current.counts.get(name) == 0 for name in seen) and not any(current.counts.values())


def _change_text(previous: Observation, current: Observation, site: Site, group: list[CountChange],
                 others: list[CountChange], posture: str) -> str:
    first, last = previous.acquired.date().isoformat(), current.acquired.date().isoformat()
    when = f"On {last}" if first == last else f"Between {first} and {last}"
    text = f"{when} {_moves(group)} at {site.name} ({_image(previous)}, then {_image(current)})."
    if others:
        text += f" Over the same period {_moves(others)}."
    if posture == "departed":
        text += " No counted hardware remained."
    return text


def _moves(changes: list[CountChange]) -> str:
    parts = [f"{LABELS[c.name][1]} {'fell' if c.after < c.before else 'rose'} from {c.before} to {c.after}"
             for c in changes]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _image(obs: Observation) -> str:
    return f"{obs.provider} image {obs.image_id}" if obs.image_id else \
        f"{obs.provider} image of {obs.acquired.date().isoformat()}"


def _quantity(name: str, n: int) -> str:
    singular, plural = LABELS[name]
    return f"no {plural}" if n == 0 else f"1 {singular}" if n == 1 else f"{n} {plural}"


def _moment(moment: datetime) -> str:
    """'2024-12-14 10:32 UTC', or the date alone for a date-only acquisition (midnight)."""
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _site_place(site: Site) -> Place:
    return Place(extracted_place=site.name, resolved_place=site.name, lat=site.lat, lon=site.lon,
                 country_code=site.country_code, feature_code=SITE_FEATURES.get(site.kind, "MILB"),
                 resolution="site", site_id=site.id)
