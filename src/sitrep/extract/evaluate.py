"""Extraction evaluation against a gold set (tests/data/gold/*.jsonl, format in docs/evaluation.md).

Gold and predicted events are paired within a sentence (a gold event's quote lies in the predicted
event's sentence): pairs prefer the same category, then a place within 25 km. Unpaired predictions
are false positives, unpaired gold events false negatives. Type, actor, place, date and attribution
accuracies are measured over the pairs.
"""

from __future__ import annotations

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
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.matched if self.matched else 0.0

    def as_dict(self) -> dict[str, float]:
        out = {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
               "precision": self.precision, "recall": self.recall, "f1": self.f1}
        out.update({f"{name}_accuracy": self.accuracy(name) for name in FIELDS})
        return {k: round(float(v), 4) for k, v in out.items()}


def read_gold(paths: Iterable[Path]) -> list[GoldReport]:
    """Gold reports from jsonl files or folders of them."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    out = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").split("\n"), start=1):
            if not line.strip():
                continue
            item = json.loads(line)
            report = Report(
                id=content_id(item["text"]), text=item["text"], origin=f"{file}#line-{number}",
                title=item.get("title"), outlet=item.get("outlet"),
                published=date.fromisoformat(item["published"]) if item.get("published") else None,
                language="en",
            )
            for event in item["events"]:
                if event["quote"] not in item["text"]:
                    raise ValueError(f"{file}#line-{number}: quote not in text: {event['quote']!r}")
            out.append(GoldReport(report, tuple(item["events"])))
    return out


def evaluate_extraction(gold: list[GoldReport], predict: Callable[[list[Report]], Iterable[tuple[Report, list[Event]]]]) -> ExtractionScores:
    """Scores a predictor (reports -> events per report) against the gold reports."""
    scores = ExtractionScores()
    by_id = {g.report.id: g for g in gold}
    for report, events in predict([g.report for g in gold]):
        _score_report(by_id[report.id], events, scores)
    return scores


def _score_report(gold: GoldReport, events: list[Event], scores: ExtractionScores) -> None:
    scores.gold += len(gold.events)
    scores.predicted += len(events)
    text = gold.report.text
    unpaired = list(events)
    for g in gold.events:
        start = text.index(g["quote"])
        candidates = [e for e in unpaired if e.start <= start < e.end]
        if not candidates:
            scores.errors.append(f"MISSED {g['event']} @ {(g.get('place') or {}).get('name')}: {g['quote']}")
            continue
        best = max(candidates, key=lambda e: (e.event == g["event"], _place_ok(g, e)))
        unpaired.remove(best)
        scores.matched += 1
        checks = {
            "type": best.event == g["event"],
            "actor": _actor_ok(g, best),
            "place": _place_ok(g, best),
            "date": (best.date.isoformat() if best.date else None) == g.get("date"),
            "attribution": (best.attribution.kind if best.attribution else None) == g.get("attribution"),
        }
        for name, ok in checks.items():
            scores.correct[name] += ok
            if not ok:
                scores.errors.append(f"WRONG {name}: gold {_gold_value(g, name)} got {_got_value(best, name)}: {g['quote']}")
    for e in unpaired:
        scores.errors.append(f"EXTRA {e.event} @ {e.place.resolved_place if e.place else None}: {e.event_text[:100]}")


def _actor_ok(g: dict[str, Any], e: Event) -> bool:
    actor = g.get("actor") or {}
    if not actor.get("code") and not actor.get("sector"):
        return not any(a.code for a in e.actor)
    return any(a.code == actor.get("code") and a.sector == actor.get("sector") for a in e.actor)


def _place_ok(g: dict[str, Any], e: Event) -> bool:
    place = g.get("place")
    if place is None:
        return e.place is None
    if e.place is None:
        return False
    return haversine_km(place["lat"], place["lon"], e.place.lat, e.place.lon) <= PLACE_KM


def _gold_value(g: dict[str, Any], name: str) -> Any:
    return {"type": g["event"], "actor": g.get("actor"), "place": (g.get("place") or {}).get("name"),
            "date": g.get("date"), "attribution": g.get("attribution")}[name]


def _got_value(e: Event, name: str) -> Any:
    return {"type": e.event, "actor": [(a.entity_text, a.code, a.sector) for a in e.actor],
            "place": e.place.resolved_place if e.place else None,
            "date": e.date.isoformat() if e.date else None,
            "attribution": e.attribution.kind if e.attribution else None}[name]
