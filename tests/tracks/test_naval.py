"""Naval surges (sitrep.naval.v1): three or more naval ships leaving a site on one day over its
baseline is a RETREAT posture event with the ships listed, three arriving a MOBILIZE build-up;
one ship never is."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from sitrep.geo.gazetteer import read_sites
from sitrep.tracks.naval import NavalCall, naval_surges

SITES = {k: v for k, v in read_sites().items() if k in {"tartus-naval", "sevastopol-naval"}}
COVERAGE = (date(2024, 11, 20), date(2024, 12, 31))
DAY = date(2024, 12, 10)


def _leaving(day: date, n: int, *, site: str = "tartus-naval", navy: str | None = "RUS", first: int = 0,
             movement: str = "departure") -> list[NavalCall]:
    at = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
    return [NavalCall(f"ev-{site}-{day}-{movement}-{first + i}", site, at + timedelta(hours=i),
                      273_000_000 + first + i, f"SHIP {first + i}", navy, "frigate", movement) for i in range(n)]


def test_three_ships_leaving_a_quiet_base_is_a_surge() -> None:
    (surge,) = naval_surges(_leaving(DAY, 3), sites=SITES, coverage=COVERAGE)
    event = surge.event
    assert (event.event, event.posture, event.date, event.place.site_id) == ("RETREAT", "departing", DAY, "tartus-naval")
    assert event.actor[0].code == "RUS" and event.attribution is not None and event.attribution.source == "AIS"
    assert surge.count == 3 and len(surge.evidence_ids) == 3
    assert all(f"SHIP {i}" in surge.report.text for i in range(3))  # the evidence: every ship listed


@pytest.mark.parametrize("n", [1, 2])
def test_one_or_two_ships_are_never_a_surge(n: int) -> None:
    assert naval_surges(_leaving(DAY, n), sites=SITES, coverage=COVERAGE) == []


def test_the_same_ship_leaving_twice_counts_once() -> None:
    twice = _leaving(DAY, 2) + [NavalCall("ev-again", "tartus-naval", datetime(2024, 12, 10, 20, tzinfo=UTC),
                                               273_000_000, "SHIP 0", "RUS", "frigate")]
    assert naval_surges(twice, sites=SITES, coverage=COVERAGE) == []


def test_a_busy_bases_routine_day_is_not_a_surge() -> None:
    # two departures a day for the three weeks before: three on the day is routine there
    history = [d for k in range(1, 22) for d in _leaving(DAY - timedelta(days=k), 2, site="sevastopol-naval",
                                                         first=100 * k)]
    found = naval_surges(history + _leaving(DAY, 3, site="sevastopol-naval"), sites=SITES, coverage=COVERAGE,
                         days=[DAY])
    assert found == []


def test_days_without_a_week_of_coverage_before_them_are_not_judged() -> None:
    assert naval_surges(_leaving(DAY, 5), sites=SITES, coverage=(DAY - timedelta(days=3), DAY)) == []


def test_navies_are_counted_apart() -> None:
    mixed = _leaving(DAY, 2, navy="RUS") + _leaving(DAY, 2, navy="SYR", first=10)
    assert naval_surges(mixed, sites=SITES, coverage=COVERAGE) == []


def test_three_ships_arriving_at_a_quiet_base_is_a_build_up() -> None:
    (surge,) = naval_surges(_leaving(DAY, 3, movement="arrival"), sites=SITES, coverage=COVERAGE)
    event = surge.event
    assert (event.event, event.posture, event.place.site_id) == ("MOBILIZE", "arriving", "tartus-naval")
    assert "arrived at Tartus Naval Facility" in event.event_text and "Arrivals (UTC):" in surge.report.text
    assert surge.report.origin.endswith("/arrivals")  # its own judgement, not the day's departures'


def test_arrivals_and_departures_are_counted_apart() -> None:
    # two ships in and two out on one day: no surge either way; each direction has its own baseline
    mixed = _leaving(DAY, 2) + _leaving(DAY, 2, first=10, movement="arrival")
    assert naval_surges(mixed, sites=SITES, coverage=COVERAGE) == []
    both = _leaving(DAY, 3) + _leaving(DAY, 3, first=10, movement="arrival")
    found = naval_surges(both, sites=SITES, coverage=COVERAGE)
    assert sorted(s.event.event for s in found) == ["MOBILIZE", "RETREAT"]
    assert len({s.report.origin for s in found}) == 2
