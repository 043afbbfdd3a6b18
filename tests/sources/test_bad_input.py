"""Bad input through read_path / read_inputs: every problem becomes a one-line Skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitrep.records import Report, Skipped
from sitrep.sources import ReportDefaults, iter_input_files, read_inputs

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
SENTENCE = "Residents said the convoy left the depot before dawn on Monday."


def only(items):
    assert len(items) == 1, items
    return items[0]


def run(paths, max_bytes=1_000_000):
    return list(read_inputs(paths, defaults=ReportDefaults(), max_bytes=max_bytes))


@pytest.mark.parametrize("name", ["e.txt", "e.md", "e.html", "e.xml", "e.jsonl"])
def test_empty_file_is_skipped(write, read, name):
    item = only(read(write(name, b"")))
    assert isinstance(item, Skipped)
    assert "empty" in item.reason


def test_whitespace_only_text_is_skipped(write, read):
    item = only(read(write("blank.txt", "  \n\n\t \n")))
    assert isinstance(item, Skipped)
    assert item.reason == "no report text"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("image.txt", PNG_HEADER + b"\x00" * 64),
        ("nul.md", b"Some words\x00\x00\x00and more words"),
        ("controls.html", bytes(range(1, 9)) * 50 + b"<p>hi</p>"),
        ("archive.jsonl", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00\x01\x02" * 30),
    ],
)
def test_binary_content_is_skipped(write, read, name, data):
    item = only(read(write(name, data)))
    assert isinstance(item, Skipped)
    assert "binary" in item.reason


def test_file_over_the_limit_is_skipped_mentioning_the_limit(write, read):
    item = only(read(write("long.txt", "word " * 300_000), max_bytes=1_000_000))
    assert isinstance(item, Skipped)
    assert "too large" in item.reason
    assert "limit 1.0 MB" in item.reason


def test_file_exactly_at_the_limit_is_read(write, read):
    path = write("fits.txt", SENTENCE)
    assert isinstance(only(read(path, max_bytes=len(SENTENCE))), Report)


def test_file_one_byte_over_the_limit_is_skipped(write, read):
    path = write("over.txt", SENTENCE)
    assert isinstance(only(read(path, max_bytes=len(SENTENCE) - 1)), Skipped)


def test_small_limit_is_reported_legibly(write, read):
    item = only(read(write("small.txt", "x" * 3000), max_bytes=2048))
    assert "0.0 MB" not in item.reason


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops were seen near Qamishlî on Monday, residents of the town said.",
        "The café owner said the trucks drove past before sunrise.",
        "Ein Konvoi fuhr am Morgen durch die Straße nördlich der Stadt.",
    ],
)
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_single_byte_encoding_is_decoded(write, read, text, encoding):
    assert only(read(write("old.txt", text + "\n", encoding=encoding))).text == text


def test_windows_1252_quotes_and_dashes_are_decoded(write, read):
    text = "The mayor said \u201cthe café is closed\u201d \u2013 nobody argued."
    assert only(read(write("quotes.txt", text, encoding="cp1252"))).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Le convoi a quitté la base aérienne de Tabqa à l'aube, selon des témoins.",
        "café closed",
        "Réunion à Paris",
    ],
)
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_accented_single_byte_text_is_decoded(write, read, text, encoding):
    assert only(read(write("old.txt", text + "\n", encoding=encoding))).text == text


def test_utf8_bom_is_dropped_and_front_matter_still_found(write, read):
    data = b"\xef\xbb\xbf" + f"---\noutlet: Bom Times\n---\n{SENTENCE}\n".encode()
    report = only(read(write("bom.md", data)))
    assert report.outlet == "Bom Times"
    assert report.text == SENTENCE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(write, read, encoding):
    text = "Convoy seen near Qamishlî."
    data = ("\ufeff" if encoding != "utf-16" else "") + text
    assert only(read(write("wide.txt", data, encoding=encoding))).text == text


@pytest.mark.parametrize("name", ["scan.pdf", "photo.png", "memo.docx", "Makefile", "a.txt.bak"])
def test_unsupported_extension_is_skipped(write, read, name):
    item = only(read(write(name, SENTENCE)))
    assert isinstance(item, Skipped)
    assert item.reason.startswith("unsupported file type")


def test_extension_match_ignores_case(write, read):
    assert isinstance(only(read(write("SHOUT.TXT", SENTENCE))), Report)


def test_missing_path_in_read_inputs_is_skipped(tmp_path):
    item = only(run([tmp_path / "nowhere" / "gone.txt"]))
    assert isinstance(item, Skipped)
    assert "no such file" in item.reason.lower()


def test_missing_path_in_read_path_is_skipped(tmp_path, read):
    item = only(read(tmp_path / "gone.txt"))
    assert isinstance(item, Skipped)
    assert "no such file" in item.reason.lower()


def test_special_file_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    item = only(list(iter_input_files([fifo])))
    assert item == Skipped(str(fifo), "not a regular file")


def test_directory_with_a_text_suffix_given_to_read_path(tmp_path, read):
    folder = tmp_path / "looks_like.txt"
    folder.mkdir()
    item = only(read(folder))
    assert isinstance(item, Skipped)
    assert item.reason.startswith("unreadable")


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: permissions are not enforced, a chmod 000 file is still readable",
)
def test_unreadable_file_is_skipped(write, read):
    path = write("locked.txt", SENTENCE)
    path.chmod(0)
    try:
        item = only(read(path))
    finally:
        path.chmod(0o644)
    assert isinstance(item, Skipped)
    assert item.reason.startswith("unreadable")


# --- folders -------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path, write) -> Path:
    for name in ["b.txt", "a/z.txt", "a/c.md", "a/sub/d.txt", "e.jsonl"]:
        content = '{"text": "Line."}\n' if name.endswith(".jsonl") else f"Report {name}.\n"
        write(f"in/{name}", content)
    for hidden in [".git/HEAD.txt", ".hidden.txt", "a/.cache/x.txt", "a/sub/.draft.md"]:
        write(f"in/{hidden}", "Hidden text.\n")
    return tmp_path / "in"


def test_folder_files_come_in_sorted_order(tree):
    assert [p.relative_to(tree).as_posix() for p in iter_input_files([tree])] == [
        "a/c.md",
        "a/sub/d.txt",
        "a/z.txt",
        "b.txt",
        "e.jsonl",
    ]


def test_read_inputs_follows_the_same_order(tree):
    origins = [Path(r.origin.split("#")[0]).relative_to(tree).as_posix() for r in run([tree])]
    assert origins == ["a/c.md", "a/sub/d.txt", "a/z.txt", "b.txt", "e.jsonl"]


def test_hidden_files_and_folders_are_ignored(tree):
    assert not any("Hidden" in r.text for r in run([tree]))


def test_folder_inside_a_hidden_parent_is_still_read(write, tmp_path):
    path = write(".cache/reports/one.txt", SENTENCE)
    assert [p for p in iter_input_files([tmp_path / ".cache" / "reports"])] == [path]


def test_paths_are_read_in_the_given_order(write):
    second, first = write("z.txt", "Zed report."), write("a.txt", "Ay report.")
    assert [r.text for r in run([second, first])] == ["Zed report.", "Ay report."]


def test_bad_files_do_not_stop_the_run(tree, write):
    write("in/a/broken.png", PNG_HEADER)
    write("in/a/empty.txt", b"")
    items = run([tree])
    assert sum(isinstance(i, Skipped) for i in items) == 2
    assert sum(isinstance(i, Report) for i in items) == 5


# --- every reason is one short line ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("image.txt", PNG_HEADER),
        ("big.txt", b"x" * 5000),
        ("scan.pdf", b"%PDF-1.7\n"),
        ("hollow.md", b"---\ntitle: t\n---\n"),
        ("page.html", b"<html><body></body></html>"),
        ("junk.html", b"<<<>>> <html <body>> &&&; <p <p> <!-- <"),
        ("conf.xml", b"<config><a>1</a></config>"),
        ("notxml.xml", b"just words\nover two lines"),
        ("items.jsonl", b'{"text": "broken\n[1, 2]\n{"title": "x"}\n'),
        ("missing.txt", None),
    ],
)
def test_every_skipped_reason_is_one_short_line(tmp_path, write, name, data):
    path = tmp_path / name if data is None else write(name, data)
    skipped = [i for i in run([path], max_bytes=1000) if isinstance(i, Skipped)]
    assert skipped
    for item in skipped:
        assert item.reason.strip()
        assert "\n" not in item.reason and "\r" not in item.reason
        assert len(item.reason) <= 120
