"""Words of a non-English report: sentences, tokens with their offsets, and the folded forms that
lexicon stems and place names are compared against (light morphology, no model):

- French: lower case; elided articles split off ("d'Abéché" -> "d'", "Abéché").
- Russian, Ukrainian: lower case, ё -> е; places compare by stems without case endings.
- Arabic: diacritics stripped, أإآ -> ا, ة -> ه, ى -> ي; the clitics و/ف (and), ب/ل/ك (in, to,
  as) and the article ال peeled off in turn, so "وبالرقة" meets "الرقة".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from sitrep.geo.normalize import fold_arabic

_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"»”)]*\s+|\n\s*\n|\n(?=\S)")
# Arabic short vowels and shadda are combining marks, not \w: kept inside the word.
_TOKEN = re.compile(r"[\w\u064b-\u0652\u0670\u0640]+(?:[-'’][\w\u064b-\u0652\u0670\u0640]+)*")
_ELISION = re.compile(r"^(?:d|l|qu|s|n|j|c|jusqu|lorsqu|puisqu)['’](?=\w)", re.I)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    forms: tuple[str, ...]  # folded readings, the literal one first (Arabic: clitics peeled off in turn)
    clitic: str = ""  # the Arabic proclitics peeled off for the last form ("وب")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    tokens: tuple[Token, ...]


def split_sentences(text: str, language: str) -> Iterator[Sentence]:
    """The report's sentences with their tokens, offsets into the report text."""
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            offset = start + chunk.index(stripped)
            yield Sentence(stripped, offset, offset + len(stripped), tuple(tokenize(stripped, language, offset)))
        start = match.end() if match else len(text)


def tokenize(text: str, language: str, offset: int = 0) -> Iterator[Token]:
    """Word tokens with folded forms; French elided articles become tokens of their own."""
    for match in _TOKEN.finditer(text.translate(_ARABIC_DIGITS)):
        word, start = match.group(), match.start() + offset
        if language == "fr":
            elided = _ELISION.match(word)
            if elided and elided.group()[:1] in "nN" and word[len(elided.group()):][:1].isupper():
                elided = None  # "N'Djamena" is a name, not "ne" elided
            if elided:
                head = elided.group()
                yield Token(head, start, start + len(head), (head.lower().replace("’", "'"),))
                word, start = word[len(head):], start + len(head)
        yield _token(word, start, language)


def _token(word: str, start: int, language: str) -> Token:
    end = start + len(word)
    if language == "ar":
        forms, clitic = arabic_forms(word)
        return Token(word, start, end, forms, clitic)
    folded = word.lower().replace("ё", "е").replace("’", "'")
    return Token(word, start, end, (folded,))


def arabic_forms(word: str) -> tuple[tuple[str, ...], str]:
    """A word's readings with its proclitics peeled off one by one, and the clitics of the last one."""
    forms = [fold_arabic(word)]
    rest, peeled = word, ""
    if len(rest) > 3 and rest[0] in "وف":
        rest, peeled = rest[1:], peeled + rest[0]
        forms.append(fold_arabic(rest))
    if len(rest) > 3 and rest.startswith("لل"):  # لِـ + الـ: "للقوات"
        rest, peeled = rest[1:], peeled + "ل"
        forms.append(fold_arabic("ا" + rest))
    elif len(rest) > 3 and rest[0] in "بلك":
        rest, peeled = rest[1:], peeled + rest[0]
        forms.append(fold_arabic(rest))
    return tuple(dict.fromkeys(forms)), peeled


def fold_phrase(phrase: str, language: str) -> tuple[str, ...]:
    """A lexicon entry as the tuple of folded words it is matched as."""
    if language == "ar":
        return tuple(fold_arabic(w) for w in phrase.split())
    return tuple(w.lower().replace("ё", "е").replace("’", "'") for w in phrase.split())


def starts_with_any(forms: tuple[str, ...], stems: Mapping[str, object] | frozenset[str]) -> str | None:
    """The longest stem one of the forms begins with (prefix match), or None."""
    best: str | None = None
    for form in forms:
        for stem in stems:
            if form.startswith(stem) and (best is None or len(stem) > len(best)):
                best = stem
    return best
