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
