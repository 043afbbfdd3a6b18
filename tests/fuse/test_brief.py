"""The brief and the exports, through the real CLI on the samples store."""

import csv
import io
import json

from sitrep.output import ACLED_COLUMNS


def test_markdown_brief_lists_changes_with_sources(invoke, samples_db):
    result = invoke("brief", "--db", samples_db["url"], "--since", "2024-12-10", "--until", "2024-12-31")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "## Status changes" in text and "## Contested claims" in text and "## Corroborated events" in text
    assert "**Qamishli Airport**: vacated since 2024-12-16" in text
    assert "\u201c" in text  # evidence is quoted


def test_brief_is_reproducible(invoke, samples_db):
    args = ("brief", "--db", samples_db["url"], "--since", "2024-12-10", "--format", "html")
    assert invoke(*args).stdout == invoke(*args).stdout


def test_html_brief_embeds_map_and_timeline(invoke, samples_db):
    result = invoke("brief", "--db", samples_db["url"], "--since", "2024-12-10", "--region", "Syria",
                    "--format", "html")
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert page.count("data:image/png;base64,") == 2
    assert "Faya-Largeau" not in page  # Chad is outside the region
    assert "<script" not in page and "src='http" not in page and 'src="http' not in page  # offline


def test_unknown_region_is_a_clear_error(invoke, samples_db):
    result = invoke("brief", "--db", samples_db["url"], "--since", "2024-12-10", "--region", "Atlantis")
    assert result.exit_code != 0 and "unknown region" in result.output


def test_csv_export_has_acled_columns(invoke, samples_db):
    result = invoke("events", "--db", samples_db["url"], "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    located = [r for r in rows if r["latitude"]]
    assert located and all(r["geo_precision"] in {"1", "2", "3"} for r in located)
    assert all(r["event_type"] and r["source"] for r in rows)


def test_sites_geojson_is_a_valid_feature_collection(invoke, samples_db):
    data = json.loads(invoke("sites", "--db", samples_db["url"], "--format", "geojson").stdout)
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["type"] == "Feature" and -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["status"] in {"present", "drawing down", "vacated", "returned", "unknown"}
