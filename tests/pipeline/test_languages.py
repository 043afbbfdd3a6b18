"""Reports in French, Russian, Ukrainian and Arabic through the whole pipeline: language identified
for files, the native route chosen by it (loaded only then), the same PLOVER record, fusion with
English reports of one happening in a real SQLite store."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.records import Report, content_id

ARABIC = ("انسحبت القوات الروسية يوم الجمعة من قاعدة حميميم، بحسب المرصد السوري لحقوق الإنسان. "
          "ولم تعلق وزارة الدفاع الروسية على الأمر.")
ENGLISH = ("Russian troops withdrew from Hmeimim air base on Friday, residents of the nearby town of Jableh said. "
           "The Russian defence ministry did not comment.")
FRENCH = "Les soldats russes ont quitté vendredi la base de Hmeimim, selon des habitants de la région de Lattaquié."


def write(folder: Path, name: str, body: str, *, outlet: str, published: str = "2024-12-14") -> None:
    (folder / name).write_text(f"---\noutlet: {outlet}\npublished: {published}\n---\n{body}\n", encoding="utf-8")


@pytest.fixture
def mixed_store(tmp_path: Path, invoke: Callable[..., Any]) -> dict[str, Any]:
    folder = tmp_path / "reports"
    folder.mkdir()
    write(folder, "ar.txt", ARABIC, outlet="Enab Baladi")
    write(folder, "en.txt", ENGLISH, outlet="Levant Wire")
    url = f"sqlite:///{tmp_path / 'mixed.db'}"
    result = invoke("ingest", str(folder), "--db", url)
    assert result.exit_code == 0, result.stderr
    return {"path": tmp_path / "mixed.db", "url": url, "folder": folder}


def test_files_are_stored_with_their_identified_language(mixed_store: dict[str, Any]) -> None:
    with sqlite3.connect(mixed_store["path"]) as conn:
        languages = {Path(origin).name: lang for origin, lang in conn.execute("SELECT origin, language FROM documents")}
    assert languages == {"ar.txt": "ar", "en.txt": "en"}


def test_the_plover_record_cites_the_reports_language(mixed_store: dict[str, Any]) -> None:
    with sqlite3.connect(mixed_store["path"]) as conn:
        records = [json.loads(r) for (r,) in conn.execute("SELECT record FROM events")]
    by_language = {r["cite_info"]["language"]: r for r in records}
    assert set(by_language) == {"ar", "en"}
    arabic = by_language["ar"]
    assert (arabic["event"], arabic["actor"][0]["code"], arabic["site"]["id"], arabic["date"]) == \
        ("RETREAT", "RUS", "hmeimim", "2024-12-13")
    assert arabic["event_text"].startswith("انسحبت القوات الروسية")  # the original sentence is kept


def test_an_arabic_and_an_english_report_of_one_happening_fuse_with_two_origins(
        mixed_store: dict[str, Any], invoke: Callable[..., Any], jsonl_lines: Callable[[str], list[dict[str, Any]]]
) -> None:
    result = invoke("events", "--db", mixed_store["url"], "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    retreats = [e for e in jsonl_lines(result.stdout) if e["event"] == "RETREAT"]
    assert len(retreats) == 1, retreats
    assert retreats[0]["mentions"] == 2 and retreats[0]["independent_sources"] == 2


def test_rerunning_the_ingest_adds_nothing(mixed_store: dict[str, Any], invoke: Callable[..., Any],
                                           db_counts: Callable[[Path], dict[str, int]]) -> None:
    before = db_counts(mixed_store["path"])
    result = invoke("ingest", str(mixed_store["folder"]), "--db", mixed_store["url"])
    assert result.exit_code == 0, result.stderr
    assert db_counts(mixed_store["path"]) == before


def report(text: str, language: str | None) -> Report:
    return Report(id=content_id(text), text=text, origin=f"test-{language}", published=date(2024, 12, 14),
                  language=language)


def test_reports_keep_their_order_across_routes_and_english_runs_never_load_native_names(pipeline: Any) -> None:
    from sitrep.pipeline import Pipeline

    fresh = Pipeline(settings=pipeline.settings.with_scope("all"), gazetteer=pipeline.gazetteer, nlp=pipeline.nlp)
    list(fresh.extract_many([report(ENGLISH, "en"), report(ENGLISH + " ", None)]))
    assert fresh.native_names is None  # English only: the native index stays out of memory
    mixed = [report(ENGLISH, "en"), report(ARABIC, "ar"), report(FRENCH, "fr"), report("Quelque chose. " + ENGLISH, "de")]
    out = list(fresh.extract_many(mixed))
    assert [r.origin for r, _ in out] == [r.origin for r in mixed]
    assert fresh.native_names is not None
    sites = [{e.place.site_id for e in events if e.place} for _, events in out]
    assert sites[1] == {"hmeimim"} and sites[2] == {"hmeimim"}


def test_the_french_sample_shows_the_coded_actor_and_its_source(invoke: Callable[..., Any],
                                                                 samples_db: dict[str, Any]) -> None:
    """`sitrep events --mentions` on the bundled French report: the actor is the coded force named
    in English and the source is who said so, not a native word or a noun of the sentence."""
    result = invoke("events", "--mentions", "--db", samples_db["url"], "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    french = [json.loads(line) for line in result.stdout.splitlines()
              if json.loads(line)["cite_info"].get("language") == "fr"]
    assert french
    assert {a["entity_text"] for rec in french for a in rec["actor"]} == {"France"}
    assert {rec["attribution"]["source"] for rec in french} == {"general staff (Chad)"}
    assert any("français" in rec["event_text"] for rec in french)  # the native word stays in the sentence
