"""Site status as a judgement over evidence (`sitrep.status.v2`, docs/status.md).

Each fused force-posture event at a site is a claim (arriving/present -> present, departing ->
drawing down, departed -> vacated) made by one or more pieces of evidence, each from an origin
(outlets relaying one origin count once) and of a kind weighed by `StatusRules`. A claim changes
the status only when the claims for the new status within a corroboration window hold a strong
piece (imagery counts, a party's official statement) or pieces from `min_origins` independent,
credible, unhedged origins, and no contrary claim of comparable weight stands in the window.
Arrivals within `settle_days` of a departure are part of the drawdown (transports landing to
carry the force out), not a return. Claims that fall short are kept as unconfirmed.

Claims are judged on the day each piece became known (its report's publication), so a status "as
of" a day is what the evidence published by then supported; a change is dated from the first day
of its evidence (`since`) and known from the day it sufficed (`confirmed`). A day's judgement
depends only on the status before it and on claims about the `lookback` days before it, so a late
report is judged by replaying from its day with the stored judgement before it as prefix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sitrep.settings import StatusRules

NAME = "sitrep.status.v2"
POSTURE_STATUS = {"arriving": "present", "present": "present", "departing": "drawing down", "departed": "vacated"}
RANK = {"vacated": 3, "drawing down": 2, "present": 1, "returned": 1}
OPPOSED = {"present": "vacated", "returned": "vacated", "vacated": "present"}


@dataclass(frozen=True)
class Piece:
    """One source's word within a claim: who it comes from, what kind of evidence, how hedged."""

    origin: str
    kind: str  # a key of StatusRules.weights (imagery-counts, official, observatory, ...)
    hedged: bool = False
    source: str | None = None
    published: date | None = None  # when the piece became known (its report's day)

    def weight(self, rules: StatusRules) -> float:
        base = rules.weight(self.kind)
        return round(base * rules.hedge_factor, 3) if self.hedged else base


@dataclass(frozen=True)
class PostureClaim:
    """A fused posture event at a site, as the judgement needs it."""

    fused_id: str
    day: date
    posture: str
    confidence: float
    independent_sources: int
    actor_code: str | None = None
    pieces: tuple[Piece, ...] = ()

    @property
    def status(self) -> str | None:
        return POSTURE_STATUS.get(self.posture)

    def versions(self, late_days: int) -> list[tuple[date, PostureClaim]]:
        """The claim as it stood on each day a piece of it became known: a report published on
        the 20th about the 16th is known from the 20th (at most `late_days` after the event, so a
        judgement never waits on a report without bound)."""
        def known(piece: Piece) -> date:
            seen = piece.published or self.day
            return min(max(seen, self.day), self.day + timedelta(days=late_days))
        days = sorted({known(p) for p in self.pieces}) or [self.day]
        return [(d, replace(self, pieces=tuple(p for p in self.pieces if known(p) <= d))) for d in days]


@dataclass(frozen=True)
class Reason:
    """A piece of evidence behind a status, with the weight the rules gave it."""

    fused_id: str
    day: date
    kind: str
    weight: float
    origin: str
    source: str | None
    hedged: bool


@dataclass
class StatusChange:
    status: str  # present, drawing down, vacated, returned
    since: date  # the first day of the evidence that made it
    evidence: list[str] = field(default_factory=list)  # fused event ids
    contested_by: list[str] = field(default_factory=list)  # fused ids that claim otherwise
    confirmed: date | None = None  # the day the evidence sufficed (as-of queries use it)
    confidence: float = 0.0
    reasons: list[Reason] = field(default_factory=list)

    @property
    def known_on(self) -> date:
        return self.confirmed or self.since


@dataclass(frozen=True)
class Unconfirmed:
    """A claim that did not change the status, and why."""

    fused_id: str
    day: date  # the day the claim is about
    status: str
    weight: float
    reason: str
    known: date | None = None  # the day it was judged (when its latest piece became known)

    @property
    def known_on(self) -> date:
        return self.known or self.day


@dataclass
class Timeline:
    """One force's status changes at a site, oldest first, and the claims that fell short."""

    changes: list[StatusChange] = field(default_factory=list)
    unconfirmed: list[Unconfirmed] = field(default_factory=list)

    def as_of(self, day: date) -> StatusChange | None:
        """The status in force on `day` (None before any evidence)."""
        current = None
        for change in self.changes:
            if change.known_on > day:
                break
            current = change
        return current


def judge(claims: Iterable[PostureClaim], rules: StatusRules, *, prefix: Timeline | None = None,
          start: date | None = None) -> Timeline:
    """The timeline of one force at one site, judged day by day as the pieces became known.
    With `prefix` and `start`, what was known before `start` is taken from the prefix (the stored
    judgement) and only serves as context."""
    versions = sorted(((known, version) for c in claims if c.status for known, version in c.versions(rules.late_days)),
                      key=lambda kv: (kv[0], kv[1].fused_id))
    timeline = Timeline(list(prefix.changes) if prefix else [], list(prefix.unconfirmed) if prefix else [])
    known: dict[str, PostureClaim] = {}
    i = 0
    while i < len(versions):
        day = versions[i][0]
        today = []
        while i < len(versions) and versions[i][0] == day:
            known[versions[i][1].fused_id] = versions[i][1]
            today.append(versions[i][1])
            i += 1
        if start is None or day >= start:
            _judge_day(timeline, today, day, list(known.values()), rules)
    return timeline


