"""The learned sentence classifier on sentences it was not trained on."""

import pytest

from sitrep.extract.classifier import load_classifier, training_examples


@pytest.fixture(scope="module")
def classifier(tmp_path_factory):
    return load_classifier(cache_dir=tmp_path_factory.mktemp("cache"))


def test_training_data_holds_plover_and_gold_a():
    examples = training_examples()
    labels = {label for _, label in examples}
    assert len(examples) > 400 and "NONE" in labels and {"RETREAT", "MOBILIZE", "ASSAULT"} <= labels


@pytest.mark.parametrize("sentence", [
    "Ukrainian troops pulled back from two villages east of Pokrovsk on Thursday.",
    "Egyptian and Qatari mediators met Hamas officials in Cairo on Sunday.",
])
def test_event_sentences_are_not_vetoed(classifier, sentence):
    assert classifier.none_probability([sentence])[0] < 0.5


@pytest.mark.parametrize("sentence", [
    "Our institute, based in Geneva, has tracked deployments in the region since 2015.",
    "Reporting by the Nairobi newsroom; editing by the Africa desk.",
])
def test_furniture_and_background_are_vetoed(classifier, sentence):
    assert classifier.none_probability([sentence])[0] >= 0.5


def test_cached_classifier_loads_from_cache(tmp_path):
    first = load_classifier(cache_dir=tmp_path)
    assert list(tmp_path.glob("classifier-*.pickle"))
    second = load_classifier(cache_dir=tmp_path)
    text = ["Troops left the base on Monday."]
    assert first.none_probability(text) == second.none_probability(text)
