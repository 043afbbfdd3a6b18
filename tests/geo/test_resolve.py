"""Resolution in context: qualifiers, named provinces, focus country, kinds of place, regions."""

import pytest

from sitrep.geo import haversine_km, load_gazetteer, resolve_toponym
from sitrep.geo.resolve import resolve_mentions
from sitrep.records import ToponymMention
from sitrep.settings import Settings


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(cache_dir=Settings.from_env().geo.cache_dir)


def resolve_all(gazetteer, *names, **kwargs):
    return resolve_mentions([ToponymMention(n) for n in names], gazetteer=gazetteer, **kwargs)


def test_qualifier_picks_the_town_of_that_state(gazetteer):
    cand = resolve_mentions([ToponymMention("Alexandria", qualifier="Louisiana")], gazetteer=gazetteer)[0]
    assert cand.country_code == "USA" and haversine_km(cand.lat, cand.lon, 31.31, -92.45) < 20


def test_state_abbreviation_as_qualifier(gazetteer):
    cand = resolve_mentions([ToponymMention("Alexandria", qualifier="Va.")], gazetteer=gazetteer)[0]
    assert haversine_km(cand.lat, cand.lon, 38.80, -77.05) < 20


def test_state_abbreviation_resolves_to_the_state(gazetteer):
    cand = resolve_toponym("Tenn.", gazetteer=gazetteer)
    assert cand.resolution == "province" and cand.name == "Tennessee"


def test_a_province_named_in_the_document_pulls_its_towns(gazetteer):
    paris, _ = resolve_all(gazetteer, "Paris", "Lamar County")
    assert paris.country_code == "USA" and haversine_km(paris.lat, paris.lon, 33.66, -95.56) < 20


def test_bare_world_city_stays_the_big_one(gazetteer):
    assert resolve_toponym("Paris", gazetteer=gazetteer).country_code == "FRA"


def test_same_name_same_place_within_a_document(gazetteer):
    first, _, second = resolve_all(gazetteer, "Columbus", "Franklin County", "Columbus")
    assert first == second and first.country_code == "USA"


@pytest.mark.parametrize("name", ["California", "Indiana", "Georgia"])
def test_state_names_in_an_american_story_mean_the_states(gazetteer, name):
    cand = resolve_all(gazetteer, "Atlanta", "Texas", name, "Chicago")[2]
    assert cand.resolution == "province" and cand.country_code == "USA"


def test_georgia_among_caucasus_places_is_the_country(gazetteer):
    cand = resolve_all(gazetteer, "Tbilisi", "Russia", "Georgia", "Abkhazia")[2]
    assert cand.resolution == "country" and cand.country_code == "GEO"


@pytest.mark.parametrize("name", ["Aleppo", "Homs", "Tokyo"])
def test_a_city_that_names_its_province_is_the_city(gazetteer, name):
    assert resolve_toponym(name, gazetteer=gazetteer).resolution == "city"


def test_county_cue_picks_the_district(gazetteer):
    cand = resolve_mentions([ToponymMention("Rapides", cue="parish")], gazetteer=gazetteer)[0]
    assert cand.resolution == "district" and cand.feature_code == "ADM2"


def test_province_cue_picks_the_province(gazetteer):
    cand = resolve_toponym("Idlib", gazetteer=gazetteer, cue="province")
    assert cand.resolution == "province" and cand.country_code == "SYR"


def test_provinces_sit_near_their_geonames_point(gazetteer):
    texas = resolve_toponym("Texas", gazetteer=gazetteer)
    assert texas.resolution == "province" and haversine_km(texas.lat, texas.lon, 31.25, -99.25) < 161


def test_country_short_forms(gazetteer):
    assert resolve_toponym("US", gazetteer=gazetteer).country_code == "USA"
    assert resolve_toponym("Britain", gazetteer=gazetteer).country_code == "GBR"


@pytest.mark.parametrize("name", ["Red Sea", "Sahel", "Middle East", "Africa"])
def test_seas_continents_and_vague_regions_are_regions(gazetteer, name):
    cand = resolve_toponym(name, gazetteer=gazetteer)
    assert cand.resolution == "region" and cand.country_code is None


def test_direction_words_fall_back_to_the_place(gazetteer):
    cand = resolve_toponym("northern Syria", gazetteer=gazetteer)
    assert cand.resolution == "country" and cand.country_code == "SYR"


def test_a_known_site_wins_over_the_town(gazetteer):
    assert resolve_toponym("Tel Al-Samn", gazetteer=gazetteer).site_id == "tel-al-samn"


def test_unknown_names_stay_unresolved_among_known_ones(gazetteer):
    assert resolve_all(gazetteer, "Damascus", "Xqzvillezzz")[1] is None