def _judge_day(timeline: Timeline, today: list[PostureClaim], day: date, known: list[PostureClaim],
               rules: StatusRules) -> None:
    """Judges the claims that gained a piece on `day` against all that is known by then."""
    today = _revisit(timeline, today, day, known, rules)
    current = timeline.changes[-1] if timeline.changes else None
    status = current.status if current else None
    candidates: dict[str, list[PostureClaim]] = {}
    for claim in today:
        wanted = _target(claim.status or "", status)
        if current is not None and _same_state(status, wanted):
            _add_evidence(current, claim, rules)
            continue
        if status == "vacated" and wanted == "drawing down":
            _add_evidence(current, claim, rules)  # departures after the exit repeat it
            continue
        if status == "drawing down" and wanted == "present" and _recent_departure(known, claim.day, rules):
            _unconfirm(timeline, claim, day, wanted, rules,
                       f"an arrival within {rules.settle_days} days of a departure: part of the drawdown")
            continue
        candidates.setdefault(wanted, []).append(claim)
    verdicts = []
    for wanted, claims in candidates.items():
        earliest = min(c.day for c in claims) - timedelta(days=rules.window_days)
        window = [c for c in known if earliest <= c.day <= day]
        support = [c for c in window if _target(c.status or "", status) == wanted or
                   (wanted == "returned" and c.status == "present")]
        reasons = _reasons(support, rules)
        weight = _combined(reasons)
        opposed = OPPOSED.get(wanted)
        first = min(c.day for c in support)
        # Presence before a departure is history, not contradiction: only what is claimed from
        # the first supporting day on contests the change.
        contrary = [c for c in window if opposed and c.day >= first
                    and _target(c.status or "", status) in {opposed, _target(opposed, status)}]
        against = _reasons(contrary, rules)
        contrary_weight = _combined(against) if _qualifies(against, rules) else 0.0
        if not _qualifies(reasons, rules):
            why = _shortfall(reasons, rules)
        elif contrary_weight and contrary_weight + rules.margin >= weight:
            why = "contested: " + ", ".join(sorted(c.fused_id for c in contrary)) + " claim otherwise"
        else:
            verdicts.append((weight, RANK[wanted], wanted, support, reasons, contrary))
            continue
        for claim in claims:
            _unconfirm(timeline, claim, day, wanted, rules, why)
    if not verdicts:
        return
    weight, _, wanted, support, reasons, contrary = max(verdicts, key=lambda v: (v[0], v[1]))
    after = current.since if current else date.min
    since = min((c.day for c in support if c.day > after), default=day)
    ids = {c.fused_id for c in support}
    timeline.unconfirmed = [u for u in timeline.unconfirmed if u.fused_id not in ids]
    timeline.changes.append(StatusChange(
        wanted, since, [c.fused_id for c in support], [c.fused_id for c in contrary], confirmed=day,
        confidence=round(weight, 2), reasons=_best(reasons, rules)))


def _unconfirm(timeline: Timeline, claim: PostureClaim, day: date, status: str, rules: StatusRules,
               reason: str) -> None:
    """Lists a claim as unconfirmed (its latest judgement replaces an earlier one)."""
    timeline.unconfirmed = [u for u in timeline.unconfirmed if u.fused_id != claim.fused_id]
    timeline.unconfirmed.append(Unconfirmed(claim.fused_id, claim.day, status, _claim_weight(claim, rules),
                                            reason, known=day))


def _revisit(timeline: Timeline, today: list[PostureClaim], day: date, known: list[PostureClaim],
             rules: StatusRules) -> list[PostureClaim]:
    """Claims of presence soon after an exit (one the ministry denies the next day) weigh both
    sides again: the clearly heavier side stands; of comparable sides neither does, and the exit
    is withdrawn with both sides kept as contested claims. Returns the claims still to judge."""
    if not timeline.changes or (day - timeline.changes[-1].known_on).days > rules.window_days:
        return today
    current = timeline.changes[-1]
    if current.status != "vacated":
        return today  # presence then departure is a sequence; only "still there" after an exit contradicts
    con_today = [c for c in today if _plain(c.status) == "present"]
    con = [c for c in known if _plain(c.status) == "present" and c.day >= current.since]
    if not con_today or not _qualifies(_reasons(con, rules), rules):
        return today
    horizon = current.since - timedelta(days=rules.window_days)
    pro = [c for c in known if c.status == "vacated" and horizon <= c.day <= day]
    pro_weight, con_weight = _combined(_reasons(pro, rules)), _combined(_reasons(con, rules))
    names = ", ".join(sorted(c.fused_id for c in con))
    if con_weight > pro_weight + rules.margin:
        timeline.changes.pop()
        for claim in pro:
            _unconfirm(timeline, claim, day, "vacated", rules, f"contested and overturned: {names} claim otherwise")
        return today
    rest = [c for c in today if c not in con_today]
    if pro_weight > con_weight + rules.margin:
        for claim in con_today:
            _unconfirm(timeline, claim, day, "present", rules, "contested by heavier claims of the exit")
        return rest
    timeline.changes.pop()
    for claim in pro:
        _unconfirm(timeline, claim, day, "vacated", rules, f"contested: {names} claim otherwise")
    for claim in con_today:
        _unconfirm(timeline, claim, day, "present", rules, "contested: claims of comparable weight say otherwise")
    return rest


