"""The airfield table: airportsdata airports merged with the site table, nearest lookup."""

from __future__ import annotations

import pytest

from sitrep.records import Site
from sitrep.tracks.airfields import Airfield, AirfieldIndex, load_airfields, merge_sites


@pytest.fixture(scope="module")
def airfields() -> AirfieldIndex:
    return load_airfields()


def test_a_site_with_an_icao_alias_takes_over_that_airport(airfields):
    hmeimim = airfields.get("OSLK")
    assert hmeimim is not None
    assert (hmeimim.name, hmeimim.site_id, hmeimim.country_code) == ("Hmeimim Air Base", "hmeimim", "SYR")
    assert airfields.get("hmeimim") == hmeimim == airfields.get("LTK")  # site id and IATA code too
    assert hmeimim.elevation_m == pytest.approx(157 * 0.3048)  # the airport's elevation (feet in airportsdata)


def test_a_site_with_no_airport_entry_is_an_airfield_under_its_id(airfields):
    tiyas = airfields.get("tiyas")
    assert tiyas is not None and tiyas.code == "tiyas" and tiyas.site_id == "tiyas"


def test_a_naval_base_is_no_airfield(airfields):
    assert airfields.get("tartus-naval") is None
    assert airfields.nearest_airfield(34.915, 35.875, 8.0) is None  # Tartus: no runway in reach


@pytest.mark.parametrize(("lat", "lon", "code"), [
    (35.4011, 35.9487, "OSLK"),  # reference point
    (35.3830, 35.9510, "OSLK"),  # 2 km south, at a runway end
    (37.0206, 41.1914, "OSKL"),
    (47.4647, 8.5492, "LSZH"),  # Zurich: many strips around, the airport wins
])
def test_nearest_airfield(airfields, lat, lon, code):
    found = airfields.nearest_airfield(lat, lon, 8.0)
    assert found is not None and found.code == code


def test_nothing_beyond_max_km(airfields):
    assert airfields.nearest_airfield(35.4011, 36.10, 8.0) is None  # 14 km east of Hmeimim, at sea level
    assert airfields.nearest_airfield(35.4011, 36.10, 15.0).code == "OSLK"


def field(code: str, lat: float, lon: float, *, iata: str | None = None, site: str | None = None) -> Airfield:
    return Airfield(code, code, lat, lon, None, 0.0, site, iata)


def test_an_airport_with_scheduled_service_beats_a_slightly_nearer_strip():
    index = AirfieldIndex([field("BIG", 50.0, 10.0, iata="BIG"), field("STRIP", 50.0, 10.03)])
    assert index.nearest_airfield(50.0, 10.02, 8.0).code == "BIG"  # strip 0.7 km away, airport 1.4 km
    assert index.nearest_airfield(50.0, 10.045, 8.0).code == "STRIP"  # strip 1.1 km, airport 3.2 km


def test_lookup_wraps_at_the_antimeridian():
    index = AirfieldIndex([field("EAST", -16.0, 179.99)])
    assert index.nearest_airfield(-16.0, -179.99, 8.0).code == "EAST"


def test_a_site_near_an_airport_merges_into_it_without_an_alias():
    airports = {"ABCD": field("ABCD", 30.0, 30.0, iata="ABC")}
    site = Site("camp", "Camp X", ("Camp X",), "air_base", "USA", "IRQ", 30.01, 30.0, "test")
    merged = {a.code: a for a in merge_sites(airports, {"camp": site})}
    assert set(merged) == {"ABCD"}
    assert (merged["ABCD"].site_id, merged["ABCD"].lat, merged["ABCD"].name) == ("camp", 30.01, "Camp X")
