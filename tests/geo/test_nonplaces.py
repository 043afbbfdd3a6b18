"""Names that resolve to some town but are no place: acronyms, people who speak, generic words."""

import pytest

from sitrep.extract.toponyms import find_toponyms


def names(pipeline, text):
    return {t.text for t in find_toponyms(pipeline.nlp(text), gazetteer=pipeline.gazetteer)}


@pytest.mark.parametrize(("text", "not_a_place", "place"), [
    ("An alert was released from the FDA about an outbreak in Kansas.", "FDA", "Kansas"),
    ("Police Chief Robert Douglas spoke in Chiefland. Douglas said the officers arrived late.", "Douglas", "Chiefland"),
    ("She teaches at the University in Boston.", "University", "Boston"),
])
def test_no_place_readings_are_dropped(pipeline, text, not_a_place, place):
    found = names(pipeline, text)
    assert not_a_place not in found and place in found


def test_a_country_that_speaks_stays_a_toponym(pipeline):
    assert "Georgia" in names(pipeline, "Georgia said the troops had left the border area near Gori.")


def test_a_state_abbreviation_in_capitals_stays(pipeline):
    assert "NSW" in names(pipeline, "Cases were reported across NSW and in Sydney last week.")
