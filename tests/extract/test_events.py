"""Event typing, actors, places, posture and modality on short hand-written sentences."""

from datetime import date

import pytest


def only(events, **want):
    return [e for e in events if all(getattr(e, k) == v for k, v in want.items())]


def test_withdrawal_from_a_site_is_a_retreat_by_russia(extract):
    events = extract("Russian forces withdrew from Qamishli airport on Monday, according to the Syrian Observatory for Human Rights.")
    assert len(events) == 1
    event = events[0]
    assert event.event == "RETREAT"
    assert event.posture == "departed"
    assert [(a.code, a.sector) for a in event.actor] == [("RUS", "MIL")]
    assert event.place is not None and event.place.site_id == "qamishli-airport"
    assert event.date == date(2024, 12, 16)
    assert event.attribution.kind == "observatory"
    assert "Observatory" in event.attribution.source


def test_one_event_per_place(extract):
    events = extract("Russian troops left the bases at Ain Issa and Tel Al-Samn last week.")
    sites = {e.place.site_id for e in events if e.place}
    assert {"ain-issa", "tel-al-samn"} <= sites
    assert all(e.event == "RETREAT" for e in events)


@pytest.mark.parametrize("spelling", ["Hmeimim", "Khmeimim", "Humaymim"])
def test_site_spellings_resolve_to_one_site(extract, spelling):
    events = extract(f"Russian troops arrived at {spelling} air base on Tuesday.")
    assert events and events[0].place.site_id == "hmeimim"
    assert events[0].posture == "arriving"


@pytest.mark.parametrize("text, posture", [
    ("Russian troops left Hmeimim air base on Tuesday.", "departed"),
    ("Two Russian cargo planes left Hmeimim air base on Tuesday.", "departing"),
    ("The last Russian aircraft left Hmeimim air base on Tuesday.", "departed"),
    ("A Russian cargo plane landed at Hmeimim air base on Tuesday.", None),
])
def test_hardware_moving_is_not_the_force_moving(extract, text, posture):
    events = extract(text)
    assert events and events[0].posture == posture


def test_origin_and_destination_get_opposite_postures(extract):
    events = extract("A Russian convoy moved from Tel Al-Samn to Hmeimim air base on Saturday.")
    by_site = {e.place.site_id: e for e in events if e.place}
    assert by_site["tel-al-samn"].posture in {"departed", "departing"}
    assert by_site["tel-al-samn"].event == "RETREAT"
    assert by_site["hmeimim"].posture == "arriving"


def test_definite_description_points_back_to_the_site(extract):
    events = extract("Russian troops pulled out of Qamishli airport on Monday. "
                     "Two cargo planes had taken off from the airport on Sunday.")
    assert len([e for e in events if e.place and e.place.site_id == "qamishli-airport"]) == 2


@pytest.mark.parametrize("text", [
    "Moscow denied that its troops had left Tartus.",
    "Russian forces did not withdraw from Hmeimim air base.",
])
def test_negated_movements_yield_no_event(extract, text):
    assert only(extract(text), event="RETREAT") == []


def test_future_withdrawal_is_concede_with_low_confidence(extract):
    events = extract("Russia will withdraw its troops from Qamishli airport next month.")
    assert events and all(e.event == "CONCEDE" for e in events)
    assert all(e.confidence < 0.5 for e in events)


def test_hedged_text_lowers_confidence(extract):
    plain = extract("Russian forces left Kobani on Monday.")[0]
    hedged = extract("Russian forces may have left Kobani on Monday.")[0]
    assert hedged.confidence < plain.confidence


def test_capital_acting_is_an_actor_not_a_place(extract):
    events = extract("Damascus and Moscow held talks on the future of the bases.")
    assert events
    assert all(e.place is None or e.place.resolved_place != "Moscow" for e in events)
    codes = {a.code for e in events for a in e.actor}
    assert "RUS" in codes


def test_fighter_jets_are_military_not_rebels(extract):
    events = extract("French fighter jets left N'Djamena on Monday.")
    assert events and events[0].actor[0].sector == "MIL"


def test_source_location_is_not_an_event_place(extract):
    events = extract("Russian troops pulled out of Kobani on Monday, local officials in Hasakah province said.")
    places = {e.place.resolved_place for e in events if e.place}
    assert places == {"Kobani"}
    assert events[0].attribution.kind == "official"


