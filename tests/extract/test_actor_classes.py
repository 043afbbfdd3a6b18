"""A mission's host is not its contingent (issue 12, actor-mission class; seen on the real-text
corpus: "the UN mission in Mali handed over" was coded as Mali). Own sentences."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("sentence", "code"), [
    ("The UN mission in Mali handed over its camp in Timbuktu to the national authorities on Friday.", "UNO"),
    ("The EU training mission in Mali left Bamako airport on Monday.", "EUR"),
    ("Chadian troops of the UN mission withdrew from Kidal on Tuesday.", "TCD"),
])
def test_a_missions_host_is_not_its_contingent(extract, sentence: str, code: str) -> None:
    events = extract(sentence)
    assert events and events[0].actor and events[0].actor[0].code == code
