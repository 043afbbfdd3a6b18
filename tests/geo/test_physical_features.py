"""Physical features (data/physical_features.csv): a river mention resolves to the river, a bare
town name to the town, and the record says which kind of place it is."""

import csv
from importlib import resources

import pytest

from sitrep.extract.toponyms import find_toponyms
from sitrep.geo import haversine_km


@pytest.fixture(scope="module")
def toponyms(pipeline):
    def run(text):
        return {t.text: t for t in find_toponyms(pipeline.nlp(text), gazetteer=pipeline.gazetteer)}
    return run


def test_river_named_as_river_is_the_river_not_the_city(toponyms):
    found = toponyms("Russian troops crossed the Dnipro River near Kherson on Tuesday.")
    river = found["Dnipro River"].place
    assert river.kind == "river" and river.feature_code == "STM" and river.resolution == "region"
    assert found["Kherson"].place.kind == "settlement"  # "river near Kherson" makes Kherson no river


def test_bare_town_name_stays_the_town(toponyms):
    place = toponyms("Shelling hit Dnipro overnight, the mayor said.")["Dnipro"].place
    assert place.kind == "settlement" and place.resolution == "city"


def test_bare_river_name_without_a_town_is_the_river(toponyms):
    place = toponyms("Fighters withdrew east of the Euphrates after the talks.")["Euphrates"].place
    assert place.kind == "river"
    assert haversine_km(place.lat, place.lon, 35.34, 40.14) < 50  # on the river at Deir ez-Zor


def test_island_and_region_outrank_small_homonymous_towns(toponyms):
    found = toponyms("The ship was seen off Snake Island and later near Crete. Troops left the Ghouta.")
    assert found["Crete"].place.kind == "island" and found["Crete"].place.country_code == "GRC"
    assert found["Snake Island"].place.kind == "island"
    assert found["Ghouta"].place.kind == "region"


def test_river_missing_from_the_table_takes_its_namesake_place(toponyms):
    """Rivers are named with the towns and counties on their banks: the river, kind and all, at
    that place's point."""
    place = toponyms("A boy drowned in the Catawba River near Belmont, N.C., on Sunday.")["Catawba River"].place
    assert place.kind == "river" and place.resolved_place == "Catawba River" and place.country_code == "USA"


def test_every_feature_has_a_point_and_a_known_kind():
    text = (resources.files("sitrep") / "data" / "physical_features.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) >= 40
    for row in rows:
        assert row["kind"] in {"river", "mountain", "valley", "island", "peninsula", "lake", "sea", "region"}
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
