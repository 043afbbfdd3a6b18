"""Time expressions resolved against the publication date, with a precision (day/week/month/year)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

_PRECISIONS = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}
_LEADING = re.compile(r"^(?:on|in|since|by|until|from|during|at|the)\s+", re.I)
_WEEKDAY = re.compile(r"\b(?:(last|this|past)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass(frozen=True)
class ResolvedDate:
    start: date
    end: date | None
    precision: str
    text: str


@lru_cache(maxsize=256)
def _parser(base: date) -> Any:
    """A dateparser parser for one base date (building one costs more than parsing)."""
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12, 0),
    }
    return DateDataParser(languages=["en"], settings=settings)


def resolve_date(expression: str, *, published: date | None) -> ResolvedDate | None:
    """A date for a time expression; relative ones need the publication date, else None."""
    text = _LEADING.sub("", expression.strip()).strip(" ,.")
    if not text:
        return None
    weekday = _WEEKDAY.search(text)
    if weekday and published is not None and len(text.split()) <= 2:
        day = _previous_weekday(published, weekday.group(2).lower())
        if weekday.group(1) and weekday.group(1).lower() in {"last", "past"} and day == published:
            day -= timedelta(days=7)  # "last Monday" in a Monday report is a week back
        return ResolvedDate(day, None, "day", expression)
    first = _parse(text, published or date(2000, 1, 1))
    if first is None:
        return None
    if published is None:
        # Relative expressions move with the base date; without a publication date they are unknowable.
        second = _parse(text, date(2010, 6, 15))
        if second is None or second[0] != first[0]:
            return None
    start, precision = first
    if published is not None and start > published:
        return None  # a "future" reading of a past-tense report is a parsing slip
    end = _period_end(start, precision)
    return ResolvedDate(start, end, precision, expression)


def _parse(text: str, base: date) -> tuple[date, str] | None:
    data = _parser(base).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    precision = _PRECISIONS.get(data.period or "day", "day")
    start = data.date_obj.date()
    if precision == "month":
        start = start.replace(day=1)
    elif precision == "year":
        start = start.replace(month=1, day=1)
    return start, precision


def _previous_weekday(published: date, name: str) -> date:
    """'on Monday' in a report: the latest such weekday on or before publication."""
    delta = (published.weekday() - _WEEKDAYS.index(name)) % 7
    return published - timedelta(days=delta)


def _period_end(start: date, precision: str) -> date | None:
    if precision == "week":
        return start + timedelta(days=6)
    if precision == "month":
        nxt = start.replace(year=start.year + (start.month == 12), month=start.month % 12 + 1)
        return nxt - timedelta(days=1)
    if precision == "year":
        return start.replace(month=12, day=31)
    return None
