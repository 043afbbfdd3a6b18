"""`sitrep geoparse` and `sitrep bench geo` through the real CLI."""

import json

import pytest

REPORT = (
    "Convoy leaves Tal Tamr\n\n"
    "A line of armoured vehicles left the village of Tal Tamr on Tuesday and drove east towards Hasakah, "
    "people living along the road said.\n"
    "Later the same day two transport aircraft took off from Qamishli airport.\n"
    "Près de Kobanî, aucun mouvement n’a été signalé.\n"
)


@pytest.fixture()
def report_dir(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "convoy.txt").write_text(REPORT, encoding="utf-8")
    (folder / "notes.md").write_text("Nothing moved near Manbij today.\n", encoding="utf-8")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return folder


def test_jsonl_offsets_index_the_file_text(invoke, jsonl_lines, report_dir):
    result = invoke("geoparse", "--format", "jsonl", report_dir)
    assert result.exit_code == 0, result.stderr
    records = jsonl_lines(result.stdout)
    assert {r["text"] for r in records} >= {"Tal Tamr", "Hasakah", "Qamishli airport", "Kobanî", "Manbij"}
    for rec in records:
        text = (report_dir / rec["file"].rsplit("/", 1)[-1]).read_text(encoding="utf-8")
        assert text[rec["start"]:rec["end"]] == rec["text"]


def test_records_carry_every_field(invoke, jsonl_lines, report_dir):
    records = jsonl_lines(invoke("geoparse", "--format", "jsonl", report_dir / "convoy.txt").stdout)
    airport = next(r for r in records if r["text"] == "Qamishli airport")
    assert set(airport) >= {"file", "text", "start", "end", "resolved_place", "lat", "lon", "country_code",
                            "feature_code", "resolution", "site", "role", "kind"}
    assert airport["site"] == "qamishli-airport" and airport["resolution"] == "site"
    assert airport["feature_code"] == "AIRP" and airport["country_code"] == "SYR"
    assert airport["kind"] == "site" and next(r for r in records if r["text"] == "Hasakah")["kind"] == "settlement"


def test_river_record_says_river(invoke, jsonl_lines, tmp_path):
    (tmp_path / "river.txt").write_text("Troops crossed the Euphrates River east of Raqqa.\n", encoding="utf-8")
    records = jsonl_lines(invoke("geoparse", "--format", "jsonl", tmp_path / "river.txt").stdout)
    river = next(r for r in records if r["text"] == "Euphrates River")
    assert river["kind"] == "river" and river["feature_code"] == "STM" and river["resolution"] == "region"


def test_unreadable_files_are_skipped_on_stderr(invoke, report_dir):
    result = invoke("geoparse", "--format", "jsonl", report_dir)
    assert "picture.png" in result.stderr and "picture.png" not in result.stdout


def test_table_format_lists_the_toponyms(invoke, report_dir):
    result = invoke("geoparse", report_dir / "convoy.txt")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split()[:4] == ["file", "text", "start", "end"]
    assert any("Hasakah" in row for row in rows)


def test_no_readable_file_fails(invoke, tmp_path):
    result = invoke("geoparse", tmp_path / "missing.txt")
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_bench_geo_prints_figures(invoke):
    result = invoke("bench", "geo", "--reports", "5")
    assert result.exit_code == 0, result.stderr
    assert "gazetteer load" in result.stdout and "toponyms/s" in result.stdout
    # The start-up line comes from two fresh processes, sitrep's and a plain spaCy load.
    assert "start-up to the first toponym" in result.stdout and "plain spaCy load" in result.stdout


def test_eval_geo_prints_json(invoke, tmp_path):
    corpus = tmp_path / "GeoVirus.xml"
    corpus.write_text(
        "<articles><article><source>s</source><text>Flooding closed roads across Bangladesh.</text>"
        "<locations><location><name>Bangladesh</name><start>29</start><end>39</end><lat>24</lat><lon>90</lon>"
        "</location></locations></article></articles>", encoding="utf-8")
    result = invoke("eval", "geo", "--format", "json", corpus)
    figures = json.loads(result.stdout)
    assert figures["recall"] == 1.0 and figures["accuracy_161"] == 1.0
