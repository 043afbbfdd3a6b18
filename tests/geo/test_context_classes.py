"""Issue 14's context classes: capitals acting as governments, lists of states or countries,
place names as modifiers (our own sentences)."""

import pytest

from sitrep.extract.toponyms import find_toponyms
from sitrep.geo import haversine_km


@pytest.fixture(scope="module")
def toponyms(pipeline):
    def run(text):
        return [t for t in find_toponyms(pipeline.nlp(text), gazetteer=pipeline.gazetteer)]
    return run


def test_item_of_a_list_of_states_is_the_state(toponyms):
    found = {t.text: t for t in toponyms("Cases were reported in Ohio, Oklahoma, Utah, Washington and Wisconsin.")}
    washington = found["Washington"]
    assert washington.place.resolution == "province" and washington.role == "place"


def test_capital_acting_as_government_is_the_capital_despite_nearby_homonyms(toponyms):
    # Piqua, Ohio sits beside a Washington Township; "Washington said" is still the capital.
    found = {t.text: t for t in toponyms("Washington said it would send more troops. Officials in Piqua, Ohio, "
                                         "and Troy, Ohio, welcomed the news.")}
    washington = found["Washington"]
    assert washington.role == "metonym"
    assert haversine_km(washington.place.lat, washington.place.lon, 38.9, -77.04) < 30


def test_capital_stays_local_when_the_document_names_its_county(toponyms):
    found = [t for t in toponyms("Paris and Henry County are rich in history. Paris hosted the fair, "
                                 "and Henry County paid for it.") if t.text == "Paris"]
    assert found and all(t.place.country_code == "USA" for t in found)


def test_place_name_as_modifier_is_no_metonym(toponyms):
    found = [t for t in toponyms("A Paris man was arrested at Paris City Hall.") if t.text == "Paris"]
    assert found and all(t.role == "place" for t in found)
