"""Fusion and site status in a real store: the samples, and small reports written for the tests."""

import json
import sqlite3
from pathlib import Path

import pytest


def test_corroborated_movements_fuse_with_their_sources(query):
    fused = [r for r in query() if r["mentions"] > 1 and r["independent_sources"] > 1]
    sites = {r["site"]["id"] for r in fused if r["site"]}
    # Qamishli airport (observatory + news agency) and the Tel Al-Samn convoy (three outlets).
    assert {"qamishli-airport", "tel-al-samn"} <= sites
    for record in fused:
        assert len(record["sources"]) == record["mentions"]
        assert record["independent_sources"] <= len({s["outlet"] for s in record["sources"]}) + 1


def test_every_mention_belongs_to_exactly_one_fused_event(query):
    mentions = query("--mentions")
    fused = query()
    members = [m for r in fused for m in r["mention_ids"]]
    assert sorted(members) == sorted(m["id"] for m in mentions)
    assert sum(r["mentions"] for r in fused) == len(mentions)


def test_sites_jsonl_has_status_fields(invoke, samples_db, jsonl_lines):
    result = invoke("sites", "--db", samples_db["url"], "--format", "jsonl")
    rows = {r["id"]: r for r in jsonl_lines(result.stdout)}
    for row in rows.values():
        assert {"id", "name", "lat", "lon", "status", "status_since", "evidence"} <= set(row)
    assert rows["qamishli-airport"]["status"] == "vacated"
    assert rows["qamishli-airport"]["status_since"] == "2024-12-16"
    assert rows["qamishli-airport"]["evidence"]


def test_site_timeline_links_each_change_to_quoted_evidence(invoke, samples_db):
    result = invoke("site", "qamishli-airport", "--db", samples_db["url"], "--format", "json")
    assert result.exit_code == 0, result.stderr
    detail = json.loads(result.stdout)
    assert detail["force"] == "RUS"
    statuses = [c["status"] for c in detail["timeline"]]
    assert statuses[-1] == "vacated"
    for change in detail["timeline"]:
        assert change["evidence"]
        for record in change["evidence"]:
            assert record["sources"] and all(s["event_text"] for s in record["sources"])


def test_site_text_view_quotes_sources(invoke, samples_db):
    result = invoke("site", "Khmeimim", "--db", samples_db["url"])
    assert result.exit_code == 0, result.stderr
    assert "Hmeimim Air Base" in result.stdout and "\u201c" in result.stdout


