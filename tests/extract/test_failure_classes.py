"""Failure classes found on real published articles (issue 12), each fixed as a class.

Texts are our own sentences in the style of the articles where the class showed up.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from sitrep.pipeline import Pipeline
from sitrep.records import Report, content_id


@pytest.fixture(scope="module")
def movements(pipeline: Pipeline) -> Pipeline:
    """The default scope: force movements and talk about them, no background older than a year."""
    return dataclasses.replace(pipeline, settings=pipeline.settings.with_scope("movements"))


def _report(text: str, published: date = date(2024, 12, 20)) -> Report:
    return Report(id=content_id(text), text=text, origin="test.txt", outlet="Test Wire", published=published)


# --- scope --------------------------------------------------------------------------------------

def test_attacks_are_out_of_the_movement_scope(movements, extract) -> None:
    text = "Rebels attacked a Russian convoy near Kobani on Monday."
    assert any(e.event == "ASSAULT" for e in extract(text))  # scope "all" still sees it
    assert movements.extract(_report(text)) == []


def test_background_older_than_a_year_is_not_coded(movements) -> None:
    events = movements.extract(_report("In 2022, French troops withdrew from Mali. "
                                       "French troops left the Kossei base in N'Djamena on Monday."))
    assert [e.date for e in events] == [date(2024, 12, 16)]


# --- dates: a bare day in a plan lies ahead, its announcement behind -----------------------------

@pytest.mark.parametrize("text, expected", [
    ("Two Russian landing ships are scheduled to arrive in Tartus on Jan. 5.", date(2025, 1, 5)),
    ("The French base in Abidjan will be handed over to Ivory Coast on February 20.", date(2025, 2, 20)),
    ("Russian troops left the Kobani base on Monday.", date(2024, 12, 16)),
])
def test_a_day_without_a_year_fits_the_tense(extract, text: str, expected: date) -> None:
    events = extract(text, published=date(2024, 12, 20))
    assert events and events[0].date == expected


def test_an_announcement_keeps_its_own_past_day(extract) -> None:
    events = extract("The army said on Monday that French troops will leave the base in Abeche.",
                     published=date(2024, 12, 20))
    assert events and events[0].date == date(2024, 12, 16)


# --- actors: every country, missions with organisation codes ------------------------------------

@pytest.mark.parametrize("text, code", [
    ("Kenyan police officers arrived in Port-au-Prince on Tuesday.", "KEN"),
    ("Rwandan troops deployed to Mocimboa da Praia on Friday.", "RWA"),
    ("MONUSCO withdrew from its base in Bunia on Monday.", "UNO"),
    ("ATMIS handed over the Biyo Adde base to Somali forces on Sunday.", "AFU"),
    ("SADC troops began leaving Goma on Tuesday.", "SAD"),
    ("Kenyan troops of the East African Community force left Goma on Saturday.", "KEN"),
])
def test_actor_codes_beyond_the_syria_case(extract, text: str, code: str) -> None:
    events = extract(text)
    assert events and code in {a.code for e in events for a in e.actor}, [(e.event, e.actor) for e in events]


# --- places: a country the model calls an organisation ------------------------------------------

@pytest.mark.parametrize("text, country", [
    ("The East African Community force has begun withdrawing from DR Congo.", "COD"),
    ("Russian peacekeepers are leaving Nagorno-Karabakh.", "AZE"),
])
def test_a_country_named_as_origin_is_the_place(extract, text: str, country: str) -> None:
    events = extract(text)
    assert events and events[0].place is not None and events[0].place.country_code == country


# --- types: handovers, what remains, decisions ---------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("France on Thursday returned its last military bases in Senegal to the Senegalese army.", "RETREAT"),
    ("MONUSCO on Wednesday transferred the base of Kamanyola to Congolese authorities.", "RETREAT"),
    ("There is only one Israeli brigade left in Gaza.", "MOBILIZE"),
    ("The army pulled out of Khan Younis, leaving only one brigade in Gaza.", "MOBILIZE"),
    ("Donald Trump ordered a withdrawal of U.S. forces from Syria on Wednesday.", "CONCEDE"),
    ("Russian troops left the Kobani base on Monday.", "RETREAT"),
])
def test_type_classes(extract, text: str, expected: str) -> None:
    assert expected in {e.event for e in extract(text)}, [(e.event, e.trigger) for e in extract(text)]


# --- page furniture and attributive countries -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Home / Latest Updates / Kandahar Airfield handed over to Afghans as US prepares to leave\n"
    "Local officials spoke to reporters.",
    "French troops leave Niger base\nLocal officials spoke to reporters.",
    "[France set to hand over sole military base in Ivory Coast](https://example.org/a)\n"
    "Local officials spoke to reporters.",
    "\"So, are we pulling out to just redeploy troops to Kandahar in the near future?\"",
])
def test_headlines_links_and_questions_give_no_event(extract, text: str) -> None:
    assert extract(text) == []


def test_a_headline_does_not_hide_its_article(extract) -> None:
    events = extract("French troops leave Niger base\nFrench troops left the Ouallam base on Tuesday.")
    assert [e.event_text for e in events] == ["French troops left the Ouallam base on Tuesday."]


def test_a_country_qualifying_a_noun_is_not_the_place(extract) -> None:
    events = extract("The U.S. military withdrawal from Ain al-Asad air base was completed on Monday.")
    assert events and all(e.place is None or e.place.resolution != "country" for e in events)


def test_a_destination_country_stays_beside_a_place_elsewhere(extract) -> None:
    events = extract("The US on Saturday started to transfer its Marine Corps troops from Okinawa to Guam.")
    assert {(e.event, e.place.resolved_place if e.place else None) for e in events} >= {("MOBILIZE", "Guam")}


# --- dates: parts of months and years, recent days, weekends, datelines, the report's own day -----

@pytest.mark.parametrize("expression, start, end", [
    ("in late October", date(2024, 10, 21), date(2024, 10, 31)),
    ("at the end of November", date(2024, 11, 21), date(2024, 11, 30)),
    ("in early December", date(2024, 12, 1), date(2024, 12, 10)),
    ("in recent days", date(2024, 12, 13), date(2024, 12, 20)),
    ("at the weekend", date(2024, 12, 14), date(2024, 12, 15)),
    ("at the end of 2024", date(2024, 10, 1), date(2024, 12, 31)),
    ("in recent weeks", date(2024, 11, 22), date(2024, 12, 20)),
    ("last night", date(2024, 12, 19), date(2024, 12, 20)),
])
def test_vague_times_are_windows(expression: str, start: date, end: date) -> None:
    from sitrep.extract.dates import resolve_date

    resolved = resolve_date(expression, published=date(2024, 12, 20))
    assert resolved is not None and (resolved.start, resolved.end) == (start, end)


def test_a_page_date_header_is_not_the_event_date(extract) -> None:
    events = extract("date 2025-04-19 The U.S. military is withdrawing hundreds of troops from Syria.",
                     published=date(2025, 4, 19))
    assert events and events[0].date is None


def test_the_day_a_past_happening_was_reported_is_not_its_day(extract) -> None:
    told = extract("French troops withdrew from the Abeche base, the news portal reported on Saturday.")
    ongoing = extract("U.S. troops are withdrawing from Syria, officials said on Friday.")
    assert told and told[0].date is None
    assert ongoing and ongoing[0].date == date(2024, 12, 13)


def test_a_move_without_a_place_happened_in_the_reports_country(extract) -> None:
    events = extract("French soldiers arrived at the Niamey base in Niger in 2019.\n"
                     "According to a security source, most of the French soldiers have already left Niger's "
                     "neighbour.\nMost of the French soldiers have already left, a Nigerien officer said.")
    last = [e for e in events if e.event_text.startswith("Most of the French")]
    assert last and last[0].place is not None and last[0].place.country_code == "NER"
    assert last[0].place.site_id is None  # a guess never moves a site's status


def test_leaving_the_capital_is_leaving_the_reports_capital(extract) -> None:
    events = extract("Wagner fighters have been based in the Central African Republic since 2018.\n"
                     "Around 400 Wagner fighters left the capital on two planes on Wednesday.")
    left = [e for e in events if e.event == "RETREAT"]
    assert left and left[0].place is not None and left[0].place.resolved_place == "Bangui"


@pytest.mark.parametrize("text, code", [
    ("The Kandahar Airfield was handed over from US forces to the Afghan National Army on Monday.", "USA"),
    ("France has announced that it will relocate a battalion of 500 troops to Romania.", "FRA"),
    ("South African forces have also arrived in Cabo Delgado.", "ZAF"),
])
def test_actors_of_passives_pronouns_and_two_word_demonyms(extract, text: str, code: str) -> None:
    events = extract(text)
    assert events and code in {a.code for a in events[0].actor}, [(e.event, e.actor) for e in events]


@pytest.mark.parametrize("text, expected", [
    ("N'Djamena abruptly terminated the military cooperation agreement with France on Thursday.", "REJECT"),
    ("The Chadian Foreign Ministry announced the termination of defence cooperation with France.", "REJECT"),
    ("It is the second military base the force is handing back to Malian authorities.", "RETREAT"),
    ("Iraqi prime minister Adel Abdul Mahdi called on parliament to end the foreign troop presence.", "REQUEST"),
    ("The Russian forces are being concentrated near Klintsy in Bryansk region.", "MOBILIZE"),
])
def test_more_type_classes(extract, text: str, expected: str) -> None:
    assert expected in {e.event for e in extract(text)}, [(e.event, e.trigger) for e in extract(text)]


def test_a_non_force_leaving_something_is_no_move(extract) -> None:
    assert extract("News of the Kandahar handover has left some veterans with mixed feelings.") == []


def test_contributing_countries_are_not_places_but_countries_left_are(extract) -> None:
    contributors = extract("The regional force, with troops from Kenya, Burundi, Uganda and South Sudan, "
                           "left Goma on Sunday.")
    assert {e.place.resolved_place for e in contributors if e.place} == {"Goma"}
    left = extract("French troops withdrew from Mali, Niger and Burkina Faso between 2022 and 2023.",
                   published=date(2023, 12, 30))
    assert "MLI" in {e.place.country_code for e in left if e.place}


def test_a_unit_is_a_force(extract) -> None:
    events = extract("The 98th Division, with its three brigades, withdrew from Khan Younis last night.")
    assert events and events[0].event == "RETREAT" and events[0].date == date(2024, 12, 17)


@pytest.mark.parametrize("text", [
    "The Taliban demanded on Sunday that American troops and their allies leave Afghanistan by May.",
    "KINSHASA, March 3 (Xinhua) -- The UN mission began withdrawing its peacekeepers from South Kivu on Friday.",
])
def test_an_organisation_named_like_a_far_town_is_no_place(extract, text: str) -> None:
    places = {e.place.resolution for e in extract(text) if e.place}
    assert "city" not in places, [(e.place.extracted_place, e.place.resolved_place) for e in extract(text) if e.place]


@pytest.mark.parametrize("text, place", [
    ("Wagner fighters were preparing to leave Bouar, a garrison town on the road to Cameroon.", "Bouar"),
    ("The last fighters were pulled out from Birao, Sido and Batangafo last month.", "Birao"),
])
def test_towns_the_model_mislabels_count_where_the_words_make_them_places(extract, text: str, place: str) -> None:
    assert place in {e.place.resolved_place for e in extract(text) if e.place}


def test_a_base_a_force_has_returned_is_its_handover(extract) -> None:
    events = extract("Faya-Largeau is the first base France has returned to the Chadian army.")
    assert [(e.event, e.posture) for e in events] == [("RETREAT", "departed")]


# --- places: a withdrawal happens where the force left, a planned move from a place is a CONCEDE --

@pytest.mark.parametrize("text, origin, destination", [
    ("Russian fighters pulled back from Tarhuna to Bani Walid on Sunday.", "Tarhuna", "Bani Walid"),
    ("Turkish troops withdrew from Idlib to Hatay on Monday.", "Idlib", "Hatay"),
])
def test_a_withdrawal_is_placed_where_the_force_left(extract, text: str, origin: str, destination: str) -> None:
    events = extract(text)
    places = {e.place.resolved_place for e in events if e.place}
    assert [e.event for e in events] == ["RETREAT"] and origin in places, [(e.event, e.place) for e in events]
    assert not any(destination in p for p in places)


def test_a_planned_move_from_a_place_is_a_concession_there(extract) -> None:
    events = extract("About 200 Marines will move from Okinawa to Guam in March.")
    assert ("CONCEDE", "Okinawa") in {(e.event, e.place.resolved_place if e.place else None) for e in events}


# --- actors: a bare count names the force told before --------------------------------------------

def test_a_count_as_subject_is_the_force_named_before(extract) -> None:
    events = extract("Wagner fighters gathered at the Bouar base. Around a hundred were packing up to leave "
                     "Bouar on Monday.")
    assert events and {a.code for a in events[-1].actor} == {"RUS"}, [(e.event, e.actor) for e in events]


# --- dates: a decision told in the simple past is the report's day ---------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Donald Trump ordered a withdrawal of U.S. forces from Syria.", date(2024, 12, 20)),
    ("Vladimir Putin declared victory and ordered the withdrawal of Russian troops from Syria.", date(2024, 12, 20)),
    ("France has announced a withdrawal of its troops from Chad.", None),  # perfect: no date
    ("Rwanda earlier announced a deployment of 1,000 troops to Mozambique.", None),  # an earlier day
])
def test_a_decision_without_a_time_word_is_dated_by_its_tense(extract, text: str, expected: date | None) -> None:
    events = extract(text, published=date(2024, 12, 20))
    assert events and events[0].date == expected, [(e.event, e.date) for e in events]


# --- types: an order given to the troops themselves, ending a presence ----------------------------

@pytest.mark.parametrize("text, expected", [
    ("Russian troops have been ordered to withdraw from the western bank of the river near Kherson.", "CONCEDE"),
    ("Emmanuel Macron said that France will end its military presence in Niger.", "CONCEDE"),
    ("The French army ended its operations in Mali on Monday.", "RETREAT"),
])
def test_orders_to_the_troops_and_ending_a_presence_are_moves(extract, text: str, expected: str) -> None:
    events = extract(text)
    assert expected in {e.event for e in events}, [(e.event, e.trigger) for e in events]


def test_asking_another_force_to_leave_stays_a_request(extract) -> None:
    events = extract("The junta asked French troops to leave the country on Monday.")
    assert "RETREAT" not in {e.event for e in events}


@pytest.mark.parametrize("text, code", [
    ("A convoy carrying about 500 U.S. troops crossed the border into Kuwait on Sunday.", "USA"),
    ("Three planes transporting Russian soldiers landed at Bamako airport on Friday.", "RUS"),
])
def test_a_vehicle_moves_for_the_force_it_carries(extract, text: str, code: str) -> None:
    events = extract(text)
    assert events and {a.code for a in events[0].actor} == {code}, [(e.event, e.actor) for e in events]


# --- precision: a clause that says what a place is tells no new happening -------------------------

@pytest.mark.parametrize("text, expected", [
    ("Under the deal, US forces were to leave the bases where they had been stationed.", ["RETREAT"]),
    ("Lebanese troops deployed to positions from which the Israeli army had withdrawn.", ["MOBILIZE"]),
])
def test_a_clause_describing_a_place_is_no_event(extract, text: str, expected: list[str]) -> None:
    assert [e.event for e in extract(text)] == expected, [(e.event, e.trigger) for e in extract(text)]


def test_a_base_being_handed_over_is_still_a_handover(extract) -> None:
    events = extract("It is the second base the French army is handing over to the Malian authorities.")
    assert "RETREAT" in {e.event for e in events}


@pytest.mark.parametrize("text, town", [
    ("Russian troops were concentrated near Klintsy in Bryansk region on Monday.", "Klintsy"),
    ("Russian forces deployed to Novoozerne, Crimea, on Monday.", "Novoozerne"),
])
def test_a_province_qualifying_a_town_is_not_a_second_place(extract, text: str, town: str) -> None:
    events = extract(text)
    assert [e.place.resolved_place if e.place else None for e in events] == [town]


def test_a_menu_copied_without_markup_is_furniture(extract) -> None:
    text = ("NewsHomeSkip to contentAccessibility HelpYour accountWorld menu Russian troops arrived in Niger "
            "on Monday.")
    assert extract(text) == []
    assert extract("Russian troops arrived in Niger on Monday.") != []


def test_a_place_in_a_participle_aside_is_not_the_event_place(extract) -> None:
    events = extract("A Turkish transport plane landed at al-Watiya Air Base on Monday, marking the first "
                     "direct flight from Turkey.")
    assert [(e.event, e.place.resolved_place if e.place else None) for e in events] == \
        [("MOBILIZE", "Al-Watiya Air Base")]


def test_a_persons_forces_belong_to_the_country_named_with_the_person(extract) -> None:
    events = extract("Russian President Vladimir Putin visited the Hmeimim base on Monday. "
                     "Putin's aircraft later landed at Hmeimim.")
    assert events and {a.code for a in events[-1].actor} == {"RUS"}, [(e.event, e.actor) for e in events]


# --- types: a move someone says another force should make is that speaker's demand -----------------

def test_a_move_another_force_should_make_is_the_speakers_request(extract) -> None:
    events = extract("Chad's foreign minister said in an interview that France should withdraw its military "
                     "contingent from the country.")
    assert [(e.event, {a.code for a in e.actor}, {a.code for a in e.recipient}) for e in events] == \
        [("REQUEST", {"TCD"}, {"FRA"})]
