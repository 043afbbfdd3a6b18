"""The cached attribute table and lemmatizer give exactly what spaCy's own stages give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy

from sitrep.extract.fasttags import use_fast_tagging
from sitrep.settings import NlpSettings

# Own sentences that reach the ruler's rare patterns: two-word ones ("gonna", "ain't", "let's",
# "y'all", "c'mon", "gotta"), dependency-dependent ones ("it"/"you"/"I" as subject and object,
# "but" as an adverb, expletive "there is"), auxiliaries, determiners used as pronouns, spaces.
TRICKY = """We're gonna move the convoy tonight, and y'all ain't coming. Let's go.
C'mon, you gotta see this: I told it to you and you gave it to me.
There is a base near the river; there were two. All but one battalion left.

That was what they did, and those who stayed had done so before.   Did they have to?
"""


def _annotations(doc: Any) -> list[tuple[str, str, str, str, str, str, int]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Any, Any]:
    model = NlpSettings().model
    original, fast = spacy.load(model), spacy.load(model)
    use_fast_tagging(fast)
    return original, fast


def test_the_fast_stages_replace_the_slow_ones(pipelines: tuple[Any, Any]) -> None:
    original, fast = pipelines
    assert "attribute_ruler" in original.pipe_names and "lemmatizer" in original.pipe_names
    assert "attribute_ruler" not in fast.pipe_names and "lemmatizer" not in fast.pipe_names
    assert {"sitrep_attribute_table", "sitrep_lemma_cache"} <= set(fast.pipe_names)


def test_same_tags_lemmas_and_morphology_as_spacy(pipelines: tuple[Any, Any], samples_dir: Path) -> None:
    original, fast = pipelines
    texts = [TRICKY] + [p.read_text(encoding="utf-8") for p in sorted(samples_dir.rglob("*"))
                        if p.suffix in {".txt", ".md"}]
    tokens = 0
    for _ in range(2):  # the second pass runs from warm caches
        for want, got in zip(original.pipe(texts), fast.pipe(texts), strict=True):
            assert _annotations(got) == _annotations(want)
            tokens += len(want)
    assert tokens > 5000


def test_the_rare_two_word_patterns_fire(pipelines: tuple[Any, Any]) -> None:
    _, fast = pipelines
    lemmas = {t.lower_: t.lemma_ for t in fast("We're gonna leave, y'all.")}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"
