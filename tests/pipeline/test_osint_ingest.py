"""Community formats through `sitrep ingest` into `sitrep evidence` and `/api/evidence` (issue 20
item 6): each format recognised by extension and content, one record per row, feature or detected
movement, with the contract's fields; bad records named and skipped; re-imports store nothing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from fastapi.testclient import TestClient

from sitrep.settings import Settings
from sitrep.web.app import create_app

DATA = Path(__file__).resolve().parents[1] / "data" / "osint"
CONTRACT = {"kind", "date", "lat", "lon", "site", "source", "origin"}


def _ingest(invoke: Callable[..., Result], db: str, *files: str) -> Result:
    return invoke("ingest", "--db", db, *(DATA / f for f in files))


def _evidence(invoke: Callable[..., Result], db: str, *args: str) -> list[dict[str, Any]]:
    out = invoke("evidence", "--db", db, "--format", "jsonl", *args).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def osint_db(tmp_path_factory: pytest.TempPathFactory, invoke: Callable[..., Result]) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('osint') / 'store.db'}"
    result = _ingest(invoke, db, *sorted(p.name for p in DATA.iterdir()))
    assert result.exit_code == 0, result.stderr
    return db


@pytest.mark.parametrize(("kind", "n"), [("geolocated", 6), ("dataset", 5), ("thermal", 4), ("ship", 3), ("flight", 1)])
def test_each_kind_is_listed_with_the_contract_fields(invoke, osint_db, kind, n) -> None:
    found = _evidence(invoke, osint_db, "--kind", kind)
    assert len(found) == n
    assert all(CONTRACT <= set(r) and r["kind"] == kind and "#" in r["origin"] for r in found)


def test_records_at_a_site_carry_its_id_and_others_null(invoke, osint_db) -> None:
    thermal = {r["origin"].rsplit("#", 1)[1]: r["site"] for r in _evidence(invoke, osint_db, "--kind", "thermal")
               if "viirs" in r["origin"]}
    assert thermal == {"row-2": "hmeimim", "row-3": "hmeimim", "row-4": None}  # row 4: 5.5 km out, kept
    assert [r["source"] for r in _evidence(invoke, osint_db, "--site", "hmeimim", "--kind", "dataset")] == [
        "UCDP GED", "ACLED"]


def test_far_detections_are_not_kept(invoke, osint_db) -> None:
    assert not [r for r in _evidence(invoke, osint_db, "--kind", "thermal") if r["lat"] == 10.0]


def test_since_and_until_bound_the_days(invoke, osint_db) -> None:
    days = {r["date"] for r in _evidence(invoke, osint_db, "--since", "2024-12-15", "--until", "2024-12-15")}
    assert days == {"2024-12-15"}


def test_bad_records_are_named_and_the_rest_kept(invoke, tmp_path) -> None:
    result = _ingest(invoke, f"sqlite:///{tmp_path / 's.db'}", "acled.csv", "firms_viirs.csv", "tartus.nmea")
    assert "acled.csv#row-4: row 4: latitude: 91.5 is out of range" in result.stderr
    assert "firms_viirs.csv#row-6: row 6: acq_time: '2561' is not a time of day" in result.stderr
    assert "tartus.nmea#line-5: line 5: time: no time on the line" in result.stderr


def test_a_second_import_stores_nothing_twice(invoke, tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    files = ("ged.csv", "ged_noheader.csv", "geoconfirmed.kml", "geoconfirmed.kmz", "firms_modis.csv")
    _ingest(invoke, db, *files)
    first = _evidence(invoke, db)
    again = _ingest(invoke, db, *files)
    assert "evidence: 0 new record(s)" in again.stderr
    assert len(_evidence(invoke, db)) == len(first) == 2 + 2 + 1  # GED rows, KML = KMZ placemarks, MODIS


def test_ship_calls_name_the_naval_auxiliary(invoke, osint_db) -> None:
    calls = {(r["details"].get("name"), r["details"]["movement"]): r for r in _evidence(invoke, osint_db, "--kind", "ship")}
    assert calls[("SPARTA IV", "departure")]["details"]["role"] == "auxiliary"  # from the shipped table
    assert calls[("ADMIRAL GRIGOROVICH", "departure")]["details"]["naval"] is True  # DMA "Military"
    assert calls[(None, "arrival")]["details"]["naval"] is False
    assert {r["site"] for r in calls.values()} == {"tartus-naval"}


@pytest.mark.parametrize("fmt", ["csv", "geojson", "kml"])
def test_other_formats_hold_the_same_records(invoke, osint_db, fmt) -> None:
    out = invoke("evidence", "--db", osint_db, "--format", fmt, "--kind", "dataset").stdout
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [r["kind"] for r in rows] == ["dataset"] * 5 and rows[0]["site"] == "hmeimim"
    elif fmt == "geojson":
        feats = json.loads(out)["features"]
        assert len(feats) == 5 and feats[0]["geometry"]["coordinates"] == [35.9487, 35.4011]
    else:
        assert out.count("<Placemark") == 5 and "<when>2024-12-14" in out


def test_the_api_serves_the_same_records(invoke, osint_db) -> None:
    client = TestClient(create_app(Settings.from_env().with_db(osint_db)))
    cli_records = _evidence(invoke, osint_db, "--kind", "thermal")
    body = client.get("/api/evidence", params={"kind": "thermal"}).json()
    assert body == cli_records
    assert client.get("/api/evidence", params={"kind": "rumour"}).status_code == 400
    lines = client.get("/api/evidence", params={"format": "jsonl", "site": "tartus-naval"}).text.splitlines()
    assert lines and all(json.loads(x)["site"] == "tartus-naval" for x in lines)


def test_postgres_store_holds_the_same_evidence(invoke, osint_db, fresh_pg_url) -> None:
    files = sorted(p.name for p in DATA.iterdir())
    assert _ingest(invoke, fresh_pg_url, *files).exit_code == 0
    _ingest(invoke, fresh_pg_url, *files)
    strip = [{k: v for k, v in r.items()} for r in _evidence(invoke, fresh_pg_url)]
    assert strip == _evidence(invoke, osint_db)
