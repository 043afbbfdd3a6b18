"""Site status timelines from force-posture events (`sitrep.status.v1`).

Posture maps to status: arriving/present -> present (returned after a vacated spell), departing ->
drawing down, departed -> vacated. A change needs a fused event of confidence >= MIN_CONFIDENCE;
each change keeps the fused events behind it. Claims of the same day that disagree (one source says
the troops left, another that they are still there) are kept as a contested change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

NAME = "sitrep.status.v1"
MIN_CONFIDENCE = 0.3
POSTURE_STATUS = {"arriving": "present", "present": "present", "departing": "drawing down", "departed": "vacated"}


@dataclass(frozen=True)
class PostureClaim:
    """A fused posture event at a site, as the timeline needs it."""

    fused_id: str
    day: date
    posture: str
    confidence: float
    independent_sources: int
    actor_code: str | None = None


@dataclass
class StatusChange:
    status: str  # present, drawing down, vacated, returned, unknown
    since: date
    evidence: list[str] = field(default_factory=list)  # fused event ids
    contested_by: list[str] = field(default_factory=list)  # fused ids that claim otherwise that day


def site_timeline(claims: Iterable[PostureClaim], *, prefix: list[StatusChange] | None = None) -> list[StatusChange]:
    """The status changes of one site, oldest first; `prefix` is the part of a stored timeline
    before the claims' days, continued rather than recomputed (incremental updates)."""
    ordered = sorted((c for c in claims if c.confidence >= MIN_CONFIDENCE and c.posture in POSTURE_STATUS),
                     key=lambda c: (c.day, c.fused_id))
    timeline: list[StatusChange] = list(prefix or [])
    by_day: dict[date, list[PostureClaim]] = {}
    for claim in ordered:
        by_day.setdefault(claim.day, []).append(claim)
    for day, claims_of_day in by_day.items():
        status, evidence, contested = _day_status(claims_of_day, timeline[-1].status if timeline else "unknown")
        if timeline and _same_state(timeline[-1].status, status):
            timeline[-1].evidence.extend(evidence)
            timeline[-1].contested_by.extend(contested)
            continue
        timeline.append(StatusChange(status, day, evidence, contested))
    return timeline


def _day_status(claims: list[PostureClaim], previous: str) -> tuple[str, list[str], list[str]]:
    """The status a day's claims support: the best-sourced one wins, the others contest it."""
    votes: dict[str, list[PostureClaim]] = {}
    for claim in claims:
        votes.setdefault(POSTURE_STATUS[claim.posture], []).append(claim)
    # Movement outranks presence on the same day: "still there" reports lag departures.
    rank = {"vacated": 3, "drawing down": 2, "present": 1}
    best = max(votes, key=lambda s: (sum(c.independent_sources for c in votes[s]), rank[s]))
    status = "returned" if best == "present" and previous == "vacated" else best
    evidence = [c.fused_id for c in votes[best]]
    contested = [c.fused_id for s, cs in votes.items() if s != best and _conflicts(s, best) for c in cs]
    return status, evidence, contested


def _conflicts(a: str, b: str) -> bool:
    """Presence and departure claims contradict; drawing down is compatible with either."""
    return {a, b} == {"present", "vacated"}


def _same_state(previous: str, status: str) -> bool:
    return previous == status or (previous == "returned" and status == "present")


def timelines_by_actor(claims: Iterable[PostureClaim], *, host: str | None = None
                       ) -> tuple[str | None, dict[str | None, list[StatusChange]]]:
    """One timeline per force at a site (Russian troops leaving Kobani, Kurdish fighters moving
    in), and the headline force: the foreign force (not the `host` country) most claims are
    about, else the most claimed force. Claims with no actor code count for the headline force."""
    claims = list(claims)
    counts: dict[str | None, int] = {}
    for claim in claims:
        if claim.actor_code:
            counts[claim.actor_code] = counts.get(claim.actor_code, 0) + 1
    foreign = {code: n for code, n in counts.items() if code != host} or counts
    headline = max(foreign, key=lambda code: (foreign[code], code or "")) if foreign else None
    groups: dict[str | None, list[PostureClaim]] = {}
    for claim in claims:
        groups.setdefault(claim.actor_code or headline, []).append(claim)
    return headline, {code: site_timeline(group) for code, group in groups.items()}
