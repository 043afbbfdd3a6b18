"""Naval departure surges through `sitrep ingest` on a real SQLite store (issue 20): the bundled
Tartus AIS sample's four departures on 10 December 2024 become one RETREAT posture event with the
ships as evidence; on its own it changes no status; one ship leaving is never an event; a
re-run stores nothing twice."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from click.testing import Result

SAMPLE = Path(str(resources.files("sitrep") / "data" / "samples" / "osint" / "tartus_ais.nmea"))


def _events(invoke: Callable[..., Result], db: str) -> list[dict[str, Any]]:
    out = invoke("events", "--db", db, "--site", "tartus-naval", "--format", "jsonl").stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _status(invoke: Callable[..., Result], db: str) -> str:
    out = invoke("sites", "--db", db, "--all", "--format", "jsonl").stdout
    return next(json.loads(line)["status"] for line in out.splitlines() if '"id": "tartus-naval"' in line)


def test_a_surge_of_naval_departures_is_one_posture_event(invoke, tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    assert invoke("ingest", "--db", db, SAMPLE).exit_code == 0
    (event,) = _events(invoke, db)
    assert (event["event"], event["posture"], event["date"]) == ("RETREAT", "departing", "2024-12-10")
    assert event["attribution"]["source"] == "AIS" and event["independent_sources"] == 1
    assert event["event_text"].startswith("4 RUS naval and auxiliary vessels left Tartus")
    departures = [json.loads(line) for line in invoke("evidence", "--db", db, "--kind", "ship", "--format",
                                                       "jsonl").stdout.splitlines()]
    assert sum(1 for d in departures if d["details"]["movement"] == "departure") == 4
    assert _status(invoke, db) == "unknown"  # tracking alone, one origin: no status change
    again = invoke("ingest", "--db", db, SAMPLE)
    assert again.exit_code == 0 and len(_events(invoke, db)) == 1


def test_one_ship_leaving_is_not_an_event(invoke, tmp_path) -> None:
    # The sample without three of the four departing ships: the tanker sails alone.
    single = tmp_path / "one_ship.nmea"
    single.write_text("\n".join(_without_ships(SAMPLE, {273990102, 273990103, 273990104})) + "\n", encoding="ascii")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    assert invoke("ingest", "--db", db, single).exit_code == 0
    departures = [json.loads(line) for line in invoke("evidence", "--db", db, "--kind", "ship", "--format",
                                                       "jsonl").stdout.splitlines()]
    assert [d["details"]["movement"] for d in departures if d["date"] == "2024-12-10"] == ["departure"]
    assert _events(invoke, db) == []


def _without_ships(path: Path, mmsis: set[int]) -> list[str]:
    """The sample's lines minus those of some ships (decoded with pyais to tell them apart)."""
    from pyais import decode

    out, pending = [], []
    for line in path.read_text(encoding="ascii").splitlines():
        if not line.startswith("\\"):
            continue
        sentence = line.split("\\", 2)[2]
        parts = sentence.split(",")
        pending.append(line)
        if parts[1] != parts[2]:
            continue  # first part of a two-part message: wait for the rest
        msg = decode(*[p.split("\\", 2)[2] for p in pending])
        if msg.mmsi not in mmsis:
            out += pending
        pending = []
    return out
