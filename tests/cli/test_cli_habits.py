"""CLI habits (issue 16): errors exit 2 naming the value; read commands never make a store; sites
by a partial name, with "did you mean"; the brief as JSON."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("args, named", [
    (["events", "--type", "WITHDRAW"], "WITHDRAW"),
    (["events", "--since", "2025-01-01", "--until", "2024-01-01"], "2025-01-01"),
    (["brief", "--since", "2025-01-01", "--until", "2024-01-01"], "2025-01-01"),
    (["site", "tartos"], "tartos"),
])
def test_bad_values_exit_2_naming_them(invoke, samples_db, args, named):
    result = invoke(*args, "--db", samples_db["url"])
    assert result.exit_code == 2
    assert named in result.stderr


def test_an_unknown_type_suggests_the_plover_name(invoke, samples_db):
    result = invoke("events", "--type", "WITHDRAW", "--db", samples_db["url"])
    assert "did you mean RETREAT" in result.stderr


def test_a_misspelt_site_gets_a_did_you_mean(invoke, samples_db):
    result = invoke("site", "tartos", "--db", samples_db["url"])
    assert "did you mean Tartus Naval Facility" in result.stderr


def test_a_partial_site_name_finds_the_site(invoke, samples_db):
    result = invoke("site", "qamishli", "--db", samples_db["url"], "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "qamishli-airport"


@pytest.mark.parametrize("command", [["events"], ["sites"], ["site", "hmeimim"], ["brief", "--since", "2024-12-01"], ["serve"]])
def test_read_commands_never_create_a_store(invoke, tmp_path, command):
    missing = tmp_path / "typo.db"
    result = invoke(*command, "--db", f"sqlite:///{missing}")
    assert result.exit_code == 2
    assert str(missing) in result.stderr
    assert not missing.exists()


def test_brief_as_json(invoke, samples_db):
    result = invoke("brief", "--since", "2024-12-01", "--format", "json", "--db", samples_db["url"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["since"] == "2024-12-01" and data["summary"] and data["changes"]


def test_a_misspelt_place_for_near_gets_a_did_you_mean(invoke, samples_db):
    result = invoke("events", "--near", "Raqqaa", "--db", samples_db["url"])
    assert result.exit_code == 2
    assert "did you mean Ar Raqqah (SYR)" in result.stderr


def test_a_plain_file_path_names_a_sqlite_store(invoke, samples_db):
    path = samples_db["url"].removeprefix("sqlite:///")
    result = invoke("sites", "--db", path, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert '"qamishli-airport"' in result.stdout
