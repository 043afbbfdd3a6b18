"""Real-text gold: annotations beside git-ignored texts found by sha256, date windows, accepted types."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from sitrep.extract.evaluate import evaluate_extraction, pair_events, read_gold
from sitrep.records import Actor, Attribution, Event, Place, Report

TEXT = "Paris, 3 May. French troops left the Kossei base on Tuesday, the army said.\nRead also: other news."
QUOTE = "French troops left the Kossei base on Tuesday"


def _corpus(tmp_path: Path, *, text: str = TEXT, write_text: bool = True) -> Path:
    (tmp_path / "dev").mkdir(parents=True)
    (tmp_path / "texts").mkdir()
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    if write_text:
        (tmp_path / "texts" / f"{sha}.txt").write_bytes(text.encode())
    gold_event = {"quote": QUOTE, "event": "RETREAT", "also_accept": ["MOBILIZE"],
                  "actor": {"text": "French troops", "code": "FRA", "sector": "MIL"}, "recipient": None,
                  "place": {"name": "Kossei", "lat": 12.10, "lon": 15.03, "resolution": "site", "radius_km": 30},
                  "date": "2024-04-30", "date_window": ["2024-04-30", "2024-04-30"],
                  "attribution": "official", "classes": ["date-relative"]}
    annotation = {"url": "https://example.org/a", "query": "q", "sha256": sha, "published": "2024-05-03",
                  "outlet": "Example", "title": "t", "theatre": "Chad", "outlet_kind": "local",
                  "events": [gold_event]}
    (tmp_path / "dev" / "chad-a.json").write_text(json.dumps(annotation))
    return tmp_path / "dev"


def _event(report: Report, *, category: str, day: date | None, lat: float) -> Event:
    start = report.text.index(QUOTE)
    place = Place("Kossei", "Kossei", lat, 15.03, "TCD", "MILB", "site")
    return Event(id="e1", report_id=report.id, event=category, mode=None,
                 actor=(Actor("French troops", "FRA", "MIL"),), recipient=(), date=day, enddate=None,
                 date_precision="day", place=place, posture="departed",
                 attribution=Attribution("the army", "official", None), confidence=0.8,
                 event_text=QUOTE, sequence=1, start=start, end=start + len(QUOTE) + 20, trigger="left")


def test_annotation_reads_its_text_by_sha256(tmp_path: Path) -> None:
    gold = read_gold([_corpus(tmp_path)])
    assert len(gold) == 1 and gold[0].report.text == TEXT
    assert gold[0].report.published == date(2024, 5, 3)


def test_missing_or_changed_text_is_skipped_and_named(tmp_path: Path) -> None:
    skipped: list[str] = []
    assert read_gold([_corpus(tmp_path / "a", write_text=False)], skipped=skipped) == []
    assert read_gold([_corpus(tmp_path / "b", text=TEXT + " edited")], skipped=skipped) == []
    assert "text not retrieved" in skipped[0] and "sha256 differs" in skipped[1]


def test_an_event_is_right_only_when_type_actor_place_and_date_are(tmp_path: Path) -> None:
    gold = read_gold([_corpus(tmp_path)])

    def predict(day: date | None, category: str = "RETREAT", lat: float = 12.10):
        return lambda reports: [(r, [_event(r, category=category, day=day, lat=lat)]) for r in reports]

    assert evaluate_extraction(gold, predict(date(2024, 4, 30))).right == 1
    assert evaluate_extraction(gold, predict(date(2024, 4, 30), category="MOBILIZE")).right == 1  # also accepted
    assert evaluate_extraction(gold, predict(date(2024, 5, 3))).right == 0  # the publication day, not the event's
    assert evaluate_extraction(gold, predict(date(2024, 4, 30), lat=13.0)).right == 0  # 100 km off
    missed = evaluate_extraction(gold, predict(None))
    assert missed.right == 0 and missed.matched == 1 and missed.missed_by_class == {"date-relative": 1}


def test_pairs_say_which_predicted_events_are_right(tmp_path: Path) -> None:
    gold = read_gold([_corpus(tmp_path)])[0]
    right = _event(gold.report, category="RETREAT", day=date(2024, 4, 30), lat=12.10)
    wrong = _event(gold.report, category="RETREAT", day=date(2024, 5, 3), lat=12.10)
    assert pair_events(gold, [right]) == [(right, True)]
    assert pair_events(gold, [wrong]) == [(wrong, False)]


def test_eval_without_retrieved_texts_says_so_and_fails(tmp_path: Path, invoke) -> None:
    corpus = _corpus(tmp_path, write_text=False)
    result = invoke("eval", "extract", str(corpus.parent))
    assert result.exit_code == 1
    assert "text not retrieved" in result.stderr and "no gold report could be read" in result.stderr


def test_a_corpus_folder_is_read_with_its_halves(tmp_path: Path) -> None:
    _corpus(tmp_path)
    assert len(read_gold([tmp_path])) == 1  # dev/ found below the corpus folder; texts/ holds no gold
