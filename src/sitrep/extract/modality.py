"""How sure: negation, futurity, hedges and speculation, and the confidence they leave."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sitrep.extract.dates import ResolvedDate
from sitrep.extract.places import PlaceMention
from sitrep.extract.roles import SUBJECT_DEPS
from sitrep.records import Actor

HEDGES = re.compile(r"\b(?:may|might|could|appears?|appeared|apparently|reportedly|possibly|likely|"
                    r"suggests?|signal(?:s|led)?|indicates?|seem(?:s|ed)?|unconfirmed|believed)\b", re.I)
SPECULATIVE = re.compile(r"\b(?:unclear whether|not clear whether|whether or not|speculat\w+|rumou?rs?|"
                         r"doubtful (?:that|whether)|remains? to be seen|unclear if)\b", re.I)
DENIALS = {"deny", "dismiss", "refute"}
FUTURE_AUX = {"will", "would", "shall", "'ll"}
FUTURE_VERBS = {"plan", "intend", "expect", "prepare", "aim", "promise", "pledge", "vow", "schedule", "due", "set",
                "want", "seek"}


def is_negated(tok: Any) -> bool:
    """True when the trigger or a close governor is negated or denied ("did not leave",
    "denied that troops had left", "no group claimed")."""
    chain = [tok, *list(tok.ancestors)[:3]]
    for node in chain:
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in {"no", "neither", "any"}) for c in node.children) \
                or node.lemma_.lower() in DENIALS:
            return True
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if any(d.dep_ == "det" and d.lower_ in {"no", "neither"} for subj in subjects for d in subj.children):
            return True
    return False


# Decisions and announcements of a move that has not happened yet ("ordered a withdrawal",
# "decided to pull out"); only their objects and infinitives are plans, not what they report.
DECISION_VERBS = {"order", "announce", "decide", "approve", "authorize", "authorise", "declare", "propose"}


def is_decided(tok: Any) -> bool:
    """True when the trigger is what a decision or announcement orders ("ordered a withdrawal of
    U.S. forces", "ordered to start the withdrawal", "decided to withdraw")."""
    node = tok
    for _ in range(3):
        if node.dep_ not in {"dobj", "xcomp", "pobj", "prep", "nsubjpass"}:
            return False
        node = node.head
        if node.lemma_.lower() in DECISION_VERBS:
            return True
    return False


def is_future(tok: Any) -> bool:
    """True for future or planned action ("will withdraw", "plans to leave", "ordered a withdrawal")."""
    if is_decided(tok):
        return True
    for node in [tok, *list(tok.ancestors)[:2]]:
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in node.children):
            return True
        if node is not tok and node.lemma_.lower() in FUTURE_VERBS:
            return True
    return False


def confidence_of(sent: Any, tok: Any, attributed: bool, actors: list[Actor],
                places: Iterable[PlaceMention], date: ResolvedDate | None) -> float:
    """Evidence raises the score, modality lowers it; the formula is documented in docs/events.md."""
    score = 0.5
    score += 0.15 if attributed else 0.0
    score += 0.1 if any(m.place.resolution in {"site", "city"} for m in places) else 0.0
    score += 0.1 if any(a.code for a in actors) else 0.0
    score += 0.1 if date else 0.0
    if HEDGES.search(sent.text):
        score *= 0.6
    if SPECULATIVE.search(sent.text) or sent.text.rstrip().endswith("?"):
        score *= 0.4
    if is_future(tok):
        score *= 0.5
    return round(min(0.95, max(0.05, score)), 2)
