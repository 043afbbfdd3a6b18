"""Extraction evaluation against gold sets: our own texts (tests/data/gold/*.jsonl, text inline) and
the real-text corpus (tests/data/realtext/{dev,test}/*.json, one annotation per article whose text
sits, git-ignored, in tests/data/realtext/texts/<sha256>.txt; format in its README).

Gold and predicted events are paired within a sentence (a gold event's quote lies in the predicted
event's sentence): pairs prefer the same category, then a place within the gold radius (25 km by
default). Unpaired predictions are false positives, unpaired gold events false negatives. Type,
actor, place, date and attribution accuracies are measured over the pairs; an event is *right* when
its type, actor, place and date all are (the issue-12 criterion), which gives strict P/R/F1.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.geo.resolve import haversine_km
from sitrep.records import Event, Report, content_id

PLACE_KM = 25.0
FIELDS = ("type", "actor", "place", "date", "attribution")


@dataclass(frozen=True)
class GoldReport:
    report: Report
    events: tuple[dict[str, Any], ...]


@dataclass
class ExtractionScores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    right: int = 0  # pairs whose type, actor, place and date are all correct
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # gold files whose text is missing or changed
    failed: list[str] = field(default_factory=list)  # reports the extractor failed on: their gold events count as missed
    missed_by_class: dict[str, int] = field(default_factory=dict)  # failure class -> gold events not right
    gold_by_class: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def strict_precision(self) -> float:
        return _ratio(self.right, self.predicted)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.right, self.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.matched if self.matched else 0.0

    def as_dict(self) -> dict[str, float]:
        out = {"gold": self.gold, "predicted": self.predicted, "matched": self.matched, "right": self.right,
               "precision": self.precision, "recall": self.recall, "f1": self.f1,
               "strict_precision": self.strict_precision, "strict_recall": self.strict_recall,
               "strict_f1": self.strict_f1}
        out.update({f"{name}_accuracy": self.accuracy(name) for name in FIELDS})
        out["failed_reports"] = len(self.failed)
        return {k: round(float(v), 4) for k, v in out.items()}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def read_gold(paths: Iterable[Path], *, skipped: list[str] | None = None) -> list[GoldReport]:
    """Gold reports from jsonl files (text inline), real-text annotations (.json, text by sha256
    beside them) or folders of either. A real-text annotation whose text is missing or changed is
    left out and named in `skipped`."""
    files: list[Path] = []
    for path in paths:
        # Folders are read with their subfolders: tests/data/realtext/ holds dev/ and test/.
        files += sorted([*path.rglob("*.jsonl"), *path.rglob("*.json")]) if path.is_dir() else [path]
    skipped = [] if skipped is None else skipped
    out: list[GoldReport] = []
    for file in files:
        if file.suffix == ".json":
            gold = _read_annotation(file, skipped)
            out += [gold] if gold else []
            continue
        for number, line in enumerate(file.read_text(encoding="utf-8").split("\n"), start=1):
            if line.strip():
                item = json.loads(line)
                out.append(_gold_report(item, item["text"], origin=f"{file}#line-{number}"))
    return out


def _read_annotation(file: Path, skipped: list[str]) -> GoldReport | None:
    item = json.loads(file.read_text(encoding="utf-8"))
    text_file = file.parent.parent / "texts" / f"{item['sha256']}.txt"
    try:
        data = text_file.read_bytes()
    except OSError:
        skipped.append(f"{file}: text not retrieved ({text_file.name})")
        return None
    if hashlib.sha256(data).hexdigest() != item["sha256"]:
        skipped.append(f"{file}: text changed (sha256 differs)")
        return None
    return _gold_report(item, data.decode("utf-8"), origin=str(file))


def _gold_report(item: dict[str, Any], text: str, *, origin: str) -> GoldReport:
    report = Report(
        id=content_id(text), text=text, origin=origin, title=item.get("title"), outlet=item.get("outlet"),
        url=item.get("url"),
        published=date.fromisoformat(item["published"]) if item.get("published") else None,
        language=item.get("language") or "en",
    )
    for event in item["events"]:
        if event["quote"] not in text:
            raise ValueError(f"{origin}: quote not in text: {event['quote']!r}")
    return GoldReport(report, tuple(item["events"]))


def evaluate_extraction(gold: list[GoldReport], predict: Callable[[list[Report]], Iterable[tuple[Report, list[Event]]]]) -> ExtractionScores:
    """Scores a predictor (reports -> events per report) against the gold reports."""
    scores = ExtractionScores()
    by_id = {g.report.id: g for g in gold}
    for report, events in predict([g.report for g in gold]):
        _score_report(by_id.pop(report.id), events, scores)
    for left in by_id.values():  # a report the extractor failed on is a miss, never left out of the scores
        scores.failed.append(left.report.origin)
        _score_report(left, [], scores)
    return scores


def _score_report(gold: GoldReport, events: list[Event], scores: ExtractionScores) -> None:
    scores.gold += len(gold.events)
    scores.predicted += len(events)
    text = gold.report.text
    unpaired = list(events)
    for g in gold.events:
        start = text.index(g["quote"])
        classes = g.get("classes") or []
        for name in classes:
            scores.gold_by_class[name] = scores.gold_by_class.get(name, 0) + 1
        candidates = [e for e in unpaired if e.start <= start < e.end]
        if not candidates:
            scores.errors.append(f"MISSED {g['event']} @ {(g.get('place') or {}).get('name')}: {g['quote']}")
            _count_miss(scores, classes)
            continue
        best = _best_candidate(g, candidates)
        unpaired.remove(best)
        scores.matched += 1
        checks = {
            "type": _type_ok(g, best),
            "actor": _actor_ok(g, best),
            "place": _place_ok(g, best),
            "date": _date_ok(g, best),
            "attribution": (best.attribution.kind if best.attribution else None) == g.get("attribution"),
        }
        if all(checks[name] for name in ("type", "actor", "place", "date")):
            scores.right += 1
        else:
            _count_miss(scores, classes)
        for name, ok in checks.items():
            scores.correct[name] += ok
            if not ok:
                scores.errors.append(f"WRONG {name}: gold {_gold_value(g, name)} got {_got_value(best, name)}: {g['quote']}")
    for e in unpaired:
        scores.errors.append(f"EXTRA {e.event} @ {e.place.resolved_place if e.place else None}: {e.event_text[:100]}")


def pair_events(gold: GoldReport, events: list[Event]) -> list[tuple[Event, bool]]:
    """The predicted events paired with gold events (as scored above), each with whether it is
    right on type, actor, place and date."""
    text = gold.report.text
    unpaired = list(events)
    pairs = []
    for g in gold.events:
        start = text.index(g["quote"])
        candidates = [e for e in unpaired if e.start <= start < e.end]
        if candidates:
            best = _best_candidate(g, candidates)
            unpaired.remove(best)
            pairs.append((best, all(ok(g, best) for ok in (_type_ok, _actor_ok, _place_ok, _date_ok))))
    return pairs


def _best_candidate(g: dict[str, Any], candidates: list[Event]) -> Event:
    return max(candidates, key=lambda e: (_type_ok(g, e), _place_ok(g, e), _actor_ok(g, e), _date_ok(g, e)))


def _count_miss(scores: ExtractionScores, classes: list[str]) -> None:
    for name in classes:
        scores.missed_by_class[name] = scores.missed_by_class.get(name, 0) + 1


def _type_ok(g: dict[str, Any], e: Event) -> bool:
    return e.event == g["event"] or e.event in (g.get("also_accept") or [])


def _date_ok(g: dict[str, Any], e: Event) -> bool:
    """The predicted day lies in the gold window (or equals the gold day); no date when gold has none."""
    window = g.get("date_window")
    got = e.date.isoformat() if e.date else None
    if window:
        return got is not None and window[0] <= got <= window[1]
    return got == g.get("date")


def _actor_ok(g: dict[str, Any], e: Event) -> bool:
    """The acting force's code matches (ANNOTATION.md codes actors by ISO3 or organisation code);
    gold without a code wants none."""
    code = (g.get("actor") or {}).get("code")
    if not code:
        return not any(a.code for a in e.actor)
    return any(a.code == code for a in e.actor)


def _place_ok(g: dict[str, Any], e: Event) -> bool:
    place = g.get("place")
    if place is None:
        return e.place is None
    if e.place is None:
        return False
    radius = max(PLACE_KM, float(place.get("radius_km") or 0))
    return haversine_km(place["lat"], place["lon"], e.place.lat, e.place.lon) <= radius


def _gold_value(g: dict[str, Any], name: str) -> Any:
    return {"type": g["event"], "actor": g.get("actor"), "place": (g.get("place") or {}).get("name"),
            "date": g.get("date_window") or g.get("date"), "attribution": g.get("attribution")}[name]


def _got_value(e: Event, name: str) -> Any:
    return {"type": e.event, "actor": [(a.entity_text, a.code, a.sector) for a in e.actor],
            "place": e.place.resolved_place if e.place else None,
            "date": e.date.isoformat() if e.date else None,
            "attribution": e.attribution.kind if e.attribution else None}[name]
