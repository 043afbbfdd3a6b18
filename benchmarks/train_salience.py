"""Fits the learned event filter (extract/salience.py) on the real-text development half and
sitrep's gold set A: `python benchmarks/train_salience.py [DEV_FOLDER] [--write]`.

Needs the article texts in tests/data/realtext/texts/ (tests/data/realtext/README.md). Runs the
rules (filter off, movement scope) over the development articles and gold set A, labels each
event 1 when it pairs with a gold event and is right on type, actor, place and date (the
real-text scoring), prints the cross-validated right-event figures on the development half per
threshold (folds by article, so an article's events are never scored by weights fitted on it;
gold set A is in every training fold, at half weight: house-style reports should not be judged
by real-text habits alone), and the figures on gold set B (never trained on). With --write it
stores the weights fitted on all of them in src/sitrep/data/training/salience.json. Only numbers
are written, never text.
"""

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from sitrep.extract.evaluate import pair_events, read_gold
from sitrep.extract.salience import FEATURES, NAME, report_features
from sitrep.pipeline import Pipeline
from sitrep.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"
C = 1.0  # inverse regularisation: as good as 0.3 and 3 in repeated 5-fold runs on dev, steadier
THRESHOLDS = (0.0, 0.05, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3)


OWN_WEIGHT = 0.5  # gold set A's events count half: the filter is for real articles first


def labelled_rows(paths: list[Path], pipeline: Pipeline) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Features, labels (right or not), article of each event, and the number of gold events."""
    gold = read_gold(paths)
    by_id = {g.report.id: g for g in gold}
    rows, labels, groups = [], [], []
    for report, events in pipeline.extract_many([g.report for g in gold]):
        right = {e.id for e, ok in pair_events(by_id[report.id], events) if ok}
        rows += report_features(events)
        labels += [int(e.id in right) for e in events]
        groups += [report.id] * len(events)
    return np.array(rows), np.array(labels), np.array(groups), sum(len(g.events) for g in gold)


def fit(x: np.ndarray, y: np.ndarray, own: tuple[np.ndarray, np.ndarray]) -> LogisticRegression:
    """The logistic regression over the given events plus gold set A's at OWN_WEIGHT."""
    weights = np.concatenate([np.ones(len(y)), np.full(len(own[1]), OWN_WEIGHT)])
    return LogisticRegression(C=C, max_iter=3000).fit(np.vstack([x, own[0]]), np.concatenate([y, own[1]]),
                                                      sample_weight=weights)


def print_figures(name: str, probability: np.ndarray, y: np.ndarray, n_gold: int) -> None:
    print(f"{name}: {len(y)} events, {int(y.sum())} right, {n_gold} gold events")
    for threshold in THRESHOLDS:
        kept = probability >= threshold
        right, n = int(y[kept].sum()), int(kept.sum())
        p, r = right / max(n, 1), right / n_gold
        print(f"  threshold {threshold:.3f}: kept {n}, right {right}, P {p:.3f} R {r:.3f} "
              f"F1 {2 * p * r / max(p + r, 1e-9):.3f}")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = Path(args[0]) if args else ROOT / "tests" / "data" / "realtext" / "dev"
    pipeline = Pipeline.load(Settings().with_salience(0))
    x, y, groups, n_gold = labelled_rows(sorted(folder.glob("*.json")), pipeline)
    xa, ya, _, _ = labelled_rows([GOLD / "extract_gold_a.jsonl"], pipeline)
    xb, yb, _, nb = labelled_rows([GOLD / "extract_gold_b.jsonl"], pipeline)
    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        oof[test] = fit(x[train], y[train], (xa, ya)).predict_proba(x[test])[:, 1]
    print_figures("development half, 5-fold by article", oof, y, n_gold)
    model = fit(x, y, (xa, ya))
    print_figures("gold set B (held out)", model.predict_proba(xb)[:, 1], yb, nb)
    if "--write" in sys.argv:
        out = ROOT / "src" / "sitrep" / "data" / "training" / "salience.json"
        out.write_text(json.dumps({
            "name": NAME, "trained_on": f"{folder.relative_to(ROOT)} ({len(set(groups))} articles, {len(y)} events) and "
                          f"tests/data/gold/extract_gold_a.jsonl ({len(ya)} events, weight {OWN_WEIGHT})",
            "features": list(FEATURES), "weights": [round(float(w), 4) for w in model.coef_[0]],
            "intercept": round(float(model.intercept_[0]), 4)}, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
