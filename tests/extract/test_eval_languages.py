"""Evaluation gate of the native route: per language, a tuning half (the lexicons and place-name
table were grown on it) and a held-out half (never looked at while tuning), both own texts
(tests/data/gold/languages/, docs/languages.md). Floors are the figures when set, minus rounding.
"""

from pathlib import Path

import pytest

from sitrep.extract.evaluate import evaluate_extraction, read_gold

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "languages"
LANGUAGES = ("fr", "ru", "uk", "ar")

# (detection precision, detection recall, strict precision, strict recall, place accuracy)
FLOORS = {
    "fr_tune": (0.89, 0.94, 0.84, 0.89, 0.94), "fr_heldout": (0.72, 0.96, 0.47, 0.62, 0.92),
    "ru_tune": (0.99, 0.99, 0.94, 0.94, 0.97), "ru_heldout": (0.87, 0.99, 0.51, 0.59, 0.88),
    "uk_tune": (0.99, 0.99, 0.91, 0.91, 0.94), "uk_heldout": (0.84, 0.99, 0.43, 0.51, 0.77),
    "ar_tune": (0.99, 0.94, 0.94, 0.89, 0.97), "ar_heldout": (0.85, 0.88, 0.64, 0.66, 0.91),
}
METRICS = ("precision", "recall", "strict_precision", "strict_recall", "place_accuracy")


@pytest.fixture(scope="module")
def figures(pipeline):
    from sitrep.pipeline import Pipeline

    every_category = Pipeline(settings=pipeline.settings.with_scope("all"), gazetteer=pipeline.gazetteer,
                              nlp=pipeline.nlp)
    return {name: evaluate_extraction(read_gold([GOLD / f"{name}.jsonl"]), every_category.extract_many).as_dict()
            for name in FLOORS}


@pytest.mark.parametrize("language", LANGUAGES)
def test_gold_set_is_large_enough_and_split(language):
    halves = [read_gold([GOLD / f"{language}_{half}.jsonl"]) for half in ("tune", "heldout")]
    reports = [r for half in halves for r in half]
    assert len(reports) >= 30 and sum(len(r.events) for r in reports) >= 60
    assert all(r.report.language == language for r in reports)
    texts = [{r.report.id for r in half} for half in halves]
    assert not texts[0] & texts[1]  # no report in both halves


@pytest.mark.parametrize("name, metric", [(n, m) for n in FLOORS for m in METRICS])
def test_figure_stays_above_floor(figures, name, metric):
    assert figures[name][metric] >= FLOORS[name][METRICS.index(metric)], figures[name]
