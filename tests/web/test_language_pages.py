"""The web event page of a report in another language: the original sentence, the report's
language, and an English gloss built from the record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from sitrep.fuse.gloss import gloss_event
from sitrep.settings import Settings
from sitrep.web.app import create_app

ARABIC = "انسحبت القوات الروسية يوم الجمعة من قاعدة حميميم، بحسب المرصد السوري لحقوق الإنسان."


def test_event_page_shows_the_arabic_sentence_with_an_english_gloss(tmp_path: Path, invoke: Callable[..., Any],
                                                                      jsonl_lines: Callable[[str], list[dict[str, Any]]]
                                                                      ) -> None:
    (tmp_path / "ar.txt").write_text(f"---\noutlet: Enab Baladi\npublished: 2024-12-14\n---\n{ARABIC}\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'ar.db'}"
    assert invoke("ingest", str(tmp_path / "ar.txt"), "--db", url).exit_code == 0
    [event] = jsonl_lines(invoke("events", "--db", url, "--format", "jsonl").stdout)
    page = TestClient(create_app(Settings().with_db(url))).get(f"/events/{event['id']}")
    assert page.status_code == 200
    assert 'lang="ar" dir="rtl"' in page.text and "انسحبت القوات الروسية" in page.text
    assert "Forces of Russia withdrew from Hmeimim Air Base (Syria) on 2024-12-13, according to a monitoring group." in page.text


def test_gloss_of_a_handover_and_of_an_unplaced_event() -> None:
    record = {"event": "RETREAT", "mode": "handover", "actor": [{"code": "FRA"}], "date": "2025-01-10",
              "event_loc": {"resolved_place": "Abeche Air Base", "country_code": "TCD", "resolution": "site"},
              "site": {"name": "Abeche Air Base"}, "attribution": {"kind": "official"}}
    assert gloss_event(record) == "Forces of France handed over Abeche Air Base (Chad) on 2025-01-10, according to an official source."
    assert gloss_event({"event": "CONSULT", "actor": []}) == "Unnamed forces held talks in an unnamed place."
