"""Plain text and Markdown reports with an optional `---` front-matter header."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.records import Report, Skipped
from sitrep.sources import ReportDefaults, read_inputs
from sitrep.sources.text import read_text

BODY = (
    "Two supply barges left the river port at Raqqa on Sunday evening.\n"
    "Boatmen said the barges were loaded with generators and tents."
)

HEADED = f"""---
title: Barges leave Raqqa river port
outlet: Euphrates Ledger
url: https://ledger.example/2025/02/02/barges
published: 2025-02-02
language: en
---

{BODY}
"""


def only(items):
    assert len(items) == 1, items
    return items[0]


@pytest.fixture
def headed(write, read) -> Report:
    return only(read(write("barges.md", HEADED)))


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", "Barges leave Raqqa river port"),
        ("outlet", "Euphrates Ledger"),
        ("url", "https://ledger.example/2025/02/02/barges"),
        ("published", date(2025, 2, 2)),
        ("language", "en"),
    ],
)
def test_front_matter_field_is_kept(headed, field, expected):
    assert getattr(headed, field) == expected


def test_body_starts_right_after_the_header(headed):
    # Offsets later stages compute are relative to the body, so the text must be the body alone.
    assert headed.text == BODY
    assert headed.text.index("Two supply barges") == 0


def test_header_lines_do_not_leak_into_the_text(headed):
    assert "---" not in headed.text
    assert "outlet:" not in headed.text


def test_origin_is_the_file_path(write, read):
    path = write("barges.txt", HEADED)
    assert only(read(path)).origin == str(path)


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ("date: 2025-03-04", "published", date(2025, 3, 4)),
        ("lang: fr", "language", "fr"),
        ("Title: Upper-case key", "title", "Upper-case key"),
        ('title: "Quoted headline"', "title", "Quoted headline"),
        ("published: 2025-03-04T22:15:00+02:00", "published", date(2025, 3, 4)),
    ],
)
def test_front_matter_key_variants(line, field, expected):
    report = only(list(read_text(f"---\n{line}\n---\n{BODY}\n", origin="mem")))
    assert getattr(report, field) == expected


def test_unknown_front_matter_key_is_ignored():
    report = only(list(read_text(f"---\nauthor: Somebody\n---\n{BODY}\n", origin="mem")))
    assert "Somebody" not in report.text
    assert (report.title, report.outlet) == (None, None)


def test_unparseable_published_gives_no_date():
    text = f"---\npublished: sometime soon-ish\n---\n{BODY}\n"
    report = only(list(read_text(text, origin="mem")))
    assert report.published is None


def test_windows_line_endings_in_header_are_understood(write, read):
    report = only(read(write("crlf.txt", HEADED.replace("\n", "\r\n"))))
    assert report.outlet == "Euphrates Ledger"
    assert "\r" not in report.text


def test_file_without_front_matter_is_all_body(write, read):
    report = only(read(write("plain.txt", BODY + "\n")))
    assert report.text == BODY
    assert (report.title, report.outlet, report.url, report.published, report.language) == (
        None,
        None,
        None,
        None,
        "en",  # undeclared: identified from the text (issue 17)
    )


def test_markdown_heading_becomes_title_without_front_matter(write, read):
    report = only(read(write("heading.md", f"# Barges on the Euphrates\n\n{BODY}\n")))
    assert report.title == "Barges on the Euphrates"


def test_unclosed_header_is_treated_as_text(write, read):
    report = only(read(write("open.txt", f"---\noutlet: Nowhere Daily\n{BODY}\n")))
    assert report.outlet is None
    assert "outlet: Nowhere Daily" in report.text


def test_header_without_body_is_skipped(write, read):
    item = only(read(write("hollow.md", "---\ntitle: Nothing below\n---\n\n   \n")))
    assert isinstance(item, Skipped)
    assert item.reason == "no report text"


# --- ReportDefaults: flags given for a run win over file metadata ---------------------------


@pytest.mark.parametrize(
    ("defaults", "field", "expected"),
    [
        (ReportDefaults(published=date(2030, 1, 1)), "published", date(2030, 1, 1)),
        (ReportDefaults(outlet="Run Outlet"), "outlet", "Run Outlet"),
    ],
)
def test_defaults_override_file_metadata(write, read, defaults, field, expected):
    assert getattr(only(read(write("barges.md", HEADED), defaults=defaults)), field) == expected


@pytest.mark.parametrize(
    ("defaults", "field", "expected"),
    [
        (ReportDefaults(outlet="Run Outlet"), "published", date(2025, 2, 2)),
        (ReportDefaults(published=date(2030, 1, 1)), "outlet", "Euphrates Ledger"),
    ],
)
def test_unset_default_keeps_file_metadata(write, read, defaults, field, expected):
    assert getattr(only(read(write("barges.md", HEADED), defaults=defaults)), field) == expected


def test_defaults_apply_to_every_report_of_a_run(tmp_path, write):
    write("in/a.md", HEADED)
    write("in/b.txt", "---\noutlet: Other Paper\npublished: 2024-05-05\n---\nA ferry docked.\n")
    write("in/c.jsonl", '{"text": "A train left.", "outlet": "Rail"}\n{"text": "A bus left."}\n')
    defaults = ReportDefaults(published=date(2030, 1, 1), outlet="Run Outlet")
    reports = list(read_inputs([tmp_path / "in"], defaults=defaults, max_bytes=10_000))
    assert len(reports) == 4
    assert {(r.outlet, r.published) for r in reports} == {("Run Outlet", date(2030, 1, 1))}


# --- content id ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrapped",
    [
        BODY.replace("\n", " "),
        BODY.replace(" ", "\n"),
        BODY.replace("\n", "\n\n").replace(" the ", "  the\n "),
        "   " + BODY.replace("\n", "\r\n") + "\n\n",
    ],
)
def test_rewrapped_text_has_same_id(wrapped):
    original = only(list(read_text(BODY, origin="one")))
    rewrapped = only(list(read_text(wrapped, origin="two")))
    assert rewrapped.id == original.id


@pytest.mark.parametrize(
    "changed",
    [
        BODY.replace("Sunday", "Monday"),
        BODY.replace("tents.", "tents"),
        BODY + "\nA third sentence.",
    ],
)
def test_different_text_has_different_id(changed):
    original = only(list(read_text(BODY, origin="one")))
    assert only(list(read_text(changed, origin="two"))).id != original.id


def test_id_ignores_front_matter(write, read):
    with_header = only(read(write("a.md", HEADED)))
    without = only(read(write("b.txt", BODY)))
    assert with_header.id == without.id


@pytest.mark.parametrize(("body", "declared", "language"), [
    ("Les soldats russes ont quitté la base aérienne mardi matin, selon des témoins sur place.", None, "fr"),
    ("Российские военные покинули авиабазу во вторник утром, сообщили местные жители.", None, "ru"),
    ("Les soldats russes ont quitté la base aérienne mardi matin, selon des témoins sur place.", "de", "de"),
    ("Short.", None, None),
])
def test_language_is_identified_unless_declared(write, read, body, declared, language):
    front = f"---\nlanguage: {declared}\n---\n" if declared else ""
    assert only(read(write("report.txt", front + body + "\n"))).language == language
