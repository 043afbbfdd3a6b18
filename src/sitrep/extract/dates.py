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
# Words that may surround a weekday without changing the day ("late on Monday night").
_DAY_PARTS = {"late", "early", "on", "last", "this", "past", "night", "morning", "afternoon", "evening",
              "overnight", "before", "dawn", "midday", "noon"}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_PART_OF_MONTH = re.compile(
    r"^(?:(early|mid|late|(?:the )?end of|(?:the )?start of|(?:the )?beginning of|(?:the )?middle of)[\s-]+)?"
    r"(january|february|march|april|may|june|july|august|september|october|november|december)"
    r"(?:\s+(\d{4}))?$", re.I)
_THIS_MONTH = re.compile(r"^(?:earlier|early|late|later) (?:this|last) month$|^(?:this|last) month$", re.I)
_RECENT = re.compile(r"^(?:in )?(?:recent days|the (?:past|last) (?:few|several) days|recently|days ago)$", re.I)
_RECENT_WEEKS = re.compile(r"^(?:in |over )?(?:recent weeks|the (?:past|last) (?:few |several )?weeks)$", re.I)
_LAST_NIGHT = re.compile(r"^(?:last night|overnight)$", re.I)
_WEEKEND = re.compile(r"^(?:at |over )?(?:the|this|last) weekend$|^weekend$", re.I)
# "the" is optional: _LEADING has already stripped it from "the end of 2024".
_YEAR_PART = re.compile(r"^(late|(?:the )?end of|early|(?:the )?start of|(?:the )?beginning of)\s+(\d{4}|last year|this year)$", re.I)
_WEEK = re.compile(r"^(?:last|this|past|earlier this|late last) week$", re.I)
# Clauses that mean the day of the event told just before.
SAME_DAY = re.compile(r"\b(?:the same day|the same (?:morning|afternoon|evening|night)|hours later|"
                      r"later that day|that day|that night)\b", re.I)
DAY_BEFORE = re.compile(r"\b(?:a day earlier|the day before|the previous day|the night before)\b", re.I)
DAY_AFTER = re.compile(r"\b(?:a day later|the next day|the following day)\b", re.I)


@dataclass(frozen=True)
class ResolvedDate:
    start: date
    end: date | None
    precision: str
    text: str


@lru_cache(maxsize=256)
def _parser(base: date, prefer: str = "past") -> Any:
    """A dateparser parser for one base date (building one costs more than parsing)."""
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": prefer,
        "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12, 0),
    }
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def resolve_date(expression: str, *, published: date | None, future: bool = False) -> ResolvedDate | None:
    """A date for a time expression; relative ones need the publication date, else None.

    Tense picks the year or week a bare day belongs to: for what happened, the latest such day on
    or before publication; for what is planned or announced (`future`), the first one on or after
    it ("will arrive on Jan. 5" in a December report is next January). Cached: dateparser costs
    milliseconds per call and reports repeat their expressions."""
    text = _LEADING.sub("", expression.strip()).strip(" ,.")
    if not text:
        return None
    special = _special_forms(text, published, expression, future=future)
    if special is not None:
        return special
    weekday = _WEEKDAY.search(text)
    words = set(re.findall(r"[a-z]+", text.lower()))
    if weekday and published is not None and words - _DAY_PARTS <= {weekday.group(2).lower()}:
        if future and not weekday.group(1):
            return ResolvedDate(_next_weekday(published, weekday.group(2).lower()), None, "day", expression)
        day = _previous_weekday(published, weekday.group(2).lower())
        if weekday.group(1) and weekday.group(1).lower() in {"last", "past"} and day == published:
            day -= timedelta(days=7)  # "last Monday" in a Monday report is a week back
        return ResolvedDate(day, None, "day", expression)
    if future and published is not None:
        ahead = _parse(text, published, prefer="future")
        if ahead is not None and ahead[0] >= published:
            return ResolvedDate(ahead[0], _period_end(*ahead), ahead[1], expression)
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


