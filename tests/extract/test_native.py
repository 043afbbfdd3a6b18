"""The native route (extract/native/): French, Russian, Ukrainian and Arabic reports give the same
Event records as English ones, from lexicons and native-script place names."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.native import LEXICONS, extract_native_events
from sitrep.geo import load_gazetteer
from sitrep.geo.native import load_native_names
from sitrep.geo.normalize import fold_native
from sitrep.records import Report, content_id
from sitrep.settings import Settings

PUBLISHED = date(2024, 12, 23)  # a Monday


@pytest.fixture(scope="module")
def models():
    cache = Settings().geo.cache_dir
    gazetteer = load_gazetteer(cache_dir=cache)
    return gazetteer, load_native_names(cache_dir=cache, gazetteer=gazetteer)


def events_of(text: str, language: str, models, published: date | None = PUBLISHED):
    gazetteer, names = models
    report = Report(id=content_id(text), text=text, origin="test", published=published, language=language)
    return extract_native_events(report, lexicon=LEXICONS[language], names=names, gazetteer=gazetteer)


def summary(events):
    return [(e.event, [a.code for a in e.actor], e.place.site_id or e.place.resolved_place if e.place else None,
             e.date.isoformat() if e.date else None) for e in events]


@pytest.mark.parametrize("language, text, expected", [
    ("fr", "Les soldats russes ont quitté mardi dernier la base d'Abéché, selon des habitants.",
     [("RETREAT", ["RUS"], "abeche", "2024-12-17")]),
    ("ru", "В прошлый вторник российские военные покинули авиабазу Хмеймим, сообщило Министерство обороны.",
     [("RETREAT", ["RUS"], "hmeimim", "2024-12-17")]),
    ("uk", "Минулого тижня російські війська відійшли з Херсона, повідомив Генштаб.",
     [("RETREAT", ["RUS"], "Kherson", "2024-12-16")]),
    ("ar", "انسحبت القوات الروسية الثلاثاء الماضي من قاعدة حميميم، بحسب المرصد السوري.",
     [("RETREAT", ["RUS"], "hmeimim", "2024-12-17")]),
])
def test_a_withdrawal_in_each_language(models, language, text, expected):
    assert summary(events_of(text, language, models)) == expected


@pytest.mark.parametrize("language, text", [
    ("fr", "Le ministère a démenti que les soldats russes aient quitté Hmeimim. Ils n'ont pas quitté la base."),
    ("ru", "Российские военные не покидали Хмеймим, заявили в министерстве."),
    ("uk", "Російські військові не залишили Хмеймім, заявили в міністерстві."),
    ("ar", "لم تنسحب القوات الروسية من قاعدة حميميم، بحسب وزارة الدفاع."),
    ("fr", "Les soldats russes pourraient quitter Hmeimim."),
    ("ar", "ربما تنسحب القوات الروسية من قاعدة حميميم."),
])
def test_negation_and_speculation_give_no_withdrawal(models, language, text):
    assert not [e for e in events_of(text, language, models) if e.event == "RETREAT"]


@pytest.mark.parametrize("language, text", [
    ("fr", "La France retirera ses soldats de la base d'Abéché dans les prochaines semaines."),
    ("ru", "Москва планирует вывести войска из Хмеймима."),
    ("ar", "ستنسحب القوات الفرنسية من قاعدة أبشي خلال الأسابيع المقبلة."),
])
def test_an_announced_withdrawal_is_concede(models, language, text):
    assert [e.event for e in events_of(text, language, models)] == ["CONCEDE"]


def test_a_move_from_one_place_to_another_codes_the_arrival_at_the_destination(models):
    text = "Российские военные прибыли в Хмеймим из Камышлы."
    assert summary(events_of(text, "ru", models)) == [("MOBILIZE", ["RUS"], "hmeimim", None)]


def test_arabic_actor_follows_the_verb_and_clitics_are_peeled(models):
    # "وبالرقة": and + in + the + Raqqa
    events = events_of("ووصلت القوات الأمريكية أمس وبالرقة انتشرت دورية.", "ar", models)
    assert ("MOBILIZE", ["USA"], "Ar Raqqah", "2024-12-22") in summary(events)


def test_a_placeless_move_takes_the_place_of_the_sentence_before(models):
    text = "Les soldats français ont quitté lundi Tombouctou. L'armée malienne a pris possession du camp."
    events = events_of(text, "fr", models)
    assert [(e.event, e.place.resolved_place if e.place else None) for e in events][-1] == ("MOBILIZE", "Timbuktu")


def test_a_name_two_places_share_goes_to_the_reports_country(models):
    # "Покровск" is also Engels' old name: the Ukrainian actor makes it the Ukrainian town.
    events = events_of("Украинские подразделения отошли из двух сел под Покровском.", "ru", models)
    assert events and events[0].place is not None and events[0].place.country_code == "UKR"


def test_common_arabic_words_are_not_towns(models):
    # "صور" (images) is Tyre, "الخميس" (Thursday) a town in Algeria: neither is in this report's countries.
    events = events_of("أظهرت صور الأقمار الصناعية يوم الخميس أن قوات روسية وصلت إلى مطار القامشلي.", "ar", models)
    assert {e.place.site_id for e in events if e.place} == {"qamishli-airport"}


def test_relative_dates_need_a_publication_date(models):
    events = events_of("Les soldats russes ont quitté hier la base d'Abéché.", "fr", models, published=None)
    assert events and events[0].date is None


@pytest.mark.parametrize("name, variant", [
    ("الرقة", "الرقّة"), ("أبشي", "ابشي"), ("القاعدة", "القاعده"), ("Хмеймим", "Хмеймиме"),
    ("Ракка", "Ракке"), ("Abéché", "d'Abéché"), ("Латакия", "Латакии"),
])
def test_native_folding_meets_spelling_variants(name, variant):
    assert fold_native(name) == fold_native(variant)


def test_ukrainian_oblique_cases_meet_the_nominative(models):
    _, names = models
    assert names.lookup("Харкова")[0].name == names.lookup("Харків")[0].name == "Kharkiv"


def test_every_curated_site_has_a_name_in_each_language_where_listed(models):
    gazetteer, names = models
    for text in ("حميميم", "Хмеймим", "Хмеймім", "Hmeimim"):
        assert names.lookup(text)[0].site_id == "hmeimim", text
