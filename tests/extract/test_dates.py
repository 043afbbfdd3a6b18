"""Time expressions against a publication date (Monday 2024-12-23)."""

from datetime import date

import pytest

from sitrep.extract.dates import resolve_date

PUBLISHED = date(2024, 12, 23)


@pytest.mark.parametrize("expression, start, precision", [
    ("last Tuesday", date(2024, 12, 17), "day"),
    ("on Friday", date(2024, 12, 20), "day"),
    ("two weeks ago", date(2024, 12, 9), "week"),
    ("December 14", date(2024, 12, 14), "day"),
    ("on December 14, 2024", date(2024, 12, 14), "day"),
    ("in 2019", date(2019, 1, 1), "year"),
    ("yesterday", date(2024, 12, 22), "day"),
    ("late on Friday", date(2024, 12, 20), "day"),
    ("Sunday night", date(2024, 12, 22), "day"),
    ("mid-December", date(2024, 12, 15), "week"),
    ("in early December", date(2024, 12, 1), "week"),  # 1-10 December (ANNOTATION.md windows)
    ("earlier this month", date(2024, 12, 1), "month"),
    ("last week", date(2024, 12, 16), "week"),
    ("in late November", date(2024, 11, 21), "week"),  # 21-30 November
    ("mid-January", date(2024, 1, 15), "week"),
])
def test_resolves_against_publication_date(expression, start, precision):
    resolved = resolve_date(expression, published=PUBLISHED)
    assert resolved is not None
    assert (resolved.start, resolved.precision) == (start, precision)


def test_relative_date_without_publication_date_is_unknown():
    assert resolve_date("last Tuesday", published=None) is None


def test_absolute_date_without_publication_date_is_kept():
    resolved = resolve_date("December 14, 2024", published=None)
    assert resolved is not None and resolved.start == date(2024, 12, 14)


def test_future_reading_of_past_report_is_dropped():
    assert resolve_date("December 30", published=date(2024, 12, 23)) is None or \
        resolve_date("December 30", published=date(2024, 12, 23)).start <= date(2024, 12, 23)


def test_sentence_without_time_expression_has_no_date(extract):
    events = extract("Russian forces withdrew from Qamishli airport.", published=date(2024, 12, 23))
    assert events and events[0].date is None and events[0].date_precision is None


def test_day_earlier_takes_the_previous_events_date(extract):
    events = extract("Russian troops left Kobani on Friday. A smaller group had left Manbij a day earlier.",
                     published=date(2024, 12, 23))
    by_place = {e.place.resolved_place: e.date for e in events if e.place}
    assert by_place["Kobani"] == date(2024, 12, 20)
    assert by_place["Manbij"] == date(2024, 12, 19)


def test_dateline_date_is_not_the_event_date(extract):
    events = extract("BEIRUT, Dec 23 — Russian troops left Kobani on Friday.", published=date(2024, 12, 23))
    assert events and events[0].date == date(2024, 12, 20)
