"""Who says so, as real articles write it (issue 12, attribution class): found on the real-text
corpus, where sitrep named "Additionally", "As", "date", "Nigerien" or "level officials" as sources.
Own sentences."""

from __future__ import annotations

import pytest

from sitrep.extract.attribution import find_attribution


@pytest.mark.parametrize(("sentence", "source", "kind"), [
    ("The last soldiers left the country on Friday, according to the Malian military.", "Malian military", "official"),
    ("The garrison handed over the base, according to French media outlets.", "French media outlets", "media"),
    ("The convoy left at dawn, according to Russian state media.", "Russian state media", "media"),
    ("The base was emptied, according to the Syrian Observatory for Human Rights.",
     "Syrian Observatory for Human Rights", "observatory"),
])
def test_according_to_names_the_whole_voice(sentence: str, source: str, kind: str) -> None:
    found = find_attribution(sentence, outlet="Desk")
    assert found is not None and (found.source, found.kind) == (source, kind)


@pytest.mark.parametrize("sentence", [
    "Additionally, reports from last month indicated the host's refusal to keep the base.",
    "As announced in a joint statement, the commission met on Tuesday to review the handover.",
    "Meanwhile, reports said the ships had sailed.",
    "Previously, officials confirmed the plan.",
])
def test_a_sentence_opener_is_no_source(sentence: str) -> None:
    found = find_attribution(sentence, outlet="Desk")
    assert found is not None and found.source not in {"Additionally", "As", "Meanwhile", "Previously"}


def test_a_possessive_is_no_speaker_and_the_real_one_is_found() -> None:
    found = find_attribution("Moscow's announced pullback is no trap, the Institute for the Study of War says.",
                             outlet="Desk")
    assert found is not None and found.source == "Institute for the Study of War"


def test_a_compound_modifier_stays_whole(extract) -> None:
    (event, *_) = extract("High-level officials in Bangui have confirmed that Russian troops left the "
                          "airport in Bangui.")
    assert event.attribution is not None and event.attribution.source.startswith("High-level officials")


def test_a_date_line_is_no_speaker(extract) -> None:
    events = extract("date 2025-03-02 Russian troops have returned to Hmeimim air base after a deployment "
                     "to Libya, the ministry has said.")
    assert events and all(e.attribution is None or e.attribution.source != "date" for e in events)


@pytest.mark.parametrize("sentence", [
    "A cargo ship sailed away from the port on Tuesday, ship-tracking data showed.",
    "The frigate left the base, according to MarineTraffic.",
    "AIS data showed the tanker anchored off the coast.",
])
def test_ship_tracking_is_tracking_evidence(sentence: str) -> None:
    found = find_attribution(sentence, outlet="Desk")
    assert found is not None and found.kind == "flight-tracking"
