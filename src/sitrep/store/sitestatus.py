"""Keeps each site's judged status timelines (fuse/status.py) in `site_status`, incrementally:
a new claim replays the judgement from its day, with the stored timeline before it as prefix."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from sitrep.fuse.status import (
    Piece,
    PostureClaim,
    Reason,
    StatusChange,
    Timeline,
    Unconfirmed,
    headline_of,
    judge,
    timelines_by_actor,
)
from sitrep.settings import StatusRules
from sitrep.store.schema import fused_events, site_status, sites, status_pending

EVIDENCE_CAP = 25  # per change: a months-long "present" keeps its first and latest evidence
UNCONFIRMED_CAP = 40  # per site: the latest claims that fell short
REASON_HISTORY = 20  # per force: the latest changes keep their weighed reasons
PERIOD_CAP = timedelta(days=31)  # a period claim counts from its end, at most this long after its start
HEDGED_BELOW = 0.6  # extract/modality.py multiplies hedged claims by 0.6: they score below this
UNNAMED_OFFICIAL = re.compile(r"^(?:(?:a|an|one|two|three|several|some|local|senior|military|security|"
                              r"government|western|syrian|russian|kurdish|chadian|french|us|u\.s\.)\s+)*officials?$", re.I)


def evidence_kind(kind: str | None, source: str | None, measured: bool) -> str:
    """The kind a piece is weighed as: a measured imagery change, a party's statement or an
    unnamed official, else its attribution kind."""
    if measured and kind == "imagery":
        return "imagery-counts"
    if kind == "official" and source and UNNAMED_OFFICIAL.match(source.strip()):
        return "official-unnamed"
    return kind or "media"


def claim_of(row: Any) -> PostureClaim:
    """A posture claim from a fused_events row (with its record)."""
    pieces, day = _read_record(row.record, row.sort_date)
    return PostureClaim(row.id, day, row.posture, row.confidence, row.independent_sources, row.actor_code, pieces)


@lru_cache(maxsize=1024)
def _read_record(text: str, sort_day: date) -> tuple[tuple[Piece, ...], date]:
    """The pieces and day of a fused record. Cached by the record's text: a busy site's claims
    are read again by every report that touches it, and parsing them was most of the cost."""
    record = json.loads(text)
    pieces = []
    for src in record.get("sources") or []:
        if src.get("posture") == "airlift":
            continue  # lift seen (more transports on the apron, a surge of flights) says no direction
        att = src.get("attribution") or {}
        measured = bool(src.get("measured"))
        confidence = src.get("confidence")
        hedged = not measured and confidence is not None and confidence < HEDGED_BELOW
        pieces.append(Piece(origin=src.get("origin") or f"outlet:{src.get('outlet')}",
                            kind=evidence_kind(att.get("kind"), att.get("source"), measured),
                            hedged=hedged, source=att.get("source") or src.get("outlet"),
                            published=date.fromisoformat(src["published"]) if src.get("published") else None))
    return tuple(pieces), _claim_day(sort_day, record)


def _claim_day(sort_day: date, record: dict[str, Any]) -> date:
    """When a claim counts: its day, or for a period ("between two images", "in December") the
    end of the period, no later than its first report and PERIOD_CAP after its start."""
    end = record.get("enddate")
    if record.get("date_precision") == "day" or not end:
        return sort_day
    published = [date.fromisoformat(s["published"]) for s in record.get("sources") or [] if s.get("published")]
    limit = min([sort_day + PERIOD_CAP, *published])
    return max(sort_day, min(date.fromisoformat(end), limit))


def update_site_status(conn: Connection, site_id: str, rules: StatusRules, *, since: date | None = None,
                       stale: set[str] | None = None) -> None:
    """Brings one site's timelines (one per force) up to date. With `since`, the stored judgement
    before that day is kept and only later days are judged again, so the cost follows the new
    reports, not the site's whole history."""
    stored = conn.execute(select(site_status.c.timeline).where(site_status.c.site_id == site_id)).scalar()
    data = json.loads(stored) if stored else None
    where = [fused_events.c.site_id == site_id, fused_events.c.posture.is_not(None),
             fused_events.c.sort_date.is_not(None)]
    host = conn.execute(select(sites.c.country_code).where(sites.c.id == site_id)).scalar()
    # The headline force follows every claim at the site, not only the replayed window's: when
    # it changes, claims without a force change timelines and everything is judged again.
    counts = {code: n for code, n in conn.execute(select(fused_events.c.actor_code, func.count()).where(
        *where, fused_events.c.actor_code.is_not(None)).group_by(fused_events.c.actor_code))}
    incremental = (data is not None and since is not None and data.get("actor") is not None
                   and data.get("actor") == headline_of(counts, host=host)
                   and data.get("rules") == rules.fingerprint())
    claims = _claims(conn, where, since - timedelta(days=rules.lookback) - PERIOD_CAP
                     if incremental and since is not None else None)
    if incremental and data is not None and since is not None:
        headline = data["actor"]
        first_known = {c.fused_id: c.versions(rules.late_days)[0][0] for c in claims}
        start = _replay_start(data, since, first_known)
        if start < since:  # the replay reaches further back: so must the claims it reads
            read_from = since - timedelta(days=rules.lookback) - PERIOD_CAP
            earlier = _claims(conn, [*where, fused_events.c.sort_date < read_from],
                              start - timedelta(days=rules.lookback) - PERIOD_CAP)
            claims = earlier + claims
            first_known.update((c.fused_id, c.versions(rules.late_days)[0][0]) for c in earlier)
        since = start
        # Claims first known from `since` on are judged again; earlier ones stay as the prefix has them.
        replayed = {i for i, day in first_known.items() if day >= since} | (stale or set())
        stored_lines = {headline: data["changes"],
                        **{(None if k == "unknown" else k): v for k, v in data["others"].items()}}
        groups: dict[str | None, list[PostureClaim]] = {code: [] for code in stored_lines}
        for claim in claims:
            groups.setdefault(claim.actor_code or headline, []).append(claim)
        timelines, settled = {}, {}
        for code, group in groups.items():
            settled[code], prefix = _prefix(stored_lines.get(code, []), data.get("unconfirmed", []), code, headline,
                                            since, replayed, rules)
            timelines[code] = judge(group, rules, start=since, prefix=prefix)
    else:
        headline, timelines = timelines_by_actor(claims, rules, host=host)
        settled = {}
    write_status(conn, site_id, headline, timelines, rules, settled=settled)


