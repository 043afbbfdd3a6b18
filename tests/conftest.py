"""Shared fixtures: a CLI runner, the bundled samples ingested once per session, the event schema."""

from __future__ import annotations

import json
import math
import os
import sqlite3
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator
from sqlalchemy import create_engine, text

from sitrep.cli import cli

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "event.schema.json"


@pytest.fixture(scope="module")
def fresh_pg_url() -> str:
    """An emptied PostgreSQL database for this test module. `.ci/run` starts the server and sets
    SITREP_TEST_PG_URL; locally the test skips (saying why) without one, in CI it fails instead."""
    url = os.environ.get("SITREP_TEST_PG_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but SITREP_TEST_PG_URL is not set: .ci/run must start PostgreSQL")
        pytest.skip("no PostgreSQL server: set SITREP_TEST_PG_URL=postgresql+psycopg://user:pw@host/db")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def invoke(runner: CliRunner) -> Callable[..., Result]:
    """Runs `sitrep ARGS...` in-process; stdout and stderr are kept apart (click >= 8.2)."""

    def run(*args: Any) -> Result:
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return Path(str(resources.files("sitrep") / "data" / "samples"))


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory, invoke: Callable[..., Result]) -> dict[str, Any]:
    """The bundled samples ingested once into a session SQLite file; read-only for tests."""
    path = tmp_path_factory.mktemp("samples") / "samples.db"
    url = f"sqlite:///{path}"
    result = invoke("ingest", "--samples", "--db", url)
    assert result.exit_code == 0, result.stderr
    return {"path": path, "url": url, "result": result}


@pytest.fixture(scope="session")
def event_validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="session")
def jsonl_lines() -> Callable[[str], list[dict[str, Any]]]:
    """Parses stdout of a jsonl command: every non-empty line must be one JSON object."""

    def parse(stdout: str) -> list[dict[str, Any]]:
        assert stdout == "" or stdout.endswith("\n")
        return [json.loads(line) for line in stdout.splitlines()]

    return parse


@pytest.fixture(scope="session")
def query(invoke: Callable[..., Result], samples_db: dict[str, Any],
          jsonl_lines: Callable[[str], list[dict[str, Any]]]) -> Callable[..., list[dict[str, Any]]]:
    """`sitrep events --format jsonl ARGS...` over the samples store, parsed."""

    def run(*args: Any) -> list[dict[str, Any]]:
        result = invoke("events", "--db", samples_db["url"], "--format", "jsonl", *args)
        assert result.exit_code == 0, result.stderr
        return jsonl_lines(result.stdout)

    return run


@pytest.fixture(scope="session")
def db_counts() -> Callable[[Path], dict[str, int]]:
    """Row counts of a SQLite store file, read with plain sqlite3."""

    def counts(path: Path) -> dict[str, int]:
        with sqlite3.connect(path) as conn:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("documents", "events", "event_sources", "sites")}

    return counts


@pytest.fixture(scope="session")
def haversine() -> Callable[[float, float, float, float], float]:
    """Great-circle distance in km (mean Earth radius), independent of sitrep.geo."""

    def distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
        p1, p2 = math.radians(lat1), math.radians(lat2)
        dp, dl = p2 - p1, math.radians(lon2 - lon1)
        a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        return 2 * 6371.0088 * math.asin(math.sqrt(a))

    return distance


@pytest.fixture(scope="session")
def pipeline() -> Any:
    """The loaded spaCy pipeline and gazetteer, for tests that use the library directly."""
    from sitrep.pipeline import Pipeline
    from sitrep.settings import Settings

    return Pipeline.load(Settings())
