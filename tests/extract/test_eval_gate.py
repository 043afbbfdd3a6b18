"""Evaluation gate: extraction quality on the gold sets may not fall below the measured floors.

Set A is also training data for the learned classifier; set B is never trained on (held out).
Floors are the figures reached when they were set (docs/evaluation.md), minus rounding.
"""

from pathlib import Path

import pytest

from sitrep.extract.evaluate import evaluate_extraction, read_gold

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"

FLOORS = {
    "extract_gold_a.jsonl": {"f1": 0.87, "precision": 0.85, "recall": 0.89, "type_accuracy": 0.91,
                             "actor_accuracy": 0.72, "place_accuracy": 0.73, "date_accuracy": 0.86,
                             "attribution_accuracy": 0.86},
    # B precision 0.79 -> 0.78 (2026-11-29): the handover triggers added for real text (issue 12)
    # also find restatements of happenings B codes once (b02's base handover after its flight out,
    # b06's boarding after the handover); one event per happening per report is still open.
    # B precision 0.78 -> 0.82, F1 0.76 -> 0.78 (issue 12, third round): a province qualifying a
    # named town is no second event place.
    "extract_gold_b.jsonl": {"f1": 0.78, "precision": 0.82, "recall": 0.74, "type_accuracy": 0.82,
                             "actor_accuracy": 0.52, "place_accuracy": 0.62, "date_accuracy": 0.78,
                             "attribution_accuracy": 0.59},
}


@pytest.fixture(scope="module")
def figures(pipeline):
    return {name: evaluate_extraction(read_gold([GOLD / name]), pipeline.extract_many).as_dict()
            for name in FLOORS}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_set_is_large_enough(name):
    reports = read_gold([GOLD / name])
    assert len(reports) >= 20 and sum(len(r.events) for r in reports) >= 100


@pytest.mark.parametrize("name, metric", [(n, m) for n, floors in FLOORS.items() for m in floors])
def test_figure_stays_above_floor(figures, name, metric):
    assert figures[name][metric] >= FLOORS[name][metric], figures[name]


def test_classifier_veto_does_not_lower_held_out_f1(pipeline):
    from sitrep.pipeline import Pipeline

    gold = read_gold([GOLD / "extract_gold_b.jsonl"])
    rules_only = Pipeline(settings=pipeline.settings.with_veto(0), gazetteer=pipeline.gazetteer, nlp=pipeline.nlp)
    with_veto = evaluate_extraction(gold, pipeline.extract_many)
    without = evaluate_extraction(gold, rules_only.extract_many)
    assert with_veto.f1 >= without.f1
    assert with_veto.predicted <= without.predicted
