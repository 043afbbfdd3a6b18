"""Imagery observations as evidence: the observation report, change events between successive
observations of a site, and their fusion with text reports of the same movement."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from sitrep.fuse import Mention, cluster_mentions, independent_origins, same_happening
from sitrep.fuse.imagery import (
    change_events,
    cited_observations,
    count_changes,
    observation_evidence,
    observation_report,
    previous_observation,
    site_force,
)
from sitrep.geo.gazetteer import read_sites
from sitrep.pipeline import Pipeline
from sitrep.records import Actor, Attribution, Event, Observation, Place, Report, content_id
from sitrep.settings import Settings
from sitrep.sources.observation import observation_key

SITES = read_sites()
HMEIMIM = SITES["hmeimim"]


def obs(day: int, counts: dict[str, int], *, provider: str = "Maxar Technologies", site: str = "hmeimim",
        image: str | None = None, hour: int = 8, month: int = 12, **extra) -> Observation:
    """An observation of a site on a day of December 2024 (by default)."""
    when = datetime(2024 if month == 12 else 2025, month, day, hour, 32, tzinfo=UTC)
    lat, lon = SITES[site].lat, SITES[site].lon
    return Observation(id=observation_key(site, lat, lon, when, provider, counts), origin=f"obs.geojson#feature-{day}",
                       acquired=when, provider=provider, lat=lat, lon=lon, footprint=None, site_id=site,
                       counts=counts, image_id=image, **extra)


def changes(before: Observation, after: Observation) -> list[Event]:
    site = SITES[after.site_id or ""]
    return change_events(before, after, site=site, report=observation_report(after, site.name))


# --- the observation report -------------------------------------------------------------------------


def test_report_reads_as_one_paragraph_and_cites_the_image():
    o = obs(14, {"transport_aircraft": 4, "helicopter": 12, "air_defence": 1}, image="WV3-123",
            note="Rotor blades removed from a Ka-52.", analyst="OrbitView Analytics", url="https://o.example/a")
    report = observation_report(o, "Hmeimim Air Base")
    assert report.text == ("Maxar Technologies image WV3-123 acquired 2024-12-14 08:32 UTC over Hmeimim Air Base: "
                           "4 transport aircraft, 12 helicopters, 1 air-defence system counted. "
                           "Counted by OrbitView Analytics. Note: Rotor blades removed from a Ka-52.")
    assert (report.id, report.outlet, report.url, report.published) == (
        o.id, "OrbitView Analytics", "https://o.example/a", date(2024, 12, 14))


def test_report_of_a_point_without_site_and_date_only_acquisition():
    o = replace(obs(14, {"ship": 0}), site_id=None, lat=10.5, lon=-20.25,
                acquired=datetime(2024, 12, 14, tzinfo=UTC))
    report = observation_report(o, None)
    assert report.text == ("Maxar Technologies image acquired 2024-12-14 over a point at 10.5000°N, 20.2500°W: "
                           "no ships counted.")
    assert report.outlet == "Maxar Technologies"


# --- change events ----------------------------------------------------------------------------------


def test_helicopters_leaving_is_a_departing_retreat_over_the_period():
    before, after = obs(10, {"helicopter": 12}, image="WV3-100"), obs(14, {"helicopter": 4}, image="WV3-130")
    [event] = changes(before, after)
    assert (event.event, event.posture, event.date, event.enddate, event.date_precision) == (
        "RETREAT", "departing", date(2024, 12, 10), date(2024, 12, 14), "period")
    assert event.event_text == ("Between 2024-12-10 and 2024-12-14 helicopters fell from 12 to 4 at Hmeimim Air Base "
                                "(Maxar Technologies image WV3-100, then Maxar Technologies image WV3-130).")
    assert event.place is not None and (event.place.site_id, event.place.resolution) == ("hmeimim", "site")
    assert event.attribution == Attribution("Maxar Technologies", "imagery", "Maxar Technologies")
    assert event.actor[0].code == "RUS" and event.confidence == 0.8


def test_event_cites_both_observations():
    before, after = obs(10, {"helicopter": 12}), obs(14, {"helicopter": 4})
    [event] = changes(before, after)
    assert event.report_id == after.id
    assert cited_observations(event) == (before.id, after.id)


def test_arrivals_are_a_mobilize():
    [event] = changes(obs(10, {"helicopter": 0, "vehicle": 2}), obs(14, {"helicopter": 6, "vehicle": 30}))
    assert (event.event, event.posture) == ("MOBILIZE", "arriving")


def test_more_transport_aircraft_is_lift_not_the_force_arriving():
    # An evacuation brings transport aircraft in: the site must not turn "present" from that.
    [event] = changes(obs(10, {"transport_aircraft": 0}), obs(14, {"transport_aircraft": 3}))
    assert (event.event, event.posture) == ("MOBILIZE", "airlift")


def test_opposite_moves_give_one_event_per_direction_each_telling_the_whole_change():
    before = obs(10, {"transport_aircraft": 0, "helicopter": 12})
    after = obs(14, {"transport_aircraft": 3, "helicopter": 4})
    retreat, mobilize = changes(before, after)
    assert (retreat.event, mobilize.event) == ("RETREAT", "MOBILIZE")
    assert retreat.event_text.endswith("Over the same period transport aircraft rose from 0 to 3.")
    assert "helicopters fell from 12 to 4" in mobilize.event_text
    assert retreat.id != mobilize.id and cited_observations(retreat) == cited_observations(mobilize)


@pytest.mark.parametrize(("before", "after", "moved"), [
    (12, 10, False),  # 2 of 12: counting noise (under 25 %)
    (1, 0, False),  # one aircraft is routine traffic
    (40, 35, False),  # 5 of 40 vehicles: under 25 %
    (4, 2, True),
    (0, 2, True),
    (40, 30, True),  # 10 of 40: exactly 25 %
])
def test_noise_threshold(before, after, moved):
    assert bool(changes(obs(10, {"vehicle": before}), obs(14, {"vehicle": after}))) is moved


def test_emptied_site_is_departed():
    before = obs(14, {"transport_aircraft": 1, "helicopter": 2, "vehicle": 30})
    after = obs(17, {"transport_aircraft": 0, "helicopter": 0, "vehicle": 0, "ship": 0})
    [event] = changes(before, after)
    assert event.posture == "departed" and event.event_text.endswith("No counted hardware remained.")


def test_not_departed_when_a_class_seen_before_was_not_counted_again():
    before = obs(14, {"helicopter": 12, "fighter": 20})
    [event] = changes(before, obs(17, {"helicopter": 0}))
    assert event.posture == "departing"


def test_classes_counted_on_one_image_only_are_not_compared():
    assert [c.name for c in count_changes(obs(10, {"helicopter": 12, "ship": 3}), obs(14, {"helicopter": 4}))] == [
        "helicopter"]
    assert changes(obs(10, {"ship": 3}), obs(14, {"helicopter": 4, "ship": 3})) == []


def test_different_providers_lower_the_confidence():
    [event] = changes(obs(10, {"helicopter": 12}, provider="Planet Labs"), obs(14, {"helicopter": 4}))
    assert event.confidence == 0.7


def test_ids_are_deterministic():
    pair = obs(10, {"helicopter": 12}), obs(14, {"helicopter": 4})
    assert [e.id for e in changes(*pair)] == [e.id for e in changes(*pair)]


def test_misuse_is_an_error():
    with pytest.raises(ValueError):
        changes(obs(14, {"helicopter": 4}), obs(10, {"helicopter": 12}))
    with pytest.raises(ValueError):
        change_events(obs(10, {"ship": 6}, site="tartus-naval"), obs(14, {"ship": 1}), site=HMEIMIM,
                      report=observation_report(obs(14, {"ship": 1}), HMEIMIM.name))


@pytest.mark.parametrize(("site", "code", "sector"), [
    ("hmeimim", "RUS", "MIL"),  # RUS; SYR
    ("kobani", "RUS", "MIL"),  # SDF; RUS: the SDF are local
    ("tabqa-air-base", "SYR", "REB"),  # SDF only
    ("al-khadim", "ARE", "MIL"),  # LNA; UAE
    ("incirlik", "USA", "MIL"),  # TUR; USA
])
def test_the_force_is_the_sites_foreign_operator(site, code, sector):
    actor = site_force(SITES[site])
    assert (actor.code, actor.sector) == (code, sector)


# --- which observation a change is measured from ----------------------------------------------------


def test_previous_is_the_latest_earlier_observation_of_the_site_counting_a_shared_class():
    current = obs(20, {"helicopter": 4})
    earlier = [obs(10, {"helicopter": 12}), obs(14, {"helicopter": 9}), obs(16, {"ship": 2}),
               obs(18, {"helicopter": 1}, site="qamishli-airport"), obs(22, {"helicopter": 0})]
    assert previous_observation(current, earlier) == earlier[1]
    assert previous_observation(earlier[0], earlier) is None


def test_previous_at_equal_times_prefers_the_same_provider():
    planet, maxar = obs(10, {"helicopter": 12}, provider="Planet Labs"), obs(10, {"helicopter": 11})
    assert previous_observation(obs(14, {"helicopter": 4}), [planet, maxar]) == maxar


def test_first_observation_only_sets_a_baseline():
    report, events = observation_evidence(obs(10, {"helicopter": 12}), previous=None, site=HMEIMIM)
    assert report.text and events == []


# --- fusion with text reports -------------------------------------------------------------------------


def mention(event: Event, report: Report) -> Mention:
    """The event as fusion sees it (the store's columns, with the period's end kept)."""
    place, att = event.place, event.attribution
    return Mention(
        event_id=event.id, document_id=report.id, event=event.event,
        actor_code=next((a.code for a in event.actor if a.code), None), site_id=place.site_id if place else None,
        lat=place.lat if place else None, lon=place.lon if place else None,
        resolution=place.resolution if place else None, country_code=place.country_code if place else None,
        date=event.date, enddate=event.enddate, published=report.published, posture=event.posture,
        outlet=report.outlet, url=report.url, attribution_source=att.source if att else None,
        attribution_kind=att.kind if att else None, confidence=event.confidence)


def text_event(day: int, *, source: str = "Syrian Observatory for Human Rights", kind: str = "observatory",
               outlet: str = "Levant Monitor") -> tuple[Event, Report]:
    text = "Russian helicopters left Hmeimim air base on Friday, according to the observatory."
    report = Report(id=content_id(f"{text}{day}"), text=text, origin="t.txt", outlet=outlet,
                    published=date(2024, 12, day + 1))
    place = Place("Hmeimim air base", HMEIMIM.name, HMEIMIM.lat, HMEIMIM.lon, "SYR", "AIRB", "site", 26, 42, "hmeimim")
    event = Event(id=f"text{day}", report_id=report.id, event="RETREAT", mode=None,
                  actor=(Actor("Russian helicopters", "RUS", "MIL"),), recipient=(), date=date(2024, 12, day),
                  enddate=None, date_precision="day", place=place, posture="departing",
                  attribution=Attribution(source, kind, source), confidence=0.95, event_text=text,
                  sequence=0, start=0, end=len(text), trigger="left")
    return event, report


def imagery_mention(**extra) -> Mention:
    after = obs(14, {"helicopter": 4}, **extra)
    report, [event] = observation_evidence(after, previous=obs(10, {"helicopter": 12}), site=HMEIMIM)
    return mention(event, report)


def test_text_report_of_a_day_inside_the_period_fuses_as_an_independent_origin():
    text = mention(*text_event(13))
    image = imagery_mention()
    assert same_happening(text, image)
    assert len(cluster_mentions([text, image])) == 1
    assert independent_origins([text, image]) == 2


def test_text_report_outside_the_period_does_not_fuse():
    assert not same_happening(mention(*text_event(20)), imagery_mention())


def test_an_outlets_imagery_analysis_and_its_counted_observation_are_one_origin():
    relay = mention(*text_event(13, source="Maxar Technologies", kind="imagery", outlet="OrbitView Analytics blog"))
    assert independent_origins([relay, imagery_mention(analyst="OrbitView Analytics")]) == 1


def test_extracted_text_event_fuses_with_the_imagery_change():
    pipeline = Pipeline.load(Settings())
    text = "Russian helicopters left Hmeimim air base on Friday, according to the Syrian Observatory for Human Rights."
    report = Report(id=content_id(text), text=text, origin="t.txt", outlet="Levant Monitor", published=date(2024, 12, 14))
    [event] = [e for e in pipeline.extract(report) if e.event == "RETREAT"]
    assert same_happening(mention(event, report), imagery_mention())
