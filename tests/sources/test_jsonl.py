"""JSON Lines: one report per line, bad lines skipped with their line number."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sitrep.records import Report, Skipped
from sitrep.sources.jsonl import read_jsonl

GOOD = [
    {
        "url": "https://quay-notes.example/1",
        "title": "Tug leaves the quay",
        "outlet": "Quay Notes",
        "published": "2025-01-10",
        "language": "en",
        "text": "A tug left the quay at noon.",
    },
    {"text": "Two cranes stood idle all day.", "outlet": "Quay Notes"},
    {"text": "  The night shift was cancelled.  ", "published": "2025-01-12T23:50:00+03:00"},
]


def lines(*items) -> str:
    rows = (i if isinstance(i, str) else json.dumps(i, ensure_ascii=False) for i in items)
    return "".join(row + "\n" for row in rows)


def test_one_report_per_line():
    items = list(read_jsonl(lines(*GOOD), origin="wire.jsonl"))
    assert [type(i) for i in items] == [Report, Report, Report]


def test_line_origins_are_numbered():
    items = list(read_jsonl(lines(*GOOD), origin="wire.jsonl"))
    assert [i.origin for i in items] == [f"wire.jsonl#line-{n}" for n in (1, 2, 3)]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("url", "https://quay-notes.example/1"),
        ("title", "Tug leaves the quay"),
        ("outlet", "Quay Notes"),
        ("published", date(2025, 1, 10)),
        ("language", "en"),
        ("text", "A tug left the quay at noon."),
    ],
)
def test_line_fields_are_kept(field, expected):
    report = next(read_jsonl(lines(GOOD[0]), origin="w"))
    assert getattr(report, field) == expected


def test_text_is_stripped_and_datetime_published_becomes_a_date():
    report = next(read_jsonl(lines(GOOD[2]), origin="w"))
    assert report.text == "The night shift was cancelled."
    assert report.published == date(2025, 1, 12)


def test_missing_fields_are_none():
    report = next(read_jsonl(lines({"text": "Only text here."}), origin="w"))
    assert (report.title, report.outlet, report.url, report.published, report.language) == (
        None,
        None,
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("bad_line", "reason_start"),
    [
        ('{"text": "unterminated', "invalid JSON"),
        ("{'text': 'single quotes'}", "invalid JSON"),
        ('["a", "list"]', "line is not a JSON object"),
        ('"just a string"', "line is not a JSON object"),
        ("42", "line is not a JSON object"),
        ("null", "line is not a JSON object"),
        ('{"title": "no text field"}', "missing or empty 'text' field"),
        ('{"text": "   "}', "missing or empty 'text' field"),
        ('{"text": 17}', "missing or empty 'text' field"),
        ('{"text": null}', "missing or empty 'text' field"),
    ],
)
def test_bad_line_is_skipped_and_neighbours_still_read(bad_line, reason_start):
    items = list(read_jsonl(lines(GOOD[0], bad_line, GOOD[1]), origin="mixed.jsonl"))
    assert [type(i) for i in items] == [Report, Skipped, Report]
    assert items[1].origin == "mixed.jsonl#line-2"
    assert items[1].reason.startswith(reason_start)
    assert "\n" not in items[1].reason


def test_blank_lines_are_ignored_but_still_counted():
    text = lines(GOOD[0]) + "\n   \n" + lines(GOOD[1])
    items = list(read_jsonl(text, origin="gaps.jsonl"))
    assert [i.origin for i in items] == ["gaps.jsonl#line-1", "gaps.jsonl#line-4"]


def test_windows_line_endings():
    items = list(read_jsonl(lines(*GOOD).replace("\n", "\r\n"), origin="crlf.jsonl"))
    assert [i.text for i in items] == [
        "A tug left the quay at noon.",
        "Two cranes stood idle all day.",
        "The night shift was cancelled.",
    ]


def test_unparseable_published_gives_no_date():
    report = next(read_jsonl(lines({"text": "Cranes idle.", "published": "whenever"}), origin="w"))
    assert report.published is None


def test_non_ascii_text_survives():
    text = "Convoy seen near Qamishlî and the café."
    assert next(read_jsonl(lines({"text": text}), origin="w")).text == text


@pytest.mark.parametrize("name", ["wire.jsonl", "wire.ndjson"])
def test_jsonl_extensions_are_read_from_disk(write, read, name):
    path = write(name, lines(GOOD[0], "not json", GOOD[1]))
    items = read(path)
    assert [(type(i), i.origin) for i in items] == [
        (Report, f"{path}#line-1"),
        (Skipped, f"{path}#line-2"),
        (Report, f"{path}#line-3"),
    ]


def test_bundled_sample_jsonl(samples, read):
    items = read(samples / "wire_items.jsonl")
    assert len(items) == 3
    assert all(isinstance(i, Report) for i in items)
    assert items[0].outlet == "Meridian Wire"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separator_inside_a_string_stays_one_line(separator):
    text = lines({"text": f"First part.{separator}Second part."}, GOOD[1])
    items = list(read_jsonl(text, origin="sep.jsonl"))
    assert [(type(i), i.origin) for i in items] == [
        (Report, "sep.jsonl#line-1"),
        (Report, "sep.jsonl#line-2"),
    ]
