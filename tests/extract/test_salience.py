"""The learned event filter (extract/salience.py): shipped weights, features and the drop rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitrep.extract.salience import (
    FEATURES,
    SalienceModel,
    event_features,
    keep_salient,
    load_salience,
)
from sitrep.records import Actor, Event, Place
from sitrep.settings import Settings

SITE = Place("the Kobani base", "Kobani base", 36.89, 38.35, "SYR", "SITE", "site")
COUNTRY = Place("Syria", "Syria", 35.0, 38.5, "SYR", "PCLI", "country")


def _event(*, sequence: int = 3, place: Place | None = SITE, coded: bool = True, dated: bool = True,
           text: str = "Russian troops left the Kobani base on Monday.") -> Event:
    return Event(id=f"e{sequence}{place is None}{coded}{dated}", report_id="r", event="RETREAT", mode=None,
                 actor=(Actor("Russian troops", "RUS" if coded else None, "MIL" if coded else None),),
                 recipient=(), date=date(2024, 12, 16) if dated else None, enddate=None,
                 date_precision="day" if dated else None, place=place, posture="departed", attribution=None,
                 confidence=0.8, event_text=text, sequence=sequence, start=sequence * 100,
                 end=sequence * 100 + len(text), trigger="left")


def test_shipped_weights_cover_every_feature() -> None:
    model = load_salience()
    assert len(model.weights) == len(FEATURES) == len(event_features(_event(), [], 1))


def test_a_precise_dated_coded_event_outranks_a_vague_one() -> None:
    model = load_salience()
    precise = model.probability(event_features(_event(), [], 1))
    vague = model.probability(event_features(_event(place=COUNTRY, coded=False, dated=False), [], 3))
    assert precise > vague


def test_a_restatement_weighs_less_than_the_first_telling() -> None:
    model = load_salience()
    first = _event(sequence=2)
    again = replace(_event(sequence=9), id="again")
    assert model.probability(event_features(again, [first], 1)) < model.probability(event_features(again, [], 1))


def test_events_below_the_threshold_are_dropped_and_zero_keeps_all() -> None:
    model = SalienceModel(weights=tuple(1.0 if name == "dated" else 0.0 for name in FEATURES), intercept=-0.5)
    dated, undated = _event(sequence=1), _event(sequence=2, dated=False)
    assert keep_salient([dated, undated], model, 0.5) == [dated]
    assert keep_salient([dated, undated], model, 0.0) == [dated, undated]


@pytest.mark.parametrize("value, expected", [("0", 0.0), ("0.3", 0.3)])
def test_the_threshold_is_a_setting(value: str, expected: float) -> None:
    assert Settings.from_env({"SITREP_SALIENCE": value}).nlp.salience == expected
    assert Settings().with_salience(expected).nlp.salience == expected


def test_the_pipeline_applies_the_filter_in_the_movement_scope(pipeline) -> None:
    from sitrep.pipeline import Pipeline
    from sitrep.records import Report, content_id

    text = ("Russian troops left the Kobani base on Monday. The withdrawal was seen as a blow. "
            "Analysts said it marked a shift in Syria.")
    report = Report(id=content_id(text), text=text, origin="t.txt", outlet="Test Wire", published=date(2024, 12, 18))
    settings = pipeline.settings.with_scope("movements")
    off = Pipeline(settings=settings.with_salience(0), gazetteer=pipeline.gazetteer, nlp=pipeline.nlp)
    strict = Pipeline(settings=settings.with_salience(0.99), gazetteer=pipeline.gazetteer, nlp=pipeline.nlp,
                      salience=load_salience())
    assert off.extract(report)
    assert strict.extract(report) == []
