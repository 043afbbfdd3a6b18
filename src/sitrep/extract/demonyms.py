"""Demonym recognition: "Russian", "Sri Lankan", "Europeans", "Ohioans" in a parsed Doc -> token spans
whose words name a country, region or province by its people (geo/demonyms.py resolves them).

They become toponyms with role "demonym": geoparsing corpora count them as places, event extraction
reads them as an actor's country ("Russian forces"), never as where something happened.
"""

from __future__ import annotations

from typing import Any

from sitrep.geo import Gazetteer
from sitrep.geo.demonyms import demonym_place
from sitrep.geo.gazetteer import Candidate

MAX_DEMONYM_TOKENS = 2
# Labels under which a capitalised demonym is no place: "speaks Russian" (LANGUAGE), "Chinese New Year",
# "Logan" (a person, not Log-an).
BLOCKING = {"PERSON", "LANGUAGE", "EVENT", "WORK_OF_ART", "LAW", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
            "CARDINAL", "ORDINAL"}


def find_demonyms(doc: Any, *, gazetteer: Gazetteer, taken: set[int]) -> list[tuple[int, int, Candidate]]:
    """(start token, end token, place) of each demonym outside the token positions taken."""
    found: list[tuple[int, int, Candidate]] = []
    i = 0
    while i < len(doc):
        match = None if i in taken else _demonym_at(doc, i, gazetteer, taken)
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match[1]
    return found


def _demonym_at(doc: Any, i: int, gazetteer: Gazetteer, taken: set[int]) -> tuple[int, int, Candidate] | None:
    if not doc[i].text[:1].isupper():
        return None  # most tokens: no slicing, no look-up
    for length in range(MAX_DEMONYM_TOKENS, 0, -1):
        end = i + length
        if end > len(doc) or any(k in taken for k in range(i, end)):
            continue
        tokens = doc[i:end]
        if not all(t.text[:1].isupper() and t.ent_type_ not in BLOCKING for t in tokens):
            continue
        if tokens[-1].pos_ not in {"ADJ", "PROPN", "NOUN"}:
            continue
        place = demonym_place(tokens.text, gazetteer=gazetteer)
        if place is not None:
            return i, end, place
    return None