def write(folder: Path, name: str, outlet: str, published: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\noutlet: {outlet}\npublished: {published}\n---\n\n{body}\n", encoding="utf-8")


def test_site_goes_present_then_vacated_with_evidence(invoke, tmp_path):
    # Presence told by two outlets' own witnesses (two origins), the exit by the defence ministry
    # (a party's statement: strong alone).
    write(tmp_path / "r", "a.txt", "Desert Wire", "2024-12-05",
          "Russian troops remain stationed at Tabqa air base, residents said on Wednesday.")
    write(tmp_path / "r", "a2.txt", "Raqqa Post", "2024-12-06",
          "Russian soldiers were still deployed at Tabqa air base on Thursday, witnesses said.")
    write(tmp_path / "r", "b.txt", "Euphrates Daily", "2024-12-20",
          "Russian forces withdrew from Tabqa air base on Thursday, the Russian Defence Ministry said.")
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert invoke("ingest", tmp_path / "r", "--db", db).exit_code == 0
    detail = json.loads(invoke("site", "tabqa-air-base", "--db", db, "--format", "json").stdout)
    assert [(c["status"], c["since"]) for c in detail["timeline"]] == [("present", "2024-12-04"), ("vacated", "2024-12-19")]
    # Known when the second witness report and the ministry's statement were published.
    assert [c["confirmed"] for c in detail["timeline"]] == ["2024-12-06", "2024-12-20"]
    assert detail["timeline"][-1]["reasons"][0]["kind"] == "official" and detail["unconfirmed"] == []


def test_one_report_leaves_the_status_unknown_and_shows_as_an_unconfirmed_claim(invoke, tmp_path):
    write(tmp_path / "r", "a.txt", "Desert Wire", "2024-12-20",
          "Russian forces withdrew from Tabqa air base on Thursday, residents said.")
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert invoke("ingest", tmp_path / "r", "--db", db).exit_code == 0
    detail = json.loads(invoke("site", "tabqa-air-base", "--db", db, "--format", "json").stdout)
    assert detail["timeline"] == [] and detail["status"] == "unknown"
    [claim] = detail["unconfirmed"]
    assert (claim["day"], claim["status"], claim["force"]) == ("2024-12-19", "vacated", "RUS")
    assert claim["event"]["event_text"].startswith("Russian forces withdrew")
    text = invoke("site", "tabqa-air-base", "--db", db).stdout
    assert "unconfirmed claims" in text and "vacated?" in text


def test_contested_claim_shows_both_sides(invoke, tmp_path):
    # The exit rests on an observatory and a second outlet's residents; a Syrian officer quoted by
    # a third outlet says the troops stayed: the exit outweighs him and names him as contesting.
    write(tmp_path / "r", "a.txt", "Coastal Watch", "2024-12-17",
          "Russian troops left the Shayrat air base on Monday, according to the Syrian Observatory for Human Rights.")
    write(tmp_path / "r", "a2.txt", "Orontes Daily", "2024-12-18",
          "Russian soldiers pulled out of the Shayrat air base on Monday, residents said.")
    write(tmp_path / "r", "a3.txt", "Levant Wire", "2024-12-18",
          "Satellite images taken on Monday showed Russian soldiers leaving the Shayrat air base, the Russian Defence Ministry said.")
    write(tmp_path / "r", "b.txt", "Homs Herald", "2024-12-17",
          "Russian troops remained at the Shayrat air base on Monday, a Syrian officer said.")
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert invoke("ingest", tmp_path / "r", "--db", db).exit_code == 0
    detail = json.loads(invoke("site", "shayrat", "--db", db, "--format", "json").stdout)
    last = detail["timeline"][-1]
    sides = {r["posture"] for r in last["evidence"]} | {r["posture"] for r in last["contested_by"]}
    assert last["contested_by"], detail["timeline"]
    assert {"departed", "present"} <= sides


def test_incremental_ingest_matches_one_shot_ingest(invoke, tmp_path, samples_dir):
    files = sorted(p for p in samples_dir.iterdir() if p.suffix in {".txt", ".md"})
    first, second = tmp_path / "first", tmp_path / "second"
    for i, path in enumerate(files):
        target = first if i % 2 else second
        target.mkdir(exist_ok=True)
        (target / path.name).write_bytes(path.read_bytes())
    one = f"sqlite:///{tmp_path / 'one.db'}"
    two = f"sqlite:///{tmp_path / 'two.db'}"
    assert invoke("ingest", first, second, "--db", one).exit_code == 0
    assert invoke("ingest", first, "--db", two).exit_code == 0
    assert invoke("ingest", second, "--db", two).exit_code == 0

    def groups(path: Path) -> set[frozenset[str]]:
        conn = sqlite3.connect(path)
        rows = conn.execute("select fused_id, event_id from event_fusion").fetchall()
        out: dict[str, set[str]] = {}
        for fused_id, event_id in rows:
            out.setdefault(fused_id, set()).add(event_id)
        return {frozenset(v) for v in out.values()}

    assert groups(tmp_path / "one.db") == groups(tmp_path / "two.db")

    def statuses(path: Path) -> set[tuple[str, str, str]]:
        return set(sqlite3.connect(path).execute("select site_id, status, status_since from site_status"))

    assert statuses(tmp_path / "one.db") == statuses(tmp_path / "two.db")


@pytest.mark.parametrize("site_id", ["qamishli-airport", "kobani", "tel-al-samn"])
def test_reference_sites_are_vacated_or_drawing_down(invoke, samples_db, jsonl_lines, site_id):
    rows = {r["id"]: r for r in jsonl_lines(invoke("sites", "--db", samples_db["url"], "--format", "jsonl").stdout)}
    assert rows[site_id]["status"] in {"vacated", "drawing down"}


def test_a_long_history_keeps_reasons_only_on_its_latest_changes(tmp_path):
    from datetime import date, timedelta

    from sitrep.fuse.status import Reason, StatusChange, Timeline
    from sitrep.settings import StatusRules
    from sitrep.store import open_store
    from sitrep.store.sitestatus import REASON_HISTORY, read_status, write_status

    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    day = date(2024, 1, 1)
    changes = [StatusChange("vacated" if i % 2 else "present", day + timedelta(days=3 * i), [f"f{i}"],
                            confirmed=day + timedelta(days=3 * i), confidence=0.9,
                            reasons=[Reason(f"f{i}", day + timedelta(days=3 * i), "official", 0.9, "src:army", "army", False)])
               for i in range(REASON_HISTORY + 5)]
    with store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO sites (id, name, aliases, kind, lat, lon) VALUES ('x', 'X', '[]', 'base', 0, 0)")
        write_status(conn, "x", "RUS", {"RUS": Timeline(changes)}, StatusRules())
        stored = conn.exec_driver_sql("SELECT timeline FROM site_status WHERE site_id = 'x'").scalar()
    kept = read_status(stored).changes
    assert len(kept) == REASON_HISTORY + 5 and all(c.confidence == 0.9 and c.evidence for c in kept)
    assert [bool(c.reasons) for c in kept] == [False] * 5 + [True] * REASON_HISTORY
