"""Reports without a date in their metadata: a date in the file name, else a warning naming them."""

import json

from sitrep.sources.discover import date_in_name


def test_a_date_in_the_file_name_dates_the_report_and_an_undated_one_is_named(invoke, tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "report-20241216.txt").write_text("Russian troops left Qamishli airport on Monday, residents said.\n")
    (folder / "notes.txt").write_text("Russian troops left Kobani on Monday, residents said.\n")
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = invoke("ingest", folder, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "1 report(s) stored without a date" in result.stderr and "notes.txt" in result.stderr
    assert "report-20241216.txt" not in result.stderr
    records = [json.loads(line) for line in invoke("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    dated = {r["cite_info"]["citation"].rsplit("/", 1)[-1]: r["cite_info"]["published"] for r in records}
    assert dated == {"report-20241216.txt": "2024-12-16", "notes.txt": None}


def test_dates_in_names():
    assert str(date_in_name("2024-12-16_levant_monitor.txt")) == "2024-12-16"
    assert str(date_in_name("page_2025.01.31.html")) == "2025-01-31"
    assert date_in_name("report-20241399.txt") is None  # no 13th month, no 99th day
    assert date_in_name("photo-123456789.txt") is None
