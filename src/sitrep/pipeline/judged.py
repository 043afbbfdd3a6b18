"""Surge judgements (airlifts from flight tracks, naval departures from AIS) as stored reports: a
later file re-judges days already judged, and what it finds replaces what was stored for them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Protocol

from sitrep.records import Event, IngestSummary, Report
from sitrep.store import Store


class Judgement(Protocol):
    """A surge found on one day: the report listing its movements and the event it makes."""

    @property
    def report(self) -> Report: ...

    @property
    def event(self) -> Event: ...


def replace_judged(store: Store, prefix: str, days: set[date], found: Mapping[str, Judgement],
                   counts: IngestSummary) -> None:
    """Stores the judgements `found` (by report origin) for `days`, removing those stored under
    `prefix` ("airlift/<site>/", "naval/<site>/") for these days that are gone or changed."""
    stored = {origin: doc for origin, doc in store.reports_by_origin(prefix).items() if origin_day(origin) in days}
    store.remove_reports([doc for origin, doc in stored.items()
                          if origin not in found or found[origin].report.id != doc])
    for judgement in found.values():
        if store.save_report(judgement.report, [judgement.event]):
            counts.stored += 1
            counts.events += 1
        else:
            counts.already += 1


def origin_day(origin: str) -> date | None:
    """The day of a surge report's origin, "<kind>/<site>/<day>/<force>"."""
    try:
        return date.fromisoformat(origin.split("/")[2])
    except (IndexError, ValueError):
        return None
