"""Which time expression of a sentence dates its event: the one closest to the triggers, not a
dateline or a page's date header, not the day a past happening was reported; else a date relative
to the event told before ("a day earlier")."""

from __future__ import annotations

import re
from typing import Any

from sitrep.extract.dates import ResolvedDate, relative_to_previous, resolve_date
from sitrep.extract.discourse import Discourse
from sitrep.extract.lexicon import Trigger
from sitrep.extract.modality import is_future
from sitrep.extract.spans import sentence_entities
from sitrep.records import Report

REPORTING_VERBS = {"say", "tell", "report", "claim", "add", "state", "announce", "confirm", "note", "accord", "write"}


def sentence_date(sent: Any, report: Report, triggers: list[tuple[Any, Trigger]],
                   memory: Discourse) -> ResolvedDate | None:
    """The time expression closest to the triggers (datelines skipped), else a date relative to
    the previous event ('a day earlier'); remembered for the next sentences."""
    anchor = triggers[0][0].i if triggers else sent.start
    trigger_ids = {t.i for t, _ in triggers}
    spans = [e for e in sentence_entities(sent) if e.label_ in {"DATE", "TIME"} and not _is_dateline_date(e)
             and not _dates_the_report(e, triggers, trigger_ids)]
    spans.sort(key=lambda e: (not any(t.i in trigger_ids for t in e.root.ancestors), abs(e.root.i - anchor)))
    planned = {tok.i for tok, _ in triggers if is_future(tok)} if spans else set()
    for ent in spans:
        # A plan's own time ("will arrive on Jan. 5") lies ahead; the time of its announcement
        # ("said on Monday that they will leave") lies behind, like any told happening.
        future = any(t.i in planned for t in ent.root.ancestors)
        resolved = resolve_date(ent.text, published=report.published, future=future)
        if resolved:
            memory.last_date = resolved
            return resolved
    resolved = relative_to_previous(sent.text, memory.last_date)
    if resolved:
        return resolved
    return _announced_today(triggers, report)


# Decisions that news tells on the day they are made ("Trump ordered a withdrawal").
EARLIER = {"earlier", "previously", "already", "once", "first", "initially", "originally"}
DECISION_VERBS = {"order", "announce", "declare", "decide", "authorize", "authorise", "approve"}


def _announced_today(triggers: list[tuple[Any, Trigger]], report: Report) -> ResolvedDate | None:
    """A decision told in the simple past with no time word ("ordered the withdrawal of ...") is
    dated to the report's day: news tells decisions the day they are made, and the decision,
    not the move it orders, is the event (ANNOTATION.md: an announcement's date is its own). The
    present and perfect ("has announced") stay undated."""
    if report.published is None:
        return None
    for tok, _ in triggers:
        for node in [tok, *tok.ancestors][:3]:
            hedged_in_time = any(c.dep_ == "advmod" and c.lower_ in EARLIER for c in node.children)
            if node.lemma_.lower() in DECISION_VERBS and node.tag_ == "VBD" and not hedged_in_time:
                return ResolvedDate(report.published, report.published, "day", node.text)
    return None


def _is_dateline_date(ent: Any) -> bool:
    """'BEIRUT, Dec 14 —' at the head of a report, or a page's 'date 2025-04-19' / 'Published
    2024-12-20' header, is the filing date, not the event's."""
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if ent.start - ent.sent.start <= 3 and nxt is not None and nxt.text in {"—", "–", "-"}:
        return True
    if ent.start <= 3 and ISO_DAY.fullmatch(ent.text.strip()):
        return True
    before = doc[max(ent.start - 2, 0) : ent.start].text.lower()
    return ent.start <= 6 and any(w in before for w in ("date", "published", "updated", "posted"))


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _dates_the_report(ent: Any, triggers: list[tuple[Any, Trigger]], trigger_ids: set[int]) -> bool:
    """'X left the base, the monitor reported on Saturday': the day belongs to the report, not to
    a past happening it tells (a present one, 'are withdrawing, officials said Friday', keeps it)."""
    for node in ent.root.ancestors:
        if node.i in trigger_ids:
            return False
        if node.lemma_.lower() in REPORTING_VERBS:
            # the happening is told under the reporting verb, or (", the monitor reported") above it
            told = [t for t, _ in triggers if node in t.ancestors or t in node.ancestors]
            return bool(told) and all(_is_past(t) for t in told)
    return False


def _is_past(tok: Any) -> bool:
    """'left', 'had left', 'was handed over': told as done; 'are deployed', 'is withdrawing': not."""
    if tok.tag_ == "VBD":
        return True
    auxes = [c for c in tok.children if c.dep_ in {"aux", "auxpass"}]
    return tok.tag_ == "VBN" and (not auxes or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes))
