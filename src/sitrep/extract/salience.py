"""The learned event filter (`sitrep.salience.v1`): the last step of extraction in the analyst's
movement scope.

Real articles restate a happening many times (lead, body, quotes, background), and the rules emit
an event for every telling; analysts code the telling that carries the facts. A logistic
regression over what the rules produced, not over words (type, how precise the place is, whether
an actor is coded, a date found, the sentence's position, whether the same happening was told
before, quotation marks, attribution), gives each event the probability that an analyst would
code it just so; events below the threshold are dropped. The weights were fitted on the real-text
development half (`benchmarks/train_salience.py`, which prints the cross-validated figures) and
ship as numbers in `data/training/salience.json`: no article text is stored.

Off by default (`Settings.nlp.salience` 0): it gains on the development half (cross-validated) but
not on the real-text test half, and it costs right events on the held-out gold set B
(docs/extraction.md has the figures).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from sitrep.records import Event

NAME = "sitrep.salience.v1"
TYPES = ("RETREAT", "MOBILIZE", "CONCEDE", "CONSULT", "AGREE", "REQUEST", "REJECT")
RESOLUTIONS = ("site", "city", "district", "province", "country")
QUOTE = re.compile(r"[\"“”]")
FEATURES = (
    *(f"type={t}" for t in TYPES),
    *(f"place={r}" for r in RESOLUTIONS), "place=none",
    "actor coded", "actor none", "dated", "posture", "confidence",
    "log sentence number", "first sentence", "same type and place told before",
    "same type and actor told before", "quotation marks", "opens with a quote", "log words",
    "attributed", "log events in sentence",
)


@dataclass(frozen=True)
class SalienceModel:
    """Weights of the logistic regression, one per feature, and the intercept."""

    weights: tuple[float, ...]
    intercept: float

    def probability(self, features: Sequence[float]) -> float:
        """P(an analyst codes this event as the rules produced it)."""
        z = self.intercept + sum(w * f for w, f in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


def event_features(event: Event, earlier: Sequence[Event], in_sentence: int) -> list[float]:
    """The features of one event, given the report's events before it and how many events its
    sentence produced (FEATURES names them)."""
    resolution = event.place.resolution if event.place else None
    place = event.place.resolved_place if event.place else None
    codes = {a.code for a in event.actor if a.code}
    words = event.event_text.split()
    return [
        *(float(event.event == t) for t in TYPES),
        *(float(resolution == r) for r in RESOLUTIONS), float(event.place is None),
        float(bool(codes)), float(not event.actor), float(event.date is not None),
        float(event.posture is not None), event.confidence,
        math.log1p(event.sequence), float(event.sequence == 0),
        float(any(e.event == event.event and (e.place.resolved_place if e.place else None) == place for e in earlier)),
        float(any(e.event == event.event and codes & {a.code for a in e.actor} for e in earlier)),
        float(bool(QUOTE.search(event.event_text))), float(event.event_text[:1] in "\"“"),
        math.log1p(len(words)),
        float(event.attribution is not None and event.attribution.kind != "media"),
        math.log1p(in_sentence),
    ]


def report_features(events: Sequence[Event]) -> list[list[float]]:
    """Features of every event of one report, in text order."""
    per_sentence: dict[int, int] = {}
    for event in events:
        per_sentence[event.start] = per_sentence.get(event.start, 0) + 1
    return [event_features(e, events[:i], per_sentence[e.start]) for i, e in enumerate(events)]


def keep_salient(events: list[Event], model: SalienceModel, threshold: float) -> list[Event]:
    """The events an analyst would likely code as produced (probability >= threshold)."""
    if threshold <= 0 or not events:
        return events
    rows = report_features(events)
    return [e for e, row in zip(events, rows, strict=True) if model.probability(row) >= threshold]


def load_salience() -> SalienceModel:
    """The shipped weights (data/training/salience.json)."""
    path = resources.files("sitrep") / "data" / "training" / "salience.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("name") != NAME or tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: weights are not {NAME} over the current features; rerun benchmarks/train_salience.py")
    return SalienceModel(weights=tuple(float(w) for w in data["weights"]), intercept=float(data["intercept"]))
