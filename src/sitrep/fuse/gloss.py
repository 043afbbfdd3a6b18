"""An English gloss of an event, built from its PLOVER record (not a translation of the sentence),
for reports in other languages: the web pages and briefs show it beside the original sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

# What each category says, with the place after it; the posture refines a move.
_VERBS = {
    "RETREAT": "withdrew from", "MOBILIZE": "deployed to", "CONCEDE": "announced a withdrawal from",
    "CONSULT": "held talks in", "AGREE": "signed an agreement in", "REQUEST": "made a demand in",
    "REJECT": "ended an agreement in", "SANCTION": "ended an agreement in",
}
_KINDS = {"observatory": "a monitoring group", "official": "an official source", "imagery": "satellite imagery",
          "sighting": "residents or witnesses", "media": "the outlet", "flight-tracking": "flight tracking"}
ORGANISATIONS = {"UNO": "United Nations"}


def gloss_event(record: Mapping[str, Any]) -> str:
    """One English sentence: who did what, where, when, and on whose word."""
    actors = [a for a in record.get("actor") or [] if a.get("code")]
    who = " and ".join(_force(a["code"]) for a in actors) or "unnamed forces"
    kind = str(record.get("event") or "")
    verb = _VERBS.get(kind, kind.lower())
    if kind == "MOBILIZE" and record.get("posture") == "present":
        verb = "were present at"
    elif kind == "RETREAT" and record.get("mode") == "handover":
        verb = "handed over"
    place = (record.get("site") or {}).get("name") or (record.get("event_loc") or {}).get("resolved_place")
    where = f" {place}" if place else " an unnamed place"
    country = (record.get("event_loc") or {}).get("country_code")
    if place and country and (record.get("event_loc") or {}).get("resolution") != "country":
        where += f" ({_country(country)})"
    when = f" on {record['date']}" if record.get("date") else ""
    if record.get("date") and record.get("enddate"):
        when = f" between {record['date']} and {record['enddate']}"
    source = (record.get("attribution") or {}).get("kind")
    per = f", according to {_KINDS.get(source, source)}" if source else ""
    return f"{who[:1].upper()}{who[1:]} {verb}{where}{when}{per}."


def _force(code: str) -> str:
    return f"forces of {ORGANISATIONS.get(code) or _country(code)}"


def _country(code: str) -> str:
    return _country_names().get(code, code)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from sitrep.geo.countries import country_names

    return country_names()
