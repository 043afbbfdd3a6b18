"""What an analyst codes at all (../shared/ANNOTATION.md): statements of the report, not page
furniture; force movements and the talks, agreements, demands and announcements about them; not
background retold from more than a year before publication."""

from __future__ import annotations

import re
from typing import Any

from sitrep.records import Event, Report

QUESTION_START = re.compile(r"^\W*(?:whether|if|will|would|could|should)\b", re.I)
FURNITURE = re.compile(r"leave a reply|required fields|your email|cookie|subscribe|share this|"
                       r"related articles|read more|all rights reserved|sign up|log in|"
                       r"\b(?:reporting|editing|writing|additional reporting) by\b|contributed to this report|"
                       r"^\W*(?:photo|image|caption|credit|video|watch|listen|advertisement)\s*[:|]|"
                       r"^\W*by\s+(?-i:[A-Z][\w'-]+ [A-Z][\w'-]+)\s*(?:[:|,]|$)", re.I)


MOVEMENT_CATEGORIES = frozenset({"MOBILIZE", "RETREAT", "CONCEDE", "CONSULT", "AGREE", "REQUEST",
                                 "REJECT", "SANCTION"})
BACKGROUND_DAYS = 365


def in_movement_scope(event: Event, report: Report) -> bool:
    """The analyst's scope (../shared/ANNOTATION.md): force movements and the talks, agreements,
    demands and announcements about them, not attacks, threats or accusations; and not background
    dated more than about a year before publication ("in 2013 France deployed ..."), which the
    report retells rather than reports; and nothing that names no one and no precise place."""
    if event.event not in MOVEMENT_CATEGORIES or not _names_who(event):
        return False
    if event.date is None or report.published is None:
        return True
    return (report.published - event.date).days <= BACKGROUND_DAYS


PRECISE = frozenset({"site", "city", "district"})


def _names_who(event: Event) -> bool:
    """An analyst codes who acted (a country or an organisation); an event that names no one
    ("this deployment is a result of good relations", "the agreement faced delays") and no
    precise place is talk about a happening, not one. Without a code, a move at a base or town
    still counts: it tells that place's status."""
    return any(a.code for a in event.actor) or (event.place is not None and event.place.resolution in PRECISE)


GLUED_WORDS = re.compile(r"\b[A-Z]?[a-z]{2,}[A-Z][a-z]+")
TERMINAL = (".", "!", "?", '"', "”", "’", "'", ")", ":")
READ_ALSO = ("read also", "related:", "see also", "more on")


def is_page_furniture(sent: Any, doc_text: str) -> bool:
    """Not a statement of the report: headlines and titles (a whole line with no closing
    punctuation: repeated headlines, "Read also" lists, captions' titles), breadcrumbs and links,
    bylines, newsletter and cookie lines, questions. `doc_text` is the parsed text (Doc.text
    rebuilds it on every call)."""
    raw = doc_text[sent.start_char : sent.end_char]
    text = raw.strip()
    if FURNITURE.search(text) or QUESTION_START.match(text) or text.rstrip("\"”’' ").endswith("?"):
        return True
    line_start = doc_text.rfind("\n", 0, sent.start_char) + 1
    line_end = doc_text.find("\n", sent.start_char + len(raw.rstrip()))
    line = doc_text[line_start : line_end if line_end >= 0 else len(doc_text)].strip()
    if line.count(" / ") >= 2 or "](http" in line or line.lower().startswith(READ_ALSO):
        return True  # breadcrumbs ("Home / News / ..."), markdown links, "Read also" lines
    if len(GLUED_WORDS.findall(text)) >= 3:
        return True  # a site's menu copied without its markup: "HomepageSkip to contentAccessibility Help"
    return not line.endswith(TERMINAL) and len(line.split()) <= 25