def _plain(status: str | None) -> str | None:
    return "present" if status == "returned" else status


def _target(status: str, current: str | None) -> str:
    """The status a claim argues for: presence after an exit is a return."""
    return "returned" if status == "present" and current == "vacated" else status


def _same_state(current: str | None, wanted: str) -> bool:
    return current == wanted or (current == "returned" and wanted == "present")


def _recent_departure(known: Iterable[PostureClaim], day: date, rules: StatusRules) -> bool:
    horizon = day - timedelta(days=rules.settle_days)
    return any(c.status in {"drawing down", "vacated"} and horizon <= c.day <= day for c in known)


def _reasons(claims: Iterable[PostureClaim], rules: StatusRules) -> list[Reason]:
    return [Reason(c.fused_id, c.day, p.kind, p.weight(rules), p.origin, p.source, p.hedged)
            for c in claims for p in c.pieces]


def _by_origin(reasons: Iterable[Reason]) -> dict[str, Reason]:
    best: dict[str, Reason] = {}
    for r in reasons:
        if r.origin not in best or r.weight > best[r.origin].weight:
            best[r.origin] = r
    return best


def _combined(reasons: Iterable[Reason]) -> float:
    """1 - prod(1 - w) over the best piece of each independent origin."""
    miss = 1.0
    for r in _by_origin(reasons).values():
        miss *= 1.0 - min(r.weight, 0.99)
    return 1.0 - miss


def _qualifies(reasons: list[Reason], rules: StatusRules) -> bool:
    if any(not r.hedged and r.weight >= rules.strong for r in reasons):
        return True
    credible = {r.origin for r in reasons if not r.hedged and r.weight >= rules.credible}
    return len(credible) >= rules.min_origins


def _shortfall(reasons: list[Reason], rules: StatusRules) -> str:
    if reasons and all(r.hedged for r in reasons):
        return "hedged: the claim is only reported as possible"
    if reasons and all(r.weight < rules.credible for r in reasons if not r.hedged):
        return "unverified: no credible source"
    origins = len({r.origin for r in reasons if not r.hedged and r.weight >= rules.credible})
    return (f"{origins} independent origin(s): a change needs a strong piece (imagery counts, an "
            f"official statement) or {rules.min_origins} independent origins")


def _claim_weight(claim: PostureClaim, rules: StatusRules) -> float:
    return round(_combined(_reasons([claim], rules)), 2)


def _add_evidence(change: StatusChange | None, claim: PostureClaim, rules: StatusRules) -> None:
    if change is None or claim.fused_id in change.evidence:
        return
    change.evidence.append(claim.fused_id)
    if len(change.reasons) < rules.max_reasons:
        change.reasons.extend(_best(_reasons([claim], rules), rules)[: rules.max_reasons - len(change.reasons)])


def _best(reasons: list[Reason], rules: StatusRules) -> list[Reason]:
    """The strongest piece of each origin, strongest first, within the cap."""
    ranked = sorted(_by_origin(reasons).values(), key=lambda r: (-r.weight, r.day, r.origin))
    return ranked[: rules.max_reasons]


def headline_force(claims: Iterable[PostureClaim], *, host: str | None = None) -> str | None:
    """The force a site's headline status is about: the foreign force (not the `host` country)
    most claims are about, else the most claimed force."""
    counts: dict[str, int] = {}
    for claim in claims:
        if claim.actor_code:
            counts[claim.actor_code] = counts.get(claim.actor_code, 0) + 1
    return headline_of(counts, host=host)


def headline_of(counts: dict[str, int], *, host: str | None = None) -> str | None:
    """The headline force from the number of claims about each force (see `headline_force`)."""
    foreign = {code: n for code, n in counts.items() if code != host} or counts
    return max(foreign, key=lambda code: (foreign[code], code)) if foreign else None


def timelines_by_actor(claims: Iterable[PostureClaim], rules: StatusRules, *, host: str | None = None
                       ) -> tuple[str | None, dict[str | None, Timeline]]:
    """One timeline per force at a site (Russian troops leaving Kobani, Kurdish fighters moving
    in), and the headline force. Claims with no actor code count for the headline force."""
    claims = list(claims)
    headline = headline_force(claims, host=host)
    groups: dict[str | None, list[PostureClaim]] = {}
    for claim in claims:
        groups.setdefault(claim.actor_code or headline, []).append(claim)
    return headline, {code: judge(group, rules) for code, group in groups.items()}
