"""Table-driven stand-ins for spaCy's attribute ruler and rule lemmatizer, with identical output.

In the small English pipeline these two pure-Python stages cost about as much as the parser:
the attribute ruler runs a 179-pattern Matcher over every token, and the lemmatizer recomputes
the morphology of every base form. Both depend on a few attributes of a token (its tag, its
dependency label, whether it is a space and, for a short list of words, its lower-case text),
so their effect can be computed once per distinct combination and cached. The originals compute
every cache entry, so the output cannot drift from spaCy's (tests/extract/test_fasttags.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

Condition = Callable[[Token], bool]


def _condition(key: str, wanted: Any) -> Condition:
    """One attribute test of a Matcher token pattern, for the keys the English ruler uses."""
    read: Callable[[Token], Any] = {"LOWER": lambda t: t.lower_, "TAG": lambda t: t.tag_,
                                    "DEP": lambda t: t.dep_, "IS_SPACE": lambda t: t.is_space}[key]
    if not isinstance(wanted, dict):
        return lambda t: read(t) == wanted
    ((op, arg),) = wanted.items()
    if op == "IN":
        return lambda t: read(t) in arg
    if op == "NOT_IN":
        return lambda t: read(t) not in arg
    if op == "REGEX":
        pattern = re.compile(arg)
        return lambda t: bool(pattern.search(read(t)))
    raise ValueError(f"unsupported attribute-ruler operator {op!r}")


class AttributeTable:
    """The attribute ruler's effect per (tag, dep, space, lower-if-named) signature."""

    def __init__(self, ruler: Any) -> None:
        self.single: list[tuple[int, list[Condition]]] = []
        self.multi: list[tuple[int, list[list[Condition]], int]] = []
        self.attrs: list[dict[int, int]] = list(ruler.attrs)
        self.named_words: set[str] = set()
        self.regexes: list[re.Pattern[str]] = []
        for order, spec in enumerate(ruler.patterns):
            for pattern in spec["patterns"]:
                unsupported = {k for tok in pattern for k in tok} - {"LOWER", "TAG", "DEP", "IS_SPACE"}
                if unsupported:
                    raise ValueError(f"attribute-ruler keys {unsupported} have no table equivalent")
                self._note_words(pattern)
                tests = [[_condition(k, v) for k, v in tok.items()] for tok in pattern]
                if len(pattern) == 1:
                    self.single.append((order, tests[0]))
                elif 0 <= spec["index"] < len(pattern):  # a word the table has not reached yet
                    self.multi.append((order, tests, spec["index"]))
                else:
                    raise ValueError(f"attribute-ruler index {spec['index']} points before its pattern")
        self.cache: dict[tuple[int, int, bool, str | None], Any] = {}

    def _note_words(self, pattern: list[dict[str, Any]]) -> None:
        for tok in pattern:
            lower = tok.get("LOWER")
            if isinstance(lower, str):
                self.named_words.add(lower)
            elif isinstance(lower, dict):
                ((op, arg),) = lower.items()
                if op == "REGEX":
                    self.regexes.append(re.compile(arg))
                else:
                    self.named_words.update(arg)

    def _word_key(self, token: Token) -> str | None:
        lower = token.lower_
        if lower in self.named_words or any(r.search(lower) for r in self.regexes):
            return lower
        return None

    def _effects(self, token: Token) -> tuple[dict[int, int], list[tuple[int, list[list[Condition]], int]]]:
        """The merged single-word effect on a token of this signature, and the two-word patterns
        whose first word it can be."""
        merged: dict[int, int] = {}
        for order, tests in self.single:
            if all(test(token) for test in tests):
                merged.update(self.attrs[order])  # later patterns win, as in the ruler's sorted matches
        starts = [(order, tests, index) for order, tests, index in self.multi if all(t(token) for t in tests[0])]
        return merged, starts

    def __call__(self, doc: Doc) -> Doc:
        pending: dict[int, list[int]] = {}  # token index -> orders of two-word patterns that set it
        for token in doc:
            key = (token.tag, token.dep, token.is_space, self._word_key(token))
            entry = self.cache.get(key)
            if entry is None:
                entry = self.cache[key] = self._effects(token)
            merged, starts = entry
            for order, tests, index in starts:
                if token.i + len(tests) <= len(doc) and all(
                        all(test(doc[token.i + k]) for test in tests[k]) for k in range(1, len(tests))):
                    pending.setdefault(token.i + index, []).append(order)
            extra = pending.pop(token.i, None)
            if extra:  # rare: redo this word's patterns in pattern order, two-word ones included
                orders = [order for order, tests in self.single if all(test(token) for test in tests)]
                for order in sorted([*orders, *extra]):
                    set_token_attrs(token, self.attrs[order])
            elif merged:
                set_token_attrs(token, merged)
        return doc


class LemmaCache:
    """The rule lemmatizer's lemma per (word, POS, morphology), computed by the lemmatizer itself."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        # Whole columns in and out: a Token object per word would cost more than the lookups.
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma == 0:  # else set by the attribute ruler; the lemmatizer does not overwrite
                key = (orth, pos, morph)
                lemma = self.cache.get(key)
                if lemma is None:
                    lemma = self.cache[key] = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas.append(lemma)
        if lemmas:
            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))  # type: ignore[arg-type]
        return doc


@Language.factory("sitrep_attribute_table")
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable(nlp.get_pipe("attribute_ruler"))


@Language.factory("sitrep_lemma_cache")
def make_lemma_cache(nlp: Language, name: str) -> LemmaCache:
    return LemmaCache(nlp.get_pipe("lemmatizer"))


def use_fast_tagging(nlp: Language) -> None:
    """Swaps the attribute ruler and lemmatizer for their cached equivalents, when present."""
    if "attribute_ruler" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names \
            and getattr(nlp.get_pipe("lemmatizer"), "mode", None) == "rule":
        nlp.add_pipe("sitrep_attribute_table", before="attribute_ruler")
        nlp.add_pipe("sitrep_lemma_cache", before="lemmatizer")
        nlp.remove_pipe("attribute_ruler")
        nlp.remove_pipe("lemmatizer")
