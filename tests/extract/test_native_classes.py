"""Failure classes of the native route fixed as classes (docs/languages.md): actors named in
English whatever the language, sources with their kind and name, a junta as its host state, word
senses that are no move, morphology of place roles and Arabic clitics. Own sentences."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.native import LEXICONS, extract_native_events
from sitrep.geo import load_gazetteer
from sitrep.geo.native import load_native_names
from sitrep.records import Report, content_id
from sitrep.settings import Settings

PUBLISHED = date(2024, 12, 23)  # a Monday


@pytest.fixture(scope="module")
def models():
    cache = Settings().geo.cache_dir
    gazetteer = load_gazetteer(cache_dir=cache)
    return gazetteer, load_native_names(cache_dir=cache, gazetteer=gazetteer)


def events_of(text: str, language: str, models):
    gazetteer, names = models
    report = Report(id=content_id(text), text=text, origin="test", published=PUBLISHED, language=language)
    return extract_native_events(report, lexicon=LEXICONS[language], names=names, gazetteer=gazetteer)


@pytest.mark.parametrize("language, text, actor", [
    ("fr", "Les soldats français ont quitté la base d'Abéché, selon des habitants.", ("France", "FRA")),
    ("ru", "Российские военные покинули авиабазу Хмеймим, сообщили жители.", ("Russia", "RUS")),
    ("uk", "Білоруські війська прибули до Гомеля, повідомили мешканці.", ("Belarus", "BLR")),
    ("ar", "انسحب جنود أتراك من مدينة الباب، بحسب سكان.", ("Turkey", "TUR")),
    ("fr", "Les casques bleus ont quitté Tessalit, selon des habitants.", ("United Nations", "UNO")),
])
def test_the_actor_is_the_coded_force_named_in_english(models, language, text, actor):
    event = events_of(text, language, models)[0]
    assert [(a.entity_text, a.code) for a in event.actor] == [actor]
    assert event.event_text == text  # the native word stays in the sentence


@pytest.mark.parametrize("language, text, kind, source", [
    ("fr", "Les derniers soldats français ont quitté Abéché, a annoncé l'état-major tchadien.",
     "official", "general staff (Chad)"),
    ("ru", "По словам местных жителей, российские военные покинули Хмеймим.", "sighting", "residents"),
    ("uk", "Російські літаки приземлилися в Хмеймімі, свідчать дані відстеження польотів.",
     "flight-tracking", "flight-tracking data"),
    ("ar", "انسحبت القوات الروسية من حميميم، وفق ما قالت وزارة الدفاع الروسية.", "official", "ministry (Russia)"),
])
def test_the_source_is_named_with_its_kind(models, language, text, kind, source):
    attribution = events_of(text, language, models)[0].attribution
    assert attribution is not None and (attribution.kind, attribution.source) == (kind, source)


@pytest.mark.parametrize("language, text", [
    ("fr", "La base d'Abéché a été remise à l'armée tchadienne lors d'une cérémonie."),
    ("ru", "Российские военные передали базу в Хмеймиме сирийской армии."),
])
def test_a_speaker_word_without_a_verb_of_speech_is_no_source(models, language, text):
    assert all(e.attribution is None for e in events_of(text, language, models))


@pytest.mark.parametrize("language, text, code", [
    ("fr", "La junte au pouvoir au Mali a exigé le départ des soldats français.", "MLI"),
    ("ru", "Хунта Нигера потребовала вывода американских войск из Ниамея.", "NER"),
    ("ar", "وطالب المجلس العسكري الحاكم في النيجر برحيل القوات الفرنسية.", "NER"),
])
def test_a_junta_is_the_state_the_report_is_about(models, language, text, code):
    requests = [e for e in events_of(text, language, models) if e.event == "REQUEST"]
    assert [a.code for a in requests[0].actor] == [code]


def test_a_demand_in_between_does_not_make_the_junta_the_mover(models):
    text = ("Les soldats français ont quitté Ouagadougou. La junte avait exigé leur départ. "
            "Une partie du matériel a été acheminée vers le Niger voisin.")
    moves = [e for e in events_of(text, "fr", models) if e.event == "MOBILIZE"]
    assert [[a.code for a in e.actor] for e in moves] == [["FRA"]]
    assert moves[0].place is not None and moves[0].place.country_code == "NER"


@pytest.mark.parametrize("language, text", [
    ("uk", "Російські війська залишаються на авіабазі Хмеймім."),
    ("fr", "Un officier ayant demandé l'anonymat a décrit la base d'Abéché."),
    ("ar", "ونقلت وكالة الأنباء عن مسؤول سوري أن الوضع في حميميم هادئ."),
])
def test_a_trigger_word_in_another_sense_is_no_event(models, language, text):
    assert events_of(text, language, models) == []


@pytest.mark.parametrize("text, kind", [
    ("وتسلم الجيش المالي معسكر تساليت.", "MOBILIZE"),  # took over: an arrival
    ("ومن المقرر أن تسلم فرنسا قاعدة أبشي للجيش التشادي.", "CONCEDE"),  # is to hand over
])
def test_arabic_tasallama_takes_over_and_tusallimu_hands_over(models, text, kind):
    assert [e.event for e in events_of(text, "ar", models)] == [kind]


def test_a_two_word_trigger(models):
    events = events_of("Le Tchad a mis fin à l'accord de coopération militaire avec la France.", "fr", models)
    assert [(e.event, [a.code for a in e.actor]) for e in events] == [("REJECT", ["TCD"])]


def test_a_destination_after_a_preposition_and_an_adjective(models):
    events = events_of("Французькі військові відправили техніку до сусіднього Нігеру.", "uk", models)
    assert [(e.event, e.place.country_code if e.place else None) for e in events] == [("MOBILIZE", "NER")]


def test_an_arabic_two_word_place_after_and(models):
    text = "انسحبت القوات الروسية من عين عيسى وتل السمن، بحسب سكان."
    assert {e.place.site_id for e in events_of(text, "ar", models) if e.place} >= {"tel-al-samn"}


def test_what_was_seen_is_the_actor_of_a_sighting(models):
    text = "Сирийские военные ушли из Манбиджа. В понедельник в Кобани заметили американскую бронетехнику."
    seen = [e for e in events_of(text, "ru", models) if e.posture == "present"]
    assert [[a.code for a in e.actor] for e in seen] == [["USA"]]
