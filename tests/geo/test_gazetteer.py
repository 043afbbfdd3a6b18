"""The gazetteer and toponym resolution on the reference case's names."""

import csv
from importlib import resources

import pytest

from sitrep.geo import haversine_km, load_gazetteer, resolve_toponym
from sitrep.geo.normalize import fold_name
from sitrep.settings import Settings


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(cache_dir=Settings.from_env().geo.cache_dir)


@pytest.mark.parametrize("a, b", [
    ("Al-Qāmishlī", "Qamishli"),
    ("Tal Al-Samn", "Tel al-Samn"),
    ("Tell as-Samn", "Tel Samn"),
    ("Tartous", "Tartus"),
])
def test_spelling_variants_fold_alike(a, b):
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize("name, site_id", [
    ("Hmeimim", "hmeimim"), ("Khmeimim air base", "hmeimim"), ("Humaymim", "hmeimim"),
    ("Al-Qamishli airport", "qamishli-airport"), ("Kamishli airport", "qamishli-airport"),
    ("Tal Al-Samn", "tel-al-samn"), ("Tell al-Samn", "tel-al-samn"),
    ("Ain Issa", "ain-issa"), ("Kobane", "kobani"), ("Tartus", "tartus-naval"),
])
def test_site_names_and_spellings(gazetteer, name, site_id):
    cand = resolve_toponym(name, gazetteer=gazetteer)
    assert cand is not None and cand.site_id == site_id


def test_town_with_airport_cue_moves_to_the_airport(gazetteer):
    cand = resolve_toponym("Qamishli", gazetteer=gazetteer, cue="the airport in Qamishli")
    assert cand.site_id == "qamishli-airport"


def test_bare_town_stays_a_town(gazetteer):
    cand = resolve_toponym("Qamishli", gazetteer=gazetteer)
    assert cand.resolution == "city" and cand.country_code == "SYR"


def test_focus_country_breaks_ties(gazetteer):
    lebanon = resolve_toponym("Tripoli", gazetteer=gazetteer, focus_country="LBN")
    libya = resolve_toponym("Tripoli", gazetteer=gazetteer, focus_country="LBY")
    assert lebanon.country_code == "LBN" and libya.country_code == "LBY"


def test_country_resolves_to_country(gazetteer):
    cand = resolve_toponym("Syria", gazetteer=gazetteer)
    assert cand.resolution == "country" and cand.country_code == "SYR"
    assert haversine_km(cand.lat, cand.lon, 35.0, 38.0) < 50


def test_unknown_name_is_none(gazetteer):
    assert resolve_toponym("Xqzvillezzz", gazetteer=gazetteer) is None


def test_site_table_is_well_formed():
    path = resources.files("sitrep") / "data" / "sites.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    syria_and_neighbours = {"SYR", "IRQ", "TUR", "JOR", "LBN", "LBY", "CYP"}
    assert sum(r["country_code"] in syria_and_neighbours for r in rows) >= 40
    assert sum(r["country_code"] not in syria_and_neighbours for r in rows) >= 20
    for r in rows:
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180
        assert r["kind"] in {"air_base", "airport", "naval_base", "port", "outpost", "base"}


def test_hmeimim_coordinates_are_right(gazetteer):
    site = gazetteer.site("hmeimim")
    assert haversine_km(site.lat, site.lon, 35.401, 35.949) < 3


def test_cache_file_round_trip(tmp_path):
    """A fresh cache dir: the first load builds and writes the index, the second reads it back
    (and an index of an earlier version left there is removed)."""
    (tmp_path / "gazetteer-0000000000000000.pickle").write_bytes(b"old")
    (tmp_path / "gazetteer-0000000000000001.marshal").write_bytes(b"old")
    built = load_gazetteer(cache_dir=tmp_path)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 1 and files[0].endswith(".bin")
    loaded = load_gazetteer(cache_dir=tmp_path)
    for name in ("Qamishli", "Texas", "Rapides Parish", "Syria", "Hmeimim", "Africa"):
        assert loaded.lookup(name) == built.lookup(name)


@pytest.mark.parametrize("name, resolution, feature", [
    ("Louisiana", "province", "ADM1"), ("Rapides Parish", "district", "ADM2"),
    ("Niger", "country", "PCLI"), ("Africa", "region", "CONT"), ("Amuda", "city", "PPL"),
])
def test_kinds_of_place_in_the_index(gazetteer, name, resolution, feature):
    assert any(c.resolution == resolution and c.feature_code == feature for c in gazetteer.lookup(name))


def test_airport_codes_are_not_town_names(gazetteer):
    assert not gazetteer.knows("DAC") and gazetteer.knows("Dhaka")
