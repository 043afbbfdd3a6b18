"""Recognised names that are no places, judged once resolution says what they would be: acronyms
that hit alternate names of towns ("FDA", "SOS"), people who speak ("Douglas said"), generic words
("University", "Federal", "Centre"). Reads a parsed Doc and the resolved place; pure otherwise.

Each rule spares countries, provinces, regions and sites: "Georgia said" is a government, "NSW"
a state; the rules judge town and district readings, where the false hits are.
"""

from __future__ import annotations

from typing import Any

from sitrep.extract.lexicon import CAPITALS

SPEECH_VERBS = {"say", "speak", "tell", "add", "ask", "explain", "write", "note", "testify", "claim", "state", "recall",
                "remember", "admit", "insist", "plead", "reply", "answer", "agree", "believe"}
# Capitalised words that name no place on their own, although some town somewhere is so called.
GENERIC_NAMES = {"federal", "union", "metro", "university", "center", "centre", "bank", "church", "first", "act",
                 "section", "man", "movement", "free", "national", "state", "government", "north", "south",
                 "east", "west", "northern", "southern", "eastern", "western", "central", "college", "school",
                 "hospital", "court", "city", "county", "district", "capital", "airport", "station", "avenue",
                 "street", "road", "park", "institute", "council", "ministry", "police", "army", "navy"}
WEAK_RESOLUTIONS = {"city", "district"}


def is_no_place(doc: Any, start: int, end: int, resolution: str | None) -> bool:
    """True when the one-word name at doc[start:end] read as a town or district is none: an
    acronym, a person saying something, or a generic word."""
    if end - start != 1 or resolution not in WEAK_RESOLUTIONS:
        return False
    tok = doc[start]
    text = tok.text
    if text.isupper() and len(text.strip(".")) <= 5 and text.isalpha():
        return True  # "FDA", "SOS": an organisation, not the town whose alternate name it is
    if tok.lower_ in GENERIC_NAMES:
        return True
    if tok.ent_type_ == "PERSON" and _in_longer_entity(doc, start):
        return True  # "Robert Douglas": a name inside a person's name
    if tok.lower_ in CAPITALS:
        return False  # "Ankara said": a government (role metonym), still a toponym
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH_VERBS


def _in_longer_entity(doc: Any, i: int) -> bool:
    tok = doc[i]
    return tok.ent_iob_ == "I" or (i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I")
