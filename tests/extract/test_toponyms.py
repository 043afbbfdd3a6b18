"""Toponym recognition (spaCy + gazetteer + context rules) and resolution in context."""

import pytest

from sitrep.extract.toponyms import find_toponyms


@pytest.fixture()
def toponyms(pipeline):
    def run(text: str):
        return find_toponyms(pipeline.nlp(text), gazetteer=pipeline.gazetteer)

    return run


def by_text(found):
    return {t.text: t for t in found}


def test_offsets_point_into_the_text(toponyms):
    text = "Trucks left Manbij at dawn and reached Kobani by noon, while others stayed near Ain Issa."
    found = toponyms(text)
    assert found and all(text[t.start:t.end] == t.text for t in found)


def test_small_syrian_towns_the_model_misses_are_found(toponyms):
    found = by_text(toponyms("Patrols were seen in the town of Amuda and later near Tal Tamr on Friday."))
    assert found["Amuda"].place.country_code == "SYR"
    assert found["Tal Tamr"].place.country_code == "SYR"


def test_town_with_airport_word_resolves_to_the_site(toponyms):
    found = by_text(toponyms("Two cargo planes landed at Qamishli airport on Monday."))
    assert found["Qamishli airport"].place.site_id == "qamishli-airport"


def test_sahel_towns(toponyms):
    found = by_text(toponyms("The column drove from Abeche to Faya-Largeau, then on towards Ouallam in Niger."))
    assert found["Ouallam"].place.country_code == "NER"
    assert found["Abeche"].place.country_code == "TCD"


def test_state_qualifier_after_a_comma(toponyms):
    found = by_text(toponyms("A fire destroyed a warehouse in Alexandria, La., late on Sunday."))
    place = found["Alexandria"].place
    assert place.country_code == "USA" and abs(place.lat - 31.3) < 0.3


def test_capital_acting_as_government_is_a_metonym(toponyms):
    found = by_text(toponyms("Ankara said the talks would resume. Officials met in Ankara on Monday."))
    assert [t.role for t in toponyms("Ankara said the talks would resume.")] == ["metonym"]
    assert found["Ankara"].place.country_code == "TUR"


def test_where_a_source_sits_is_a_source_location(toponyms):
    found = toponyms("A monitor based in Geneva counted forty strikes on Idlib.")
    roles = {t.text: t.role for t in found}
    assert roles == {"Geneva": "source", "Idlib": "place"}


def test_a_surname_is_not_a_town(toponyms):
    found = toponyms("Maria Flores said the road was closed. Flores added that nobody was hurt.")
    assert "Flores" not in {t.text for t in found}


def test_agency_acronyms_are_not_towns(toponyms):
    assert toponyms("The FDA and the CDC issued a joint warning.") == []


def test_demonyms_are_no_places(toponyms):
    found = toponyms("Russian and Turkish officers met briefly.")
    assert [(t.text, t.role, t.place.country_code) for t in found] == [("Russian", "demonym", "RUS"),
                                                                         ("Turkish", "demonym", "TUR")]


def test_a_place_inside_a_longer_entity_keeps_only_the_place(toponyms):
    found = toponyms("Deputies from the Anderson County Sheriff's Office closed the road.")
    assert [t.text for t in found] == ["Anderson County"]
    assert found[0].place.resolution == "district"