@pytest.mark.parametrize("text, kind", [
    ("Satellite imagery provided by Maxar Technologies showed Russian crews taking apart helicopters at Hmeimim air base.", "imagery"),
    ("Residents spotted a Russian convoy leaving Tel Al-Samn on Saturday.", "sighting"),
    ("The Russian Defence Ministry said in a statement that its troops had left Ain Issa.", "official"),
])
def test_evidence_kind(extract, text, kind):
    events = extract(text)
    assert events and events[0].attribution.kind == kind


def test_imagery_provider_is_named(extract):
    events = extract("Satellite imagery provided by Maxar Technologies showed Russian crews taking apart helicopters at Hmeimim air base.")
    assert events[0].attribution.provider.startswith("Maxar")


def test_comment_form_text_yields_no_event(extract):
    text = ("Leave a Reply. Your email address will not be published. Required fields are marked. "
            "Subscribe to our newsletter to get troops arriving in your inbox.")
    assert extract(text) == []


def test_ids_are_deterministic(extract):
    text = "Russian forces withdrew from Qamishli airport on Monday."
    assert [e.id for e in extract(text)] == [e.id for e in extract(text)]


@pytest.mark.parametrize("text, code, sector", [
    ("US troops left the Al-Tanf garrison on Monday.", "USA", "MIL"),
    ("Turkish-backed rebels captured Manbij on Monday.", "SYR", "REB"),
    ("The Kremlin said Russian forces had left Kobani.", "RUS", "MIL"),
    ("The new Syrian authorities seized Tartus port on Monday.", "SYR", "GOV"),
])
def test_actor_codes_and_sectors(extract, text, code, sector):
    events = extract(text)
    assert events
    assert (events[0].actor[0].code, events[0].actor[0].sector) == (code, sector)


@pytest.mark.parametrize("text", [
    "(Reporting by the Beirut newsroom; editing by the Levant desk; troops withdrew from nothing)",
    "By Jane Doe: Russian troops left Kobani on Monday, our correspondent writes.",
    "Related articles: Russian troops leave Qamishli airport as convoy heads west",
    "Photo: Russian troops leave Kobani on Monday.",
])
def test_bylines_and_page_furniture_yield_no_event(extract, text):
    assert extract(text) == []


def test_by_a_date_is_not_a_byline(extract):
    assert extract("By Monday, Russian troops had left Kobani.")


@pytest.mark.parametrize("text", [
    "The departure of the Russian troops from Qamishli airport was reported last week by the Syrian Observatory "
    "for Human Rights, a monitor based in Britain.",
    "The Syrian Observatory for Human Rights, a war monitor based in Britain, said Russian troops left Qamishli airport.",
    "Russian troops left Qamishli airport on Monday, the Britain-based Syrian Observatory for Human Rights reported.",
])
def test_passive_apposition_and_seat_forms_name_the_monitor_and_its_seat_is_no_place(extract, text):
    events = extract(text)
    assert events, text
    assert events[0].attribution.source == "Syrian Observatory for Human Rights"
    assert events[0].attribution.kind == "observatory"
    assert {e.place.resolved_place for e in events if e.place} == {"Qamishli Airport"}


def test_a_speaker_named_with_its_country_is_named_whole(extract):
    [event] = extract("UN peacekeepers left their camp at Tessalit airfield on Saturday, the UN mission in Mali said.")
    assert (event.attribution.source, event.attribution.kind) == ("UN mission in Mali", "official")


def test_still_at_a_base_is_presence(extract):
    [event] = extract("French soldiers are still at the Abeche air base, a Chadian government spokesman said.")
    assert (event.event, event.posture, event.place.site_id) == ("MOBILIZE", "present", "abeche")


def test_the_base_after_two_named_bases_points_to_neither(extract):
    events = extract("Russian forces left Qamishli airport on Monday and Hmeimim air base stayed busy. "
                     "Vehicles were seen leaving the base on Tuesday, residents said.")
    tuesday = [e for e in events if "Tuesday" in e.event_text]
    assert all(e.place is None or e.place.site_id is None for e in tuesday)


def test_the_base_after_one_named_base_is_that_base(extract):
    events = extract("Russian forces have been stationed at Qamishli airport since 2019. "
                     "Vehicles were seen leaving the base on Tuesday, residents said.")
    tuesday = [e for e in events if "Tuesday" in e.event_text]
    assert tuesday and tuesday[0].place.site_id == "qamishli-airport"