def mark_for_judging(conn: Connection, cutoffs: dict[str, date], stale: list[str]) -> None:
    """Notes that these sites must be judged again from their cutoff day, with the fused events
    `stale` gone; marks of one batch merge (the earliest day, every stale id)."""
    if not cutoffs:
        return
    marked = {row.site_id: row for row in conn.execute(
        select(status_pending).where(status_pending.c.site_id.in_(list(cutoffs))))}
    for site_id, since in cutoffs.items():
        old = marked.get(site_id)
        if old is None:
            conn.execute(insert(status_pending).values(site_id=site_id, since=since, stale=json.dumps(sorted(stale))))
            continue
        ids = sorted(set(json.loads(old.stale)) | set(stale))
        conn.execute(status_pending.update().where(status_pending.c.site_id == site_id)
                     .values(since=min(old.since, since), stale=json.dumps(ids)))


def judge_pending(conn: Connection, rules: StatusRules) -> int:
    """Judges every marked site once, from its earliest touched day; how many."""
    marks = list(conn.execute(select(status_pending).order_by(status_pending.c.site_id)))
    for mark in marks:
        update_site_status(conn, mark.site_id, rules, since=mark.since, stale=set(json.loads(mark.stale)))
    if marks:
        conn.execute(delete(status_pending).where(status_pending.c.site_id.in_([m.site_id for m in marks])))
    return len(marks)


def _claims(conn: Connection, where: list[Any], from_day: date | None) -> list[PostureClaim]:
    """A site's posture claims (from `from_day` on, else all)."""
    if from_day is not None:
        where = [*where, fused_events.c.sort_date >= from_day]
    rows = conn.execute(select(fused_events.c.id, fused_events.c.sort_date, fused_events.c.posture,
                               fused_events.c.confidence, fused_events.c.independent_sources,
                               fused_events.c.actor_code, fused_events.c.record).where(*where))
    return [claim_of(r) for r in rows]


