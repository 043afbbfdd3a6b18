"""The `sitrep` command line, run in-process with click's CliRunner against real SQLite files."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from sitrep.output import CSV_COLUMNS

QAMISHLI = (37.0522, 41.2314)  # Qamishli town centre
SUMMARY = re.compile(r"ingested (\d+) new report\(s\) with (\d+) event\(s\); (\d+) already stored; (\d+) skipped\.")


def effective_day(rec: dict) -> date:
    """The day a record is filed under: its event date, else its report's publication date."""
    return date.fromisoformat(rec["date"] or rec["cite_info"]["published"])


# 30 written reports (3 in Arabic, Russian and French), 17 imagery observations (each stored as a short report), 5 airlift surges
# found in the sample flight tracks (each with a report listing its flights), 1 naval departure
# surge in the sample AIS (a report listing its ships), 5 dataset rows and footage features that
# tell a movement (each a one-event report)
SAMPLE_DOCUMENTS = 30 + 17 + 5 + 1 + 5


def summary(stderr: str) -> tuple[int, int, int, int]:
    match = SUMMARY.search(stderr)
    assert match, stderr
    return tuple(int(g) for g in match.groups())  # type: ignore[return-value]


# --- ingest -------------------------------------------------------------------------------------


def test_ingest_samples_reports_summary_on_stderr_only(samples_db, db_counts):
    result = samples_db["result"]
    counts = db_counts(samples_db["path"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert summary(result.stderr) == (SAMPLE_DOCUMENTS, counts["events"], 0, 0)
    assert counts["documents"] == SAMPLE_DOCUMENTS and counts["events"] > 0


def test_ingest_same_samples_twice_stores_each_report_once(samples_db, invoke, db_counts, tmp_path):
    copy = tmp_path / "again.db"
    with sqlite3.connect(samples_db["path"]) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    before = db_counts(copy)
    result = invoke("ingest", "--samples", "--db", f"sqlite:///{copy}")
    assert result.exit_code == 0, result.stderr
    assert summary(result.stderr) == (0, 0, SAMPLE_DOCUMENTS, 0)
    assert db_counts(copy) == before


def test_ingest_rewrapped_copy_of_a_report_is_stored_once(invoke, db_counts, tmp_path):
    text = "Russian troops withdrew from Qamishli airport on Monday after talks with local officials."
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(text + "\n")
    (folder / "b.txt").write_text(text.replace(" after ", "\nafter ") + "\n")
    result = invoke("ingest", folder, "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 0, result.stderr
    assert summary(result.stderr)[::2] == (1, 1)  # (new, already stored)
    assert db_counts(tmp_path / "s.db")["documents"] == 1


def _write_bad(folder: Path, kind: str) -> str:
    name = {"empty": "empty.txt", "binary": "blob.txt", "unsupported": "scan.pdf", "missing": "missing.txt"}[kind]
    if kind == "empty":
        (folder / name).write_bytes(b"")
    elif kind == "binary":
        (folder / name).write_bytes(bytes(range(256)) * 8)
    elif kind == "unsupported":
        (folder / name).write_bytes(b"%PDF-1.4 Russian troops left Hmeimim.")
    return name


@pytest.mark.parametrize("kinds", [("empty", "binary"), ("unsupported", "missing")])
def test_ingest_exits_1_when_nothing_could_be_ingested(invoke, db_counts, tmp_path, kinds):
    names = [str(tmp_path / _write_bad(tmp_path, k)) for k in kinds]
    result = invoke("ingest", *names, "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 1
    assert "error: nothing could be ingested" in result.stderr
    assert db_counts(tmp_path / "s.db")["documents"] == 0


BAD_INPUTS = {
    "empty.txt": "empty file",
    "blob.txt": "binary content, not a text report",
    "scan.pdf": "unsupported file type '.pdf'",
    "missing.txt": "no such file or folder",
    "mixed.jsonl#line-2": "invalid JSON",
}


@pytest.fixture(scope="module")
def partly_bad_ingest(invoke, tmp_path_factory):
    """One ingest of a good report among bad ones, with short relative paths."""
    folder = tmp_path_factory.mktemp("partly_bad")
    for kind in ("empty", "binary", "unsupported"):
        _write_bad(folder, kind)
    (folder / "good.md").write_text("Russian forces left Tabqa air base on Sunday, residents said.\n")
    (folder / "mixed.jsonl").write_text(
        json.dumps({"text": "Russian helicopters left Kuweires air base.", "published": "2024-12-12"})
        + "\n{not json\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        result = invoke("ingest", "empty.txt", "blob.txt", "scan.pdf", "missing.txt", "good.md", "mixed.jsonl",
                        "--db", "sqlite:///store.db")
    return result, folder


def test_ingest_exits_0_when_some_inputs_are_bad(partly_bad_ingest, db_counts):
    result, folder = partly_bad_ingest
    assert result.exit_code == 0, result.stderr
    stored, _, already, skipped = summary(result.stderr)
    assert (stored, already, skipped) == (2, 0, len(BAD_INPUTS))
    assert db_counts(folder / "store.db")["documents"] == 2


@pytest.mark.parametrize("origin", sorted(BAD_INPUTS))
def test_ingest_reports_each_bad_input_on_one_line(partly_bad_ingest, origin):
    result, _ = partly_bad_ingest
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(f"skipped {origin}: ")]
    assert len(lines) == 1, result.stderr
    assert BAD_INPUTS[origin] in lines[0]


def test_ingest_skip_line_stays_one_line_for_a_long_path(invoke, tmp_path, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    deep = tmp_path / ("reports_from_the_northern_desk_" * 3) / "december"
    deep.mkdir(parents=True)
    (deep / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text("Russian forces left Tabqa air base on Sunday.\n")
    result = invoke("ingest", deep / "empty.txt", tmp_path / "good.txt", "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 0
    assert f"skipped {deep / 'empty.txt'}: empty file\n" in result.stderr


def test_ingest_published_and_outlet_flags_apply_to_reports_without_metadata(invoke, query_db, tmp_path):
    (tmp_path / "bare.txt").write_text("Russian troops withdrew from Qamishli airport on Monday.\n")
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = invoke("ingest", tmp_path / "bare.txt", "--db", db, "--published", "2024-12-18", "--outlet", "Steppe Desk")
    assert result.exit_code == 0, result.stderr
    records = query_db(db)
    assert records
    assert {(r["cite_info"]["published"], r["cite_info"]["publication"]) for r in records} == {
        ("2024-12-18", "Steppe Desk")}
    assert {r["date"] for r in records} == {"2024-12-16"}


def test_ingest_max_bytes_skips_the_bigger_file(invoke, query_db, tmp_path):
    small = tmp_path / "small.txt"
    big = tmp_path / "big.txt"
    small.write_text("Russian troops withdrew from Qamishli airport.\n")
    big.write_text("Russian troops withdrew from Hmeimim air base. " * 20 + "\n")
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = invoke("ingest", small, big, "--db", db, "--max-bytes", 200)
    assert result.exit_code == 0, result.stderr
    assert f"skipped {big}: too large" in " ".join(result.stderr.split())  # rich may wrap it
    assert {r["cite_info"]["citation"] for r in query_db(db)} == {str(small)}


@pytest.fixture
def query_db(invoke, jsonl_lines):
    def run(db: str, *args):
        result = invoke("events", "--db", db, "--format", "jsonl", *args)
        assert result.exit_code == 0, result.stderr
        return jsonl_lines(result.stdout)

    return run


# --- machine formats ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def all_events(query):
    return query()


@pytest.mark.parametrize("flags, table", [((), "fused_events"), (("--mentions",), "events")])
def test_events_jsonl_lines_validate_against_schema(samples_db, invoke, event_validator, flags, table):
    result = invoke("events", "--db", samples_db["url"], "--format", "jsonl", *flags)
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    conn = sqlite3.connect(samples_db["path"])
    assert len(lines) == conn.execute(f"select count(*) from {table}").fetchone()[0]
    for line in lines:
        event_validator.validate(json.loads(line))
    assert result.stderr.strip() == f"{len(lines)} event(s)"


def test_events_csv_has_the_documented_columns(samples_db, invoke, all_events):
    result = invoke("events", "--db", samples_db["url"], "--format", "csv")
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert result.exit_code == 0
    assert reader.fieldnames == CSV_COLUMNS
    assert [r["id"] for r in rows] == [r["id"] for r in all_events]
    assert all(row["event"] == rec["event"] for row, rec in zip(rows, all_events, strict=True))


def test_events_geojson_points_are_lon_lat(samples_db, invoke, all_events):
    result = invoke("events", "--db", samples_db["url"], "--format", "geojson")
    doc = json.loads(result.stdout)
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == len(all_events)
    points = [f for f in doc["features"] if f["geometry"] is not None]
    assert points
    for feature in points:
        lon, lat = feature["geometry"]["coordinates"]
        loc = feature["properties"]["event_loc"]
        assert feature["geometry"]["type"] == "Point"
        assert (lon, lat) == (loc["lon"], loc["lat"])
        assert -180 <= lon <= 180 and -90 <= lat <= 90


@pytest.mark.parametrize("name", ["2024-12-20_eastern_desk_putin_bases.md", "syria_coast_convoy.html",
                                  "feed_syria_monitor.xml"])
def test_extract_jsonl_validates_and_cites_the_file(invoke, samples_dir, event_validator, jsonl_lines, name):
    path = samples_dir / name
    result = invoke("extract", path, "--format", "jsonl")
    records = jsonl_lines(result.stdout)
    assert result.exit_code == 0, result.stderr
    assert records
    for rec in records:
        event_validator.validate(rec)
        assert rec["cite_info"]["citation"].split("#")[0] == str(path)


# --- queries ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def qamishli_records(query):
    return query("--site", "qamishli-airport")


def test_events_site_returns_only_that_site(qamishli_records, all_events):
    assert qamishli_records
    assert {r["site"]["id"] for r in qamishli_records} == {"qamishli-airport"}
    assert len(qamishli_records) == sum(1 for r in all_events if (r["site"] or {}).get("id") == "qamishli-airport")


def test_events_site_qamishli_includes_russian_retreat(qamishli_records):
    assert any(r["event"] == "RETREAT" and any(a["code"] == "RUS" for a in r["actor"]) for r in qamishli_records)


@pytest.mark.parametrize("spelling", ["hmeimim", "Khmeimim", "Latakia airport"])
def test_events_site_accepts_aliases(query, all_events, spelling):
    expected = [r["id"] for r in all_events if (r["site"] or {}).get("id") == "hmeimim"]
    assert expected
    assert [r["id"] for r in query("--site", spelling)] == expected


def test_events_unknown_site_fails_with_clear_message(samples_db, invoke):
    result = invoke("events", "--db", samples_db["url"], "--site", "nowhere")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no known site matches 'nowhere'" in result.stderr


@pytest.mark.parametrize("since,until", [("2024-12-15", "2024-12-20"), ("2025-01-01", None), (None, "2024-12-14")])
def test_events_since_until_bound_the_filing_date(query, all_events, since, until):
    lo = date.fromisoformat(since) if since else date.min
    hi = date.fromisoformat(until) if until else date.max
    args = (["--since", since] if since else []) + (["--until", until] if until else [])
    records = query(*args)
    expected = [r["id"] for r in all_events if lo <= effective_day(r) <= hi]
    assert records and len(records) < len(all_events)
    assert all(lo <= effective_day(r) <= hi for r in records)
    assert sorted(r["id"] for r in records) == sorted(expected)


@pytest.mark.parametrize("spelling", ["RETREAT", "retreat"])
def test_events_type_filters_one_category(query, all_events, spelling):
    records = query("--type", spelling)
    assert records and {r["event"] for r in records} == {"RETREAT"}
    assert len(records) == sum(1 for r in all_events if r["event"] == "RETREAT")


@pytest.mark.parametrize("near,point,radius", [("Qamishli", QAMISHLI, 30.0), ("36.0,38.0", (36.0, 38.0), 100.0)])
def test_events_near_keeps_events_within_radius(query, all_events, haversine, near, point, radius):
    records = query("--near", near, "--radius-km", radius)
    got = {r["id"] for r in records}
    dist = {r["id"]: haversine(*point, r["event_loc"]["lat"], r["event_loc"]["lon"])
            for r in all_events if r["event_loc"]}
    assert records
    assert all(dist[i] <= radius + 1.0 for i in got)
    assert {i for i, d in dist.items() if d <= radius - 1.0} <= got


def test_events_limit_returns_the_first_records(query, all_events):
    assert [r["id"] for r in query("--limit", 5)] == [r["id"] for r in all_events[:5]]


def test_sites_jsonl_lists_sites_with_latest_event(samples_db, invoke, jsonl_lines, event_validator):
    result = invoke("sites", "--db", samples_db["url"], "--format", "jsonl")
    rows = jsonl_lines(result.stdout)
    assert result.exit_code == 0 and rows
    for row in rows:
        assert {"id", "name", "lat", "lon", "latest_event"} <= row.keys()
        event_validator.validate(row["latest_event"])
        assert row["latest_event"]["site"]["id"] == row["id"]


def test_sites_all_lists_the_whole_site_table(samples_db, invoke, jsonl_lines):
    result = invoke("sites", "--db", samples_db["url"], "--all", "--format", "jsonl")
    ids = [row["id"] for row in jsonl_lines(result.stdout)]
    assert len(ids) >= 60 and len(set(ids)) == len(ids)
    assert result.stderr.strip() == f"{len(ids)} site(s)"


# --- extraction from reports written for these tests ---------------------------------------------


def test_extract_gives_one_event_per_place(invoke, jsonl_lines, tmp_path):
    report = tmp_path / "two_bases.txt"
    report.write_text("Russian forces left the bases at Ain Issa and Tel Al-Samn on Monday.\n")
    result = invoke("extract", report, "--published", "2024-12-18")
    retreats = [r for r in jsonl_lines(result.stdout) if r["event"] == "RETREAT"]
    assert {r["site"]["id"] for r in retreats if r["site"]} >= {"ain-issa", "tel-al-samn"}
    assert {r["date"] for r in retreats} == {"2024-12-16"}


RELATIVE = {
    "last_tuesday": ("withdrew from Qamishli airport last Tuesday", "2024-12-17", "day"),
    "yesterday": ("pulled out of Hmeimim air base yesterday", "2024-12-22", "day"),
    "days_ago": ("left the Tartus naval facility two days ago", "2024-12-21", "day"),
    "last_week": ("withdrew from Tabqa air base last week", "2024-12-16", "week"),
    "last_monday": ("withdrew from Kobani last Monday", "2024-12-16", "day"),
}


@pytest.fixture(scope="module")
def relative_records(invoke, jsonl_lines, tmp_path_factory):
    folder = tmp_path_factory.mktemp("relative")
    for key, (phrase, _, _) in RELATIVE.items():
        (folder / f"{key}.txt").write_text(f"Russian troops {phrase}.\n")
    result = invoke("extract", folder, "--published", "2024-12-23")  # a Monday
    assert result.exit_code == 0, result.stderr
    return {Path(r["cite_info"]["citation"]).stem: r for r in jsonl_lines(result.stdout)}


@pytest.mark.parametrize("key", list(RELATIVE))
def test_relative_dates_resolve_against_publication(relative_records, key):
    _, expected, precision = RELATIVE[key]
    rec = relative_records[key]
    assert (rec["date"], rec["date_precision"]) == (expected, precision)
