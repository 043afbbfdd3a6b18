"""The country a move told without a place happened in (the report's host country), for events.py."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from sitrep.extract.places import country_place, place_for_span
from sitrep.geo import Gazetteer
from sitrep.records import Event

PLACELESS_MOVES = {"RETREAT", "MOBILIZE", "CONCEDE"}
CAPITAL = re.compile(r"\bthe (?:country's |nation's )?capital\b", re.I)
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def country_ranking(doc: Any, *, gazetteer: Gazetteer) -> list[str]:
    """Countries of the document's place mentions, most mentioned first (ties in text order)."""
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            place = place_for_span(ent, gazetteer=gazetteer, focus_country=None)
            if place and place.country_code:
                counts[place.country_code] += 1
    return [code for code, _ in counts.most_common()]


def host_ranking(doc: Any, *, gazetteer: Gazetteer) -> list[str]:
    """Countries most likely to host the report's happenings, first first."""
    return country_ranking(doc, gazetteer=gazetteer)


def placed_in_host(events: list[Event], hosts: list[str], gazetteer: Gazetteer) -> list[Event]:
    """A move told with no place ("left the country", "most of the soldiers have left") happened
    in the report's host country that is not the moving force's own; "left the capital" in that
    country's capital. An analyst codes the country rather than nothing; fusion treats such a
    country as a weak place (fuse/dedup.py)."""
    out = []
    for event in events:
        if event.place is None and event.event in PLACELESS_MOVES:
            own = {a.code for a in event.actor}
            host = next((c for c in hosts if c not in own), None)
            capital = bool(CAPITAL.search(event.event_text))
            place = country_place(host, gazetteer=gazetteer, capital=capital) if host else None
            if place is not None:
                event = replace(event, place=place)
        out.append(event)
    return out
