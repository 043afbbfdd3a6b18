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


@pytest.mark.parametrize("language, text", [
    ("fr", "Les combattants de l'Africa Corps ont pris le contrôle du camp de Kidal, selon des habitants."),
    ("ru", "Бойцы «Африканского корпуса» взяли под контроль лагерь в Кидале, сообщили жители."),
    ("uk", "Бійці «Африканського корпусу» взяли під контроль табір у Кідалі, повідомили мешканці."),
    ("ar", "سيطر مقاتلو الفيلق الأفريقي على معسكر كيدال، بحسب سكان."),
])
def test_taking_control_of_a_base_is_an_arrival_there(models, language, text):
    events = events_of(text, language, models)
    assert [(e.event, [a.code for a in e.actor], e.place.site_id if e.place else None) for e in events] == \
        [("MOBILIZE", ["RUS"], "kidal")]


@pytest.mark.parametrize("language, text", [
    ("fr", "La Russie a redéployé des renforts près de Koursk, a affirmé mercredi l'état-major ukrainien."),
    ("ru", "Россия перебросила подкрепления под Курск, заявил в среду Генштаб ВСУ."),
    ("ar", "نقلت روسيا تعزيزات إلى كورسك، وفق ما أعلنت هيئة الأركان الأوكرانية الأربعاء."),
])
def test_the_day_of_a_statement_does_not_date_the_event(models, language, text):
    assert [e.date for e in events_of(text, language, models)] == [None]


def test_the_day_before_yesterday_in_arabic(models):
    events = events_of("ووصل رتل روسي أول أمس إلى تساليت.", "ar", models)
    assert [e.date.isoformat() if e.date else None for e in events] == ["2024-12-21"]


@pytest.mark.parametrize("language, text", [
    ("fr", "Les ministres tchadien et français se sont entretenus hier dans la capitale tchadienne."),
    ("ru", "Министры обороны Чада и Франции провели вчера переговоры в чадской столице."),
    ("ar", "وكان وزيرا الدفاع التشادي والفرنسي قد أجريا محادثات أمس في العاصمة التشادية."),
])
def test_talks_in_a_capital_named_by_its_demonym(models, language, text):
    talks = [e for e in events_of(text, language, models) if e.event == "CONSULT"]
    assert [([a.code for a in e.actor], e.place.resolved_place if e.place else None) for e in talks] == \
        [(["TCD"], "N'Djamena")]


@pytest.mark.parametrize("language, text", [
    ("fr", "Des combattants de Wagner ont débarqué samedi à l'aéroport de Bangui."),
    ("ar", "نزل مقاتلون من فاغنر يوم السبت في مطار بانغي."),
])
def test_a_named_force_after_a_preposition_is_the_actor_not_a_place(models, language, text):
    events = events_of(text, language, models)
    assert [([a.code for a in e.actor], e.place.country_code if e.place else None) for e in events] == [(["RUS"], "CAF")]


def test_an_arabic_capital_beginning_with_ba_is_an_actor(models):
    events = events_of("وتطالب بغداد برحيل التحالف.", "ar", models)
    assert [(e.event, [a.code for a in e.actor]) for e in events] == [("REQUEST", ["IRQ"])]


def test_an_arabic_function_word_is_no_town(models):
    text = "وكانت القوات الفرنسية قد انسحبت من قاعدة أبشي."  # "كان" (was) is also Cannes
    assert [e.place.site_id if e.place else None for e in events_of(text, "ar", models)] == ["abeche"]


def test_a_departure_participle_before_an_arrival_is_its_origin(models):
    text = "Un avion cargo russe parti de Hmeimim a atterri samedi à l'aéroport de Benghazi."
    assert [e.event for e in events_of(text, "fr", models)] == ["MOBILIZE"]


def test_a_headline_line_without_a_stop_is_no_event(models):
    gazetteer, names = models
    text = "Les soldats français quittent Abéché\nLes soldats français ont quitté la base d'Abéché samedi."
    report = Report(id=content_id(text), text=text, origin="test", published=PUBLISHED, language="fr")
    events = extract_native_events(report, lexicon=LEXICONS["fr"], names=names, gazetteer=gazetteer)
    assert [e.event_text for e in events] == ["Les soldats français ont quitté la base d'Abéché samedi."]


@pytest.mark.parametrize("language, text, kind, date", [
    ("fr", "Le retrait des soldats français de la base d'Abéché est prévu pour janvier.", "CONCEDE", "2025-01-01"),
    ("fr", "Les avions de chasse français ont quitté N'Djamena il y a dix jours.", "RETREAT", "2024-12-13"),
    ("ru", "Российские самолеты вывозили технику с авиабазы Хмеймим.", "RETREAT", None),
    ("ru", "Российские войска ушли из Манбиджа в воскресенье, объявил их командующий.", "RETREAT", "2024-12-22"),
])
def test_plans_after_the_noun_aspect_pairs_and_counted_days(models, language, text, kind, date):
    events = events_of(text, language, models)
    assert [(e.event, e.date.isoformat() if e.date else None) for e in events][:1] == [(kind, date)]