def _replay_start(data: dict[str, Any], since: date, first_known: dict[str, date]) -> date:
    """The day a replay must start from for the stored judgement before it to be what was known
    then. A change confirmed, or a claim judged, on or after `since` about claims known before it
    hides the state they were in before `since` (pending, part of a change later withdrawn):
    the replay then starts when the earliest of them became known."""
    start = since
    lines = [data["changes"], *data["others"].values()]
    while True:
        touched = [i for changes in lines for c in changes if _known_on(c) >= start for i in c["evidence"]]
        touched += [u["fused_id"] for u in data.get("unconfirmed", [])
                    if date.fromisoformat(u.get("known") or u["day"]) >= start]
        earliest = min([first_known[i] for i in touched if i in first_known], default=start)
        if earliest >= start:
            return start
        start = earliest


def write_status(conn: Connection, site_id: str, headline: str | None, timelines: dict[str | None, Timeline],
                 rules: StatusRules, *, settled: dict[str | None, list[dict[str, Any]]] | None = None) -> None:
    """Stores the timelines; `settled` holds, per force, stored changes older than any replay can
    touch, written back as they were read."""
    settled = settled or {}

    def lines(code: str | None, timeline: Timeline) -> list[dict[str, Any]]:
        combined = settled.get(code, []) + changes_json(timeline.changes)
        # Older changes keep their status, dates, confidence and evidence, not their weighed
        # reasons: the stored timeline is read and written whole on every update.
        return [({**c, "reasons": []} if i < len(combined) - REASON_HISTORY and c.get("reasons") else c)
                for i, c in enumerate(combined)]

    main = timelines.get(headline) or Timeline()
    current = main.changes[-1] if main.changes else None
    unconfirmed = [(code, u) for code, t in timelines.items() for u in t.unconfirmed]
    unconfirmed.sort(key=lambda item: (item[1].known_on, item[1].fused_id))
    conn.execute(delete(site_status).where(site_status.c.site_id == site_id))
    conn.execute(insert(site_status).values(
        site_id=site_id,
        status=current.status if current else "unknown",
        status_since=current.since if current else None,
        evidence=json.dumps(current.evidence if current else []),
        timeline=json.dumps({
            "actor": headline,
            "rules": rules.fingerprint(),
            "changes": lines(headline, main),
            "others": {code or "unknown": lines(code, t)
                       for code, t in timelines.items() if code != headline and (t.changes or settled.get(code))},
            "unconfirmed": [_unconfirmed_json(u, code) for code, u in unconfirmed[-UNCONFIRMED_CAP:]],
        }, sort_keys=True),
    ))


def rejudge_sites(conn: Connection, rules: StatusRules) -> int:
    """Judges again every site whose stored status was judged under other rules (or none)."""
    mark = f'"rules": "{rules.fingerprint()}"'
    stale = list(conn.execute(select(site_status.c.site_id).where(site_status.c.timeline.not_like(f"%{mark}%"))).scalars())
    for site_id in stale:
        update_site_status(conn, site_id, rules)
    return len(stale)


def _prefix(changes: list[dict[str, Any]], unconfirmed: list[dict[str, Any]], code: str | None,
            headline: str | None, start: date, replayed: set[str], rules: StatusRules
            ) -> tuple[list[dict[str, Any]], Timeline]:
    """The stored judgement before `start`, minus evidence that is about to be judged again: as
    settled changes kept as stored (confirmed before any claim a replay reads or could withdraw)
    and the later ones as records. Long histories are not rebuilt on every report."""
    settled_before = start - timedelta(days=rules.window_days)
    cut = 0
    while cut + 1 < len(changes) and _known_on(changes[cut + 1]) < settled_before:
        cut += 1  # the last settled change stays a record: the replay continues from it
    kept = []
    for change in changes_from_json(changes[cut:]):
        if change.known_on >= start:
            break
        change.evidence = [i for i in change.evidence if i not in replayed]
        change.contested_by = [i for i in change.contested_by if i not in replayed]
        change.reasons = [r for r in change.reasons if r.fused_id not in replayed]
        kept.append(change)
    mine = [u for u in unconfirmed if (u.get("actor") or headline) == (code or headline)]
    pending = [u for u in unconfirmed_from_json(mine) if u.known_on < start and u.fused_id not in replayed]
    return changes[:cut], Timeline(kept, pending)


def _known_on(change: dict[str, Any]) -> date:
    return date.fromisoformat(change.get("confirmed") or change["since"])


