"""Evaluation gate of the native route: per language, two tuning sets (the lexicons and place-name
table were grown on them: tune, tune2) and two held-out sets (never read for errors: heldout, and
heldout2, written before the second round of tuning), all own texts (tests/data/gold/languages/,
docs/languages.md). Floors are the figures when set, minus rounding.
"""

from pathlib import Path

import pytest

from sitrep.extract.evaluate import evaluate_extraction, read_gold

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "languages"
LANGUAGES = ("fr", "ru", "uk", "ar")
HALVES = ("tune", "tune2", "heldout", "heldout2")

# (detection precision, detection recall, strict precision, strict recall, place accuracy)
FLOORS = {
    "fr_tune": (0.93, 0.99, 0.91, 0.96, 0.96), "fr_tune2": (0.99, 0.99, 0.99, 0.99, 0.99),
    "fr_heldout": (0.75, 0.95, 0.60, 0.76, 0.91), "fr_heldout2": (0.87, 0.93, 0.82, 0.87, 0.92),
    "ru_tune": (0.99, 0.99, 0.99, 0.99, 0.99), "ru_tune2": (0.99, 0.99, 0.99, 0.99, 0.99),
    "ru_heldout": (0.86, 0.99, 0.53, 0.61, 0.87), "ru_heldout2": (0.93, 0.93, 0.75, 0.75, 0.80),
    "uk_tune": (0.99, 0.99, 0.99, 0.99, 0.99), "uk_tune2": (0.99, 0.99, 0.99, 0.99, 0.99),
    "uk_heldout": (0.83, 0.99, 0.45, 0.54, 0.80), "uk_heldout2": (0.92, 0.87, 0.61, 0.57, 0.72),
    "ar_tune": (0.99, 0.99, 0.99, 0.99, 0.99), "ar_tune2": (0.99, 0.90, 0.99, 0.90, 0.99),
    "ar_heldout": (0.79, 0.91, 0.53, 0.61, 0.91), "ar_heldout2": (0.93, 0.99, 0.76, 0.81, 0.81),
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
    halves = [read_gold([GOLD / f"{language}_{half}.jsonl"]) for half in HALVES]
    reports = [r for half in halves for r in half]
    assert len(reports) >= 30 and sum(len(r.events) for r in reports) >= 60
    assert all(r.report.language == language for r in reports)
    texts = [{r.report.id for r in half} for half in halves]
    assert len(set().union(*texts)) == sum(len(t) for t in texts)  # no report in two sets


@pytest.mark.parametrize("name, metric", [(n, m) for n in FLOORS for m in METRICS])
def test_figure_stays_above_floor(figures, name, metric):
    assert figures[name][metric] >= FLOORS[name][METRICS.index(metric)], figures[name]