def _special_forms(text: str, published: date | None, expression: str, *, future: bool = False) -> ResolvedDate | None:
    """News forms dateparser gets wrong: "mid-December", "early January", "earlier this month",
    "last week" (precision says how vague they are)."""
    if published is None:
        return None
    match = _PART_OF_MONTH.match(text.strip())
    if match:
        part = _part_name(match.group(1))
        month = _MONTHS.index(match.group(2).lower()) + 1
        year = int(match.group(3)) if match.group(3) else _year_of_month(month, published, future=future)
        # Parts of a month: early 1-10, late (the end of) 21 to the last day.
        month_end = _period_end(date(year, month, 1), "month")
        assert month_end is not None
        # "mid-December" keeps the 15th as its day (a week from it), as the project's gold sets code it.
        first, last = {"early": (1, 10), "the start of": (1, 10), "the beginning of": (1, 10),
                       "mid": (15, 21), "the middle of": (15, 21),
                       "late": (21, month_end.day), "the end of": (21, month_end.day)}.get(part, (1, month_end.day))
        start = date(year, month, first)
        if start > published and not future:
            return None
        return ResolvedDate(start, date(year, month, last), "month" if (first, last) == (1, month_end.day) else "week",
                            expression)
    if _RECENT.match(text.strip()):
        return ResolvedDate(published - timedelta(days=7), published, "week", expression)
    if _RECENT_WEEKS.match(text.strip()):
        return ResolvedDate(published - timedelta(days=28), published, "month", expression)
    if _LAST_NIGHT.match(text.strip()):
        return ResolvedDate(published - timedelta(days=1), published, "week", expression)
    if _WEEKEND.match(text.strip()):
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return ResolvedDate(saturday, saturday + timedelta(days=1), "week", expression)
    year_end = _YEAR_PART.match(text.strip())
    if year_end:
        named = year_end.group(2).lower()
        year = published.year - 1 if named == "last year" else published.year if named == "this year" else int(named)
        part = _part_name(year_end.group(1))
        start, end = (date(year, 10, 1), date(year, 12, 31)) if part in {"late", "the end of"} else (date(year, 1, 1), date(year, 3, 31))
        return ResolvedDate(start, end, "month", expression) if start <= published or future else None
    if _THIS_MONTH.match(text.strip()):
        start = published.replace(day=1)
        if "last" in text.lower():
            start = (start - timedelta(days=1)).replace(day=1)
        return ResolvedDate(start, _period_end(start, "month"), "month", expression)
    if _WEEK.match(text.strip()):
        monday = published - timedelta(days=published.weekday())
        if "last" in text.lower() or "past" in text.lower():
            monday -= timedelta(days=7)
        return ResolvedDate(monday, monday + timedelta(days=6), "week", expression)
    return None


def _part_name(part: str | None) -> str:
    """'end of' and 'the end of' are one part (the leading "the" may have been stripped)."""
    part = (part or "").lower()
    return part if part in {"", "early", "mid", "late"} or part.startswith("the ") else f"the {part}"


def relative_to_previous(sentence: str, previous: ResolvedDate | None) -> ResolvedDate | None:
    """'a day earlier', 'the same day', 'hours later': dated from the event told just before."""
    if previous is None or previous.precision != "day":
        return None
    if SAME_DAY.search(sentence):
        return ResolvedDate(previous.start, None, "day", "same day")
    if DAY_BEFORE.search(sentence):
        return ResolvedDate(previous.start - timedelta(days=1), None, "day", "a day earlier")
    if DAY_AFTER.search(sentence):
        return ResolvedDate(previous.start + timedelta(days=1), None, "day", "a day later")
    return None


def _year_of_month(month: int, published: date, *, future: bool) -> int:
    """The year of a month named without one: the latest such month up to publication, or for
    what is planned the first one from publication on."""
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _parse(text: str, base: date, prefer: str = "past") -> tuple[date, str] | None:
    data = _parser(base, prefer).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    precision = _PRECISIONS.get(data.period or "day", "day")
    start = data.date_obj.date()
    if precision == "month":
        start = start.replace(day=1)
    elif precision == "year":
        start = start.replace(month=1, day=1)
    return start, precision


def _next_weekday(published: date, name: str) -> date:
    """'on Monday' in a plan: the first such weekday on or after publication."""
    delta = (_WEEKDAYS.index(name) - published.weekday()) % 7
    return published + timedelta(days=delta)


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