def changes_json(changes: list[StatusChange]) -> list[dict[str, Any]]:
    """Stored timeline changes; evidence lists keep the first and latest ids within a cap, so the
    stored timeline (read back on every update) does not grow with a site's history."""
    return [{"status": c.status, "since": c.since.isoformat(), "confirmed": c.known_on.isoformat(),
             "confidence": c.confidence, "evidence": _capped(c.evidence), "contested_by": _capped(c.contested_by),
             "reasons": [_reason_json(r) for r in c.reasons]} for c in changes]


def changes_from_json(changes: list[dict[str, Any]]) -> list[StatusChange]:
    """Stored changes back as records (timelines stored by sitrep.status.v1 lack confidence,
    confirmation day and reasons)."""
    out = []
    for c in changes:
        since = date.fromisoformat(c["since"])
        out.append(StatusChange(
            c["status"], since, list(c["evidence"]), list(c.get("contested_by", [])),
            confirmed=date.fromisoformat(c["confirmed"]) if c.get("confirmed") else since,
            confidence=c.get("confidence", 0.0),
            reasons=[Reason(r["fused_id"], date.fromisoformat(r["day"]), r["kind"], r["weight"], r["origin"],
                            r.get("source"), r.get("hedged", False)) for r in c.get("reasons", [])]))
    return out


def unconfirmed_from_json(items: list[dict[str, Any]]) -> list[Unconfirmed]:
    return [Unconfirmed(u["fused_id"], date.fromisoformat(u["day"]), u["status"], u["weight"], u["reason"],
                        known=date.fromisoformat(u["known"]) if u.get("known") else None)
            for u in items]


def _reason_json(r: Reason) -> dict[str, Any]:
    return {"fused_id": r.fused_id, "day": r.day.isoformat(), "kind": r.kind, "weight": r.weight,
            "origin": r.origin, "source": r.source, "hedged": r.hedged}


def _unconfirmed_json(u: Unconfirmed, code: str | None) -> dict[str, Any]:
    return {"fused_id": u.fused_id, "day": u.day.isoformat(), "known": u.known_on.isoformat(), "status": u.status,
            "weight": u.weight, "reason": u.reason, "actor": code}


def _capped(ids: list[str]) -> list[str]:
    return ids if len(ids) <= EVIDENCE_CAP else ids[:5] + ids[-(EVIDENCE_CAP - 5):]


@dataclass(frozen=True)
class StoredStatus:
    """A site's stored judgement, cut at an as-of day (None: all of it)."""

    force: str | None
    changes: list[StatusChange]
    others: dict[str, list[StatusChange]]
    unconfirmed: list[tuple[str | None, Unconfirmed]]

    @property
    def current(self) -> StatusChange | None:
        return self.changes[-1] if self.changes else None


def read_status(text: str | None, as_of: date | None = None) -> StoredStatus:
    """The stored timeline JSON as records; with `as_of`, only what was known by that day (changes
    confirmed on or before it, claims made on or before it)."""
    data = json.loads(text) if text else {}

    def cut(changes: list[dict[str, Any]]) -> list[StatusChange]:
        return [c for c in changes_from_json(changes) if as_of is None or c.known_on <= as_of]

    unconfirmed = [(u.get("actor"), item) for u, item in
                   zip(data.get("unconfirmed", []), unconfirmed_from_json(data.get("unconfirmed", [])), strict=True)
                   if as_of is None or item.known_on <= as_of]
    if as_of is not None:
        # Claims that a later change confirmed were still unconfirmed on the as-of day.
        for code, changes in [(data.get("actor"), data.get("changes", [])), *(data.get("others") or {}).items()]:
            for change in changes_from_json(changes):
                if change.known_on <= as_of:
                    continue
                early: dict[str, Reason] = {}
                for r in change.reasons:
                    if r.day <= as_of and (r.fused_id not in early or r.weight > early[r.fused_id].weight):
                        early[r.fused_id] = r
                unconfirmed += [(code, Unconfirmed(r.fused_id, r.day, change.status, r.weight,
                                                   f"not yet corroborated (confirmed on {change.known_on.isoformat()})"))
                                for r in early.values()]
        unconfirmed.sort(key=lambda item: (item[1].day, item[1].fused_id))
    others = {code: cut(changes) for code, changes in (data.get("others") or {}).items()}
    return StoredStatus(data.get("actor"), cut(data.get("changes", [])),
                        {code: changes for code, changes in others.items() if changes}, unconfirmed)
