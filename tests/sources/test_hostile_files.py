"""Hostile and careless inputs at the readers: every one gives a one-line Skipped naming the
file (and row or line), the rest of the file is still read, and memory stays bounded."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path

from sitrep.records import InputKind, Report, Skipped, StateVector
from sitrep.sources import ReportDefaults, iter_input_files, iter_inputs, read_path
from sitrep.sources.flightlists import read_flight_list
from sitrep.sources.flights import read_state_vectors
from sitrep.sources.imagery import read_observations
from sitrep.sources.kinds import input_kind

SENTENCE = "Residents said the convoy left the depot before dawn on Monday."
STATES_HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,baroaltitude,geoaltitude\n"
ROW = "1734000000,{icao},35.4,35.9,120.0,90.0,0.0,RFF1234,false,1000.0,1000.0\n"


def reports(items):
    return [i for i in items if isinstance(i, Report)]


def skips(items):
    return [i for i in items if isinstance(i, Skipped)]


# --- JSON Lines: one huge line costs only that line -------------------------------------------


def test_jsonl_line_over_the_limit_is_skipped_and_the_other_lines_kept(tmp_path):
    path = tmp_path / "wire.jsonl"
    lines = [json.dumps({"text": "First report. " + SENTENCE}),
             json.dumps({"text": "x" * 50_000}),
             json.dumps({"text": "Third report. " + SENTENCE})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_path(path, defaults=ReportDefaults(), max_bytes=10_000))
    assert [r.text.split(".")[0] for r in reports(items)] == ["First report", "Third report"]
    [skip] = skips(items)
    assert skip.origin == f"{path}#line-2"
    assert "too large" in skip.reason and "10.0 kB" in skip.reason


def test_jsonl_line_nested_too_deeply_is_one_bad_line(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "\n" + json.dumps({"text": SENTENCE}) + "\n", encoding="utf-8")
    items = list(read_path(path, defaults=ReportDefaults(), max_bytes=1_000_000))
    assert [r.text for r in reports(items)] == [SENTENCE]
    assert skips(items)[0].origin.endswith("#line-1")


# --- flight files -------------------------------------------------------------------------------


def test_csv_field_over_128_kb_is_one_bad_row_and_later_rows_are_read(tmp_path):
    path = tmp_path / "states.csv"
    path.write_text(STATES_HEADER + ROW.format(icao="4b1801")
                    + ROW.format(icao="4b1802").replace("RFF1234", "R" * 140_000)
                    + ROW.format(icao="4b1803").replace("1734000000", "1734000010"), encoding="utf-8")
    items = list(read_state_vectors(path))
    assert [v.icao24 for v in items if isinstance(v, StateVector)] == ["4b1801", "4b1803"]
    [skip] = skips(items)
    assert skip.origin.startswith(str(path)) and "field larger than field limit" in skip.reason


def test_gzip_bomb_is_refused_by_its_ratio_after_a_bounded_read(tmp_path):
    path = tmp_path / "states.csv.gz"
    # 30 MB of one repeated row compress to some 30 kB: inflating it is a bomb at 100x.
    with gzip.open(path, "wb") as f:
        f.write(STATES_HEADER.encode())
        f.write(b"9" * 30_000_000)
    assert path.stat().st_size < 100_000
    tracemalloc.start()
    try:
        items = list(read_state_vectors(path, max_bytes=1_000_000_000, max_ratio=100))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [skip] = skips(items)
    assert skip.origin == str(path) and "decompression bomb" in skip.reason
    assert peak < 20_000_000  # the 30 MB never sat in memory


def test_flight_file_honours_max_bytes_keeping_rows_before_the_cut(tmp_path):
    path = tmp_path / "states.csv"
    rows = [ROW.format(icao=f"4b{n:04x}").replace("1734000000", str(1734000000 + n)) for n in range(2000)]
    path.write_text(STATES_HEADER + "".join(rows), encoding="utf-8")
    items = list(read_state_vectors(path, max_bytes=50_000))
    vectors = [v for v in items if isinstance(v, StateVector)]
    assert 0 < len(vectors) < 2000
    assert any("too large" in s.reason and "50.0 kB" in s.reason for s in skips(items))


def test_flight_list_json_nested_too_deeply_is_skipped(tmp_path):
    path = tmp_path / "flights.json"
    path.write_text("[" * 200_000, encoding="utf-8")
    [skip] = list(read_flight_list(path))
    assert skip.origin == str(path) and "nested too deeply" in skip.reason


# --- imagery: a large FeatureCollection is not parsed to decide what it is ----------------------


def test_large_feature_collection_is_routed_without_parsing_it_whole(tmp_path):
    path = tmp_path / "big.json"
    padding = "p" * 3_000_000
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [], "padding": padding}),
                    encoding="utf-8")
    tracemalloc.start()
    try:
        kind = input_kind(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert kind == InputKind.IMAGERY
    assert peak < 1_000_000
    [skip] = list(read_observations(path, sites={}, max_bytes=1_000_000))
    assert "too large" in skip.reason


# --- folders: symbolic links ----------------------------------------------------------------------


def _tree_with_links(tmp_path: Path) -> tuple[Path, Path]:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "passwd.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    (folder / "linked_dir").symlink_to(outside)
    (folder / "loop").symlink_to(folder)
    return folder, secret


def test_links_met_while_walking_are_skipped_with_a_reason(tmp_path):
    folder, _ = _tree_with_links(tmp_path)
    items = list(iter_input_files([folder]))
    assert items[0] == folder / "a.txt"
    skipped = {Path(s.origin).name: s.reason for s in skips(items)}
    assert set(skipped) == {"link.txt", "linked_dir", "loop"}
    assert all("symbolic link" in reason and "--follow-symlinks" in reason for reason in skipped.values())
    assert not any(isinstance(i, Path) and i.name == "passwd.txt" for i in items)


def test_follow_symlinks_reads_links_once_and_ends_on_a_loop(tmp_path):
    folder, _ = _tree_with_links(tmp_path)
    files = [i for i in iter_inputs([folder], follow_symlinks=True) if not isinstance(i, Skipped)]
    names = sorted(f.path.relative_to(folder).as_posix() for f in files)
    assert names == ["a.txt", "link.txt", "linked_dir/passwd.txt"]


def test_a_link_named_on_the_command_line_is_read(tmp_path):
    folder, _ = _tree_with_links(tmp_path)
    assert list(iter_input_files([folder / "link.txt"])) == [folder / "link.txt"]


# --- encodings ------------------------------------------------------------------------------------


def test_utf16_without_a_byte_order_mark_is_text_not_binary(tmp_path):
    for order in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{order}.txt"
        path.write_bytes(SENTENCE.encode(order))
        [item] = list(read_path(path, defaults=ReportDefaults(), max_bytes=1_000_000))
        assert isinstance(item, Report), item
        assert item.text == SENTENCE
