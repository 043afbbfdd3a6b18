"""Demonyms and place adjectives: recognised with role "demonym", resolved to what they name, and
counted by the evaluator only where a corpus annotates them."""

import pytest

from sitrep.extract.toponyms import find_toponyms
from sitrep.geo.demonyms import demonym_place, is_demonym
from sitrep.geo.evaluate import GeoScores, GoldArticle, GoldToponym, Predicted, annotates_demonyms


def toponyms(pipeline, text):
    return {t.text: t for t in find_toponyms(pipeline.nlp(text), gazetteer=pipeline.gazetteer)}


@pytest.mark.parametrize(("word", "name", "resolution"), [
    ("Russian", "Russian Federation", "country"),
    ("Americans", "United States", "country"),
    ("Sri Lankan", "Sri Lanka", "country"),
    ("European", "Europe", "region"),
    ("Abkhaz", "Abkhazia", "province"),
])
def test_table_demonyms_name_their_place(pipeline, word, name, resolution):
    cand = demonym_place(word, gazetteer=pipeline.gazetteer)
    assert cand is not None and (cand.name, cand.resolution) == (name, resolution)


@pytest.mark.parametrize(("word", "province"), [("Ohioans", "Ohio"), ("Floridians", "Florida"),
                                                ("Iowans", "Iowa"), ("Ontarians", "Ontario")])
def test_province_adjectives_by_their_stem(pipeline, word, province):
    cand = demonym_place(word, gazetteer=pipeline.gazetteer)
    assert cand is not None and cand.name == province and cand.resolution == "province"


@pytest.mark.parametrize("word", ["Christian", "Republican", "Brian", "DRC", "Pyongyang"])
def test_words_that_are_no_demonyms(pipeline, word):
    assert not is_demonym(word)
    assert word in {"DRC", "Pyongyang"} or demonym_place(word, gazetteer=pipeline.gazetteer) is None


def test_a_demonym_in_text_has_its_own_role(pipeline):
    found = toponyms(pipeline, "Russian forces left the base near Qamishli on Tuesday, Syrian officials said.")
    assert found["Russian"].role == "demonym" and found["Russian"].place.country_code == "RUS"
    assert found["Syrian"].role == "demonym" and found["Syrian"].place.resolution == "country"
    assert found["Qamishli"].role == "place"


def test_a_language_is_no_demonym(pipeline):
    found = toponyms(pipeline, "She speaks Russian and English at home in Boston.")
    assert "Russian" not in found


def _article(*gold):
    return GoldArticle("a", "Russian troops in Gori", tuple(GoldToponym(t, s, e, 42.0, 44.0) for t, s, e in gold))


def test_corpus_convention_is_read_from_its_gold():
    assert annotates_demonyms([_article(("Russian", 0, 7), ("Gori", 18, 22))])
    assert not annotates_demonyms([_article(("Gori", 18, 22))])


@pytest.mark.parametrize(("count", "precision"), [(True, 1.0), (False, 1.0)])
def test_demonyms_are_scored_only_when_the_corpus_annotates_them(count, precision):
    article = _article(("Russian", 0, 7), ("Gori", 18, 22)) if count else _article(("Gori", 18, 22))
    scores = GeoScores(count_demonyms=count)
    scores.add(article, [Predicted(0, 7, 55.0, 37.0, "demonym"), Predicted(18, 22, 42.0, 44.0)])
    figures = scores.as_dict()
    assert figures["precision"] == precision and figures["demonyms_predicted"] == 1
    assert figures["predicted_toponyms"] == (2 if count else 1)
