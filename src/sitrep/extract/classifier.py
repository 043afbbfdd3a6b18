"""The learned component: a sentence classifier (event or NONE) that checks the rules.

Rules find triggers, actors and places; they are brittle on what a sentence is *about* (an
"agreement on the bases" that is only discussed, a list of what to watch). A logistic regression
over TF-IDF word n-grams, trained on the PLOVER gold records and sitrep's gold set A
(data/training/), vetoes rule events in sentences it is confident hold no event. It is trained at
first use (about a second) and cached next to the gazetteer index; `sitrep.classifier.v1` names it.
Measured effect: docs/evaluation.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

NAME = "sitrep.classifier.v2"
NONE = "NONE"


@dataclass
class SentenceClassifier:
    model: Any
    labels: list[str]

    def none_probability(self, sentences: list[str]) -> list[float]:
        """P(no event) for each sentence."""
        if not sentences:
            return []
        probs = self.model.predict_proba(sentences)
        col = self.labels.index(NONE)
        return [float(row[col]) for row in probs]


def training_examples() -> list[tuple[str, str]]:
    """(sentence, label) pairs shipped in data/training/sentences.jsonl."""
    path = resources.files("sitrep") / "data" / "training" / "sentences.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["text"], row["label"]) for row in rows]


def train_classifier(examples: list[tuple[str, str]]) -> SentenceClassifier:
    """Fits the TF-IDF + logistic regression model."""
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        HashingVectorizer(ngram_range=(1, 2), n_features=2**18, alternate_sign=False),
        TfidfTransformer(),
        LogisticRegression(max_iter=3000, C=8.0, class_weight="balanced"),
    )
    # Binary (event or NONE): the category is the rules' job; what they get wrong is whether a
    # sentence reports anything at all.
    model.fit([t for t, _ in examples], [NONE if label == NONE else "EVENT" for _, label in examples])
    return SentenceClassifier(model=model, labels=list(model.classes_))


def load_classifier(cache_dir: Path) -> SentenceClassifier:
    """The classifier from the cache when current, else trained and cached."""
    import sklearn

    examples = training_examples()
    digest = hashlib.sha256(f"{NAME}|{sklearn.__version__}|{examples!r}".encode()).hexdigest()[:16]
    path = cache_dir / f"classifier-{digest}.pickle"  # beside the gazetteer: one place to configure
    if path.exists():
        try:
            with path.open("rb") as handle:
                cached: SentenceClassifier = pickle.load(handle)
            return cached
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
    classifier = train_classifier(examples)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(classifier, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass
    return classifier
