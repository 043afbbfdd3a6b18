"""Actor normalisation: a span of tokens -> Actor(entity_text, code, sector)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sitrep.extract.lexicon import (
    CAPITALS,
    COLLECTIVE_HEADS,
    COUNTRY_WORDS,
    NAMED_ACTORS,
    ORGANISATION_CODES,
    SECTOR_WORDS,
)
from sitrep.records import Actor

# Domestic sectors take the document's focus country when the text names no country.
DOMESTIC_SECTORS = {"REB", "CVL"}


def actor_from_tokens(tokens: Iterable[Any], *, focus_country: str | None = None) -> Actor | None:
    """An Actor from a subject/object span, or None when it names no actor we know."""
    toks = [t for t in tokens if not t.is_punct]
    if not toks:
        return None
    text = " ".join(t.text for t in toks)
    lowered = text.lower()
    words = _words(toks)  # the span's words, then its two-word runs
    for name in _named_candidates(set(words[: len(toks)])):
        named_code, named_sector = NAMED_ACTORS[name]
        if _contains_phrase(lowered, name):
            if named_code in ORGANISATION_CODES:
                # "Kenyan troops of the EAC force": a national contingent acts for its country.
                # The country word must not be part of the organisation's own name ("South African
                # Development Community").
                national = _contingent(toks, name)
                if national is not None:
                    return Actor(_trim(toks), national, "MIL")
            return Actor(_trim(toks), named_code, named_sector)
    if any(AIRCRAFT_TYPE.match(t.text) for t in toks):
        toks_sector: str | None = "MIL"  # "a Russian Il-76", "two C-17s"
    else:
        toks_sector = None
    # The head noun decides the sector ("fighter jets" are MIL, "fighters" REB).
    head = next((t for t in toks if t.head not in toks or t.head is t), toks[-1])
    sector: str | None = SECTOR_WORDS.get(head.lemma_.lower()) or SECTOR_WORDS.get(head.lower_)
    sector = sector or toks_sector
    if head.lower_ in COLLECTIVE_HEADS:
        inner = [SECTOR_WORDS.get(t.lemma_.lower()) for t in toks if t is not head]
        sector = next((x for x in inner if x), sector)
    # Two-word country words first ("south african", "dr congo"), then word by word below.
    code: str | None = next((COUNTRY_WORDS[p] for p in words[len(toks):] if p in COUNTRY_WORDS), None)
    for tok in toks:
        word = tok.text.lower().removesuffix("'s").removesuffix("’s").strip()
        lemma = tok.lemma_.lower()
        if code is None and not _is_patron(tok):
            code = COUNTRY_WORDS.get(word) or COUNTRY_WORDS.get(word.split("-")[0])
            if code and word in CAPITALS and len(toks) <= 2:
                sector = "GOV"  # "Moscow", "the Kremlin" acting: the government
        if sector is None or (sector == "GOV" and word in CAPITALS):
            sector = SECTOR_WORDS.get(lemma) or SECTOR_WORDS.get(word) or sector
    if code is None and sector is None:
        return None
    if code is not None and sector is None and all(t.pos_ == "PROPN" or t.lower_ in {"the"} for t in toks):
        sector = "GOV"  # "Saudi Arabia condemned": a state acting is its government
    domestic = sector in DOMESTIC_SECTORS or any(t.lower_ in {"government", "state", "national"} for t in toks)
    if code is None and (domestic or (sector == "GOV" and _has_proper_noun(toks))):
        code = focus_country
    if code is None and sector is not None and not _has_proper_noun(toks):
        # "the troops", "officials": too vague to code without a country.
        return Actor(_trim(toks), None, sector)
    return Actor(_trim(toks), code, sector)


HOST_PREPOSITIONS = {"in", "to", "for", "at", "across", "inside"}


def _contingent(toks: list[Any], name: str) -> str | None:
    """The country of a national contingent named in an organisation's force ("Kenyan troops of
    the EAC force"), not the country it serves in ("the UN mission in Mali") nor one inside the
    organisation's own name ("South African Development Community")."""
    words = [t.text.lower().removesuffix("'s").removesuffix("’s") for t in toks]
    for i in range(len(words)):
        for width in (2, 1):
            word = " ".join(words[i:i + width])
            if len(words[i:i + width]) < width or word not in COUNTRY_WORDS or word in CAPITALS or word in name:
                continue
            if i > 0 and words[i - 1] in HOST_PREPOSITIONS:
                continue  # the host: "in Mali"
            return COUNTRY_WORDS[word]
    return None


def _words(toks: list[Any]) -> list[str]:
    """Lower-case words of a span, and its two-word runs ("south african", "dr congo")."""
    words = [t.text.lower().removesuffix("'s").removesuffix("’s") for t in toks]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


AIRCRAFT_TYPE = re.compile(r"^(?:Il|An|Su|Ka|Mi|Tu|MiG|Yak|C|KC|MQ|RQ|F|B|E|P|A|J|Y)-?\d{1,3}[A-Z]?s?$|^A400Ms?$")
PATRON_WORDS = {"backed", "supported", "sponsored", "allied", "funded", "trained", "aligned"}


def _is_patron(tok: Any) -> bool:
    """'Turkish-backed rebels' are not Turkish: the country word names their patron."""
    doc = tok.doc
    nxt = doc[tok.i + 1 : tok.i + 3]
    words = [t.lower_ for t in nxt]
    return (len(words) == 2 and words[0] == "-" and words[1] in PATRON_WORDS) or \
        any(w.startswith("-") and w[1:] in PATRON_WORDS for w in words[:1])


_NAMES_BY_FIRST_WORD: dict[str, list[str]] = {}
for _name in NAMED_ACTORS:
    _NAMES_BY_FIRST_WORD.setdefault(_name.split()[0], []).append(_name)
_NAME_ORDER = {name: i for i, name in enumerate(NAMED_ACTORS)}


def _named_candidates(words: set[str]) -> list[str]:
    """Named actors whose first word occurs in the span, in the table's order (cheap pre-filter)."""
    found = [n for w in words & _NAMES_BY_FIRST_WORD.keys() for n in _NAMES_BY_FIRST_WORD[w]]
    return sorted(found, key=_NAME_ORDER.__getitem__)


def _contains_phrase(text: str, phrase: str) -> bool:
    padded = f" {text.replace('-', ' - ')} "
    return f" {phrase} " in padded or f" {phrase}'s " in padded or text == phrase


def _has_proper_noun(toks: list[Any]) -> bool:
    return any(t.pos_ == "PROPN" for t in toks)


def _trim(toks: list[Any]) -> str:
    """The span text without a leading determiner ('the Russian forces' -> 'Russian forces')."""
    while toks and toks[0].lower_ in {"the", "a", "an", "some", "several"}:
        toks = toks[1:]
    if not toks:
        return ""
    doc = toks[0].doc
    return doc[toks[0].i : toks[-1].i + 1].text
