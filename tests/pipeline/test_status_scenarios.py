"""Site statuses over dated report sets (tests/pipeline/status_scenarios.py), read as of several
days through the CLI and the web API: they must agree with the analyst's expected statuses."""

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from status_scenarios import (  # tests/pipeline is on sys.path (rootdir-less test folders)
    SCENARIOS,
    Scenario,
)

from sitrep.settings import Settings, StoreSettings
from sitrep.web.app import create_app


def write_reports(folder: Path, scenario: Scenario) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, outlet, published, text in scenario.reports:
        (folder / name).write_text(f"---\noutlet: {outlet}\npublished: {published}\n---\n\n{text}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def scenario_store(tmp_path_factory, invoke) -> str:
    """Every scenario's reports in one store (the scenarios' sites do not overlap)."""
    root = tmp_path_factory.mktemp("scenarios")
    for i, scenario in enumerate(SCENARIOS):
        write_reports(root / f"s{i}", scenario)
    url = f"sqlite:///{root / 'scenarios.db'}"
    result = invoke("ingest", root, "--db", url)
    assert result.exit_code == 0, result.stderr
    return url


CHECKS = [(s.name, site, day, status) for s in SCENARIOS for site, day, status in s.expected]


@pytest.mark.parametrize(("scenario", "site", "day", "status"), CHECKS,
                         ids=[f"{site}@{day}" for _, site, day, _ in CHECKS])
def test_status_as_of_each_checked_day(invoke, jsonl_lines, scenario_store, scenario, site, day, status):
    rows = {r["id"]: r for r in jsonl_lines(invoke("sites", "--all", "--as-of", day, "--db", scenario_store,
                                                   "--format", "jsonl").stdout)}
    row = rows[site]
    assert row["status"] == status, f"{scenario}: {site} as of {day}"
    assert row["as_of"] == day
    assert row["status_since"] is None or row["status_since"] <= day
    detail = json.loads(invoke("site", site, "--as-of", day, "--db", scenario_store, "--format", "json").stdout)
    assert detail["status"] == status and detail["status_since"] == row["status_since"]


def test_the_map_and_the_site_list_agree_as_of_every_checked_day(scenario_store):
    app = create_app(Settings(store=StoreSettings(url=scenario_store)))
    with TestClient(app) as client:
        for _, site, day, status in CHECKS:
            listed = {s["id"]: s for s in client.get("/api/sites", params={"all": "true", "as_of": day}).json()}
            drawn = {s["id"]: s for s in client.get("/api/map", params={"until": day}).json()["sites"]}
            assert listed[site]["status"] == drawn[site]["status"] == status, (site, day)
            assert drawn[site]["status_since"] == listed[site]["status_since"]
            assert drawn[site]["status_since"] is None or drawn[site]["status_since"] <= day
        assert client.get("/api/sites", params={"as_of": "2024-13-40"}).status_code == 400


def test_a_rumour_of_return_is_listed_as_unconfirmed_on_the_site(invoke, scenario_store):
    detail = json.loads(invoke("site", "niamey-ba101", "--db", scenario_store, "--format", "json").stdout)
    assert detail["status"] == "vacated"
    rumours = [c for c in detail["unconfirmed"] if c["status"] in {"present", "returned"}]
    assert rumours and rumours[0]["day"] == "2024-07-19"


def test_an_observatory_relayed_by_three_outlets_is_one_origin(invoke, scenario_store):
    detail = json.loads(invoke("site", "shayrat", "--as-of", "2024-12-19", "--db", scenario_store,
                               "--format", "json").stdout)
    assert detail["status"] is None and detail["unconfirmed"]
    [claim] = detail["unconfirmed"]
    assert claim["reason"].startswith(("1 independent origin", "not yet corroborated"))
    told = [s for s in claim["event"]["sources"] if s["published"] <= "2024-12-19"]
    assert len(told) == 3 and {s["origin"] for s in told} == {"src:syrian observatory for human rights"}


def test_the_brief_shows_each_site_at_the_start_and_end_of_its_period_and_each_change_once(scenario_store):
    app = create_app(Settings(store=StoreSettings(url=scenario_store)))
    with TestClient(app) as client:
        brief = client.get("/api/brief", params={"since": "2024-12-01", "until": "2025-01-20"}).json()
    spans = {s["site"]["id"]: s for s in brief["sites"]}
    assert (spans["faya-largeau"]["start"], spans["faya-largeau"]["end"]) == ("present", "vacated")
    assert (spans["abeche"]["start"], spans["abeche"]["end"]) == ("present", "vacated")
    assert "ndjamena-adji-kossei" not in spans  # nothing known of it by the period's end
    changes = [(c["site"]["id"], c["status"]) for c in brief["changes"]]
    assert len(changes) == len(set(changes))
    assert ("abeche", "vacated") in changes and ("ndjamena-adji-kossei", "vacated") not in changes
