"""Imagery observations (GeoJSON and CSV) through read_observations: valid ones kept, each bad one
a Skipped naming the feature or row, its image and the field; data/observation.schema.json agrees
with the reader wherever a JSON Schema can express the rule."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import sitrep
from sitrep.geo.gazetteer import read_sites
from sitrep.records import OBJECT_CLASSES, Observation, Skipped
from sitrep.sources.imagery import (
    is_observation_csv,
    looks_like_observations,
    parse_observations,
    read_observations,
)
from sitrep.sources.observation import COUNT_ALIASES, class_of

NOW = datetime(2025, 3, 1, tzinfo=UTC)
SAMPLES = Path(sitrep.__file__).parent / "data" / "samples" / "imagery"
SITES = read_sites()
HMEIMIM = [35.9487, 35.4011]  # [lon, lat]
SCHEMA = json.loads((resources.files("sitrep") / "data" / "observation.schema.json").read_text())
VALIDATOR = Draft202012Validator(SCHEMA)
BOX = [[35.93, 35.38], [35.97, 35.38], [35.97, 35.42], [35.93, 35.42], [35.93, 35.38]]


def feature(geometry=None, **props):
    """A Hmeimim point observation by default; `props` override its properties (None drops one)."""
    base = {"acquired": "2024-12-14T10:32:00Z", "provider": "Maxar", "image_id": "WV3-123",
            "counts": {"helicopter": 4}}
    merged = {k: v for k, v in {**base, **props}.items() if v is not None}
    return {"type": "Feature", "geometry": geometry or {"type": "Point", "coordinates": HMEIMIM},
            "properties": merged}


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def run(write, text, name="observations.geojson", max_bytes=1_000_000):
    """(observations, skipped) of one file."""
    items = list(read_observations(write(name, text), sites=SITES, max_bytes=max_bytes, now=NOW))
    return [i for i in items if isinstance(i, Observation)], [i for i in items if isinstance(i, Skipped)]


# --- the two forms ----------------------------------------------------------------------------


def test_sample_geojson_reads_whole_in_time_order():
    items = list(read_observations(SAMPLES / "syria_hmeimim_tartus.geojson", sites=SITES,
                                   max_bytes=1_000_000, now=NOW))
    assert all(isinstance(i, Observation) for i in items)
    assert len(items) == 13
    assert [o.acquired for o in items] == sorted(o.acquired for o in items)  # type: ignore[union-attr]
    assert {o.site_id for o in items} == {"hmeimim", "tartus-naval"}  # type: ignore[union-attr]


def test_sample_csv_reads_human_column_names():
    items = list(read_observations(SAMPLES / "syria_qamishli.csv", sites=SITES, max_bytes=1_000_000, now=NOW))
    assert all(isinstance(i, Observation) for i in items) and len(items) == 4
    first = items[0]
    assert isinstance(first, Observation)
    assert first.site_id == "qamishli-airport" and first.provider == "Planet Labs"
    assert first.counts == {"transport_aircraft": 1, "helicopter": 6, "vehicle": 40, "air_defence": 1}
    assert first.origin.endswith("syria_qamishli.csv#row-2")


def test_point_near_a_site_resolves_to_it(write):
    [obs], skipped = run(write, collection(feature(geometry={"type": "Point", "coordinates": [35.96, 35.41]})))
    assert not skipped
    assert obs.site_id == "hmeimim" and (obs.lat, obs.lon) == (35.41, 35.96) and obs.footprint is None


def test_footprint_resolves_to_the_site_inside_and_keeps_the_ring(write):
    [obs], _ = run(write, collection(feature(geometry={"type": "Polygon", "coordinates": [BOX]})))
    assert obs.site_id == "hmeimim"
    assert obs.footprint == tuple(tuple(p) for p in BOX)
    assert obs.lat == pytest.approx(35.40) and obs.lon == pytest.approx(35.95)


def test_point_far_from_any_site_is_kept_as_evidence_without_a_site(write):
    [obs], skipped = run(write, collection(feature(geometry={"type": "Point", "coordinates": [20.0, 10.0]})))
    assert not skipped and obs.site_id is None


def test_null_geometry_takes_the_site_position(write):
    f = feature(site_id="tartus-naval")
    f["geometry"] = None
    [obs], _ = run(write, collection(f))
    assert (obs.site_id, obs.lat, obs.lon) == ("tartus-naval", 34.915, 35.875)


def test_site_id_may_be_a_name_or_alias(write):
    [obs], _ = run(write, collection(feature(site_id="Khmeimim air base")))
    assert obs.site_id == "hmeimim"


def test_count_keys_and_providers_are_normalised(write):
    counts = {"transport aircraft": 3, "Helicopters": 12, "air-defence system": 2, "ships": None}
    [obs], _ = run(write, collection(feature(counts=counts, provider="planet")))
    assert obs.counts == {"transport_aircraft": 3, "helicopter": 12, "air_defence": 2}
    assert obs.provider == "Planet Labs"


@pytest.mark.parametrize(("acquired", "expected"), [
    ("2024-12-14", datetime(2024, 12, 14, tzinfo=UTC)),
    ("2024-12-14T10:32", datetime(2024, 12, 14, 10, 32, tzinfo=UTC)),
    ("2024-12-14T13:32:00+03:00", datetime(2024, 12, 14, 10, 32, tzinfo=UTC)),
])
def test_acquired_is_utc(write, acquired, expected):
    [obs], _ = run(write, collection(feature(acquired=acquired)))
    assert obs.acquired == expected


def test_unordered_timestamps_come_out_in_time_order(write):
    days = ["2024-12-20", "2024-12-10", "2024-12-15"]
    found, skipped = run(write, collection(*(feature(acquired=d, image_id=d) for d in days)))
    assert not skipped
    assert [o.image_id for o in found] == ["2024-12-10", "2024-12-15", "2024-12-20"]


def test_same_observation_twice_is_kept_once(write):
    found, skipped = run(write, collection(feature(), feature(image_id="WV3-123-copy", note="again")))
    assert len(found) == 1 and found[0].image_id == "WV3-123"
    assert [(s.origin.rsplit("#")[1], s.reason) for s in skipped] == [
        ("feature-2", "feature 2: duplicate of feature 1 (same site, time, provider and counts); kept once")]


def test_different_counts_at_the_same_time_are_both_kept_and_flagged(write):
    found, skipped = run(write, collection(feature(), feature(image_id="WV3-124", counts={"helicopter": 8})))
    assert not skipped and len(found) == 2
    by_image = {o.image_id: o for o in found}
    assert "[conflict: feature 2 (image WV3-124)" in (by_image["WV3-123"].note or "")
    assert "helicopter 4]" in (by_image["WV3-124"].note or "")


def test_ids_are_stable_across_files_and_notes(write):
    [a], _ = run(write, collection(feature()), name="a.geojson")
    [b], _ = run(write, collection(feature(note="a later note", provider="Maxar Technologies")), name="b.geojson")
    assert a.id == b.id


# --- bad input: one Skipped naming the record and the field; the valid ones around it are kept ----


BAD_FEATURES = {
    "negative count": (feature(counts={"helicopter": -2}),
                       "feature 2 (image WV3-123): counts.helicopter: -2 is not a count (0..500)"),
    "fraction": (feature(counts={"fighter": 2.5}), "feature 2 (image WV3-123): counts.fighter: 2.5 is not a count (0..500)"),
    "absurd count": (feature(counts={"vehicle": 9000}),
                     "feature 2 (image WV3-123): counts.vehicle: 9000 is not a count (0..500)"),
    "count as text": (feature(counts={"ship": "3"}), "feature 2 (image WV3-123): counts.ship: '3' is not a count (0..500)"),
    "unknown class": (feature(counts={"tanks": 3}), "feature 2 (image WV3-123): counts.tanks: unknown object class"),
    "class twice": (feature(counts={"helicopter": 3, "helicopters": 4}),
                    "feature 2 (image WV3-123): counts.helicopters: helicopter given twice (helicopter, helicopters)"),
    "unclosed ring": (feature(geometry={"type": "Polygon", "coordinates": [BOX[:-1] + [[35.93, 35.39]]]}),
                      "feature 2 (image WV3-123): geometry: ring is not closed"),
    "bow tie": (feature(geometry={"type": "Polygon", "coordinates": [[[35.93, 35.38], [35.97, 35.42], [35.97, 35.38],
                                                                       [35.93, 35.42], [35.93, 35.38]]]}),
                "feature 2 (image WV3-123): geometry: ring crosses itself (edges 1 and 3)"),
    "short ring": (feature(geometry={"type": "Polygon", "coordinates": [[[35.93, 35.38], [35.97, 35.38], [35.93, 35.38]]]}),
                   "feature 2 (image WV3-123): geometry: ring has 3 positions (a polygon ring needs at least 4)"),
    "huge footprint": (feature(geometry={"type": "Polygon", "coordinates": [[[30, 30], [40, 30], [40, 40], [30, 30]]]}),
                       "feature 2 (image WV3-123): geometry: footprint spans"),
    "longitude": (feature(geometry={"type": "Point", "coordinates": [200.0, 35.4]}),
                  "feature 2 (image WV3-123): geometry.coordinates: longitude 200.0 out of range (-180..180)"),
    "latitude": (feature(geometry={"type": "Point", "coordinates": [35.9, -95]}),
                 "feature 2 (image WV3-123): geometry.coordinates: latitude -95 out of range (-90..90)"),
    "line": (feature(geometry={"type": "LineString", "coordinates": [HMEIMIM, [36.0, 35.5]]}),
             "feature 2 (image WV3-123): geometry: LineString is not supported (use Point or Polygon)"),
    "swapped": (feature(geometry={"type": "Point", "coordinates": [35.4011, 35.9487]}),
                "feature 2 (image WV3-123): geometry: no site near lat 35.9487, lon 35.4011, but hmeimim is at"),
    "unknown site": (feature(site_id="hmeimin"),
                     "feature 2 (image WV3-123): site_id: unknown site 'hmeimin' (did you mean 'hmeimim'?)"),
    "wrong site": (feature(site_id="tartus-naval"), "feature 2 (image WV3-123): site_id: tartus-naval is 54 km from the geometry"),
    "no acquired": (feature(acquired=None), "feature 2 (image WV3-123): acquired: missing"),
    "bad acquired": (feature(acquired="14/12/2024"),
                     "feature 2 (image WV3-123): acquired: '14/12/2024' is not an ISO 8601 date or date and time"),
    "future": (feature(acquired="2031-01-01"), "feature 2 (image WV3-123): acquired: '2031-01-01' is not a possible acquisition time"),
    "no provider": (feature(provider=None), "feature 2 (image WV3-123): provider: missing"),
    "bad url": (feature(url="ftp://x.example/a"), "feature 2 (image WV3-123): url: 'ftp://x.example/a' is not an http(s) address"),
    "nothing": (feature(counts={}), "feature 2 (image WV3-123): counts: nothing counted and no note"),
}


@pytest.mark.parametrize("case", list(BAD_FEATURES))
def test_bad_feature_is_skipped_by_name_and_its_neighbours_kept(write, case):
    bad, reason = BAD_FEATURES[case]
    good = [feature(acquired="2024-12-10", image_id="A"), feature(acquired="2024-12-20", image_id="C")]
    found, skipped = run(write, collection(good[0], bad, good[1]))
    assert [o.image_id for o in found] == ["A", "C"]
    assert len(skipped) == 1
    assert skipped[0].origin.endswith("observations.geojson#feature-2")
    assert skipped[0].reason.startswith(reason), skipped[0].reason


def test_no_geometry_and_no_site_names_the_problem(write):
    f = feature()
    f["geometry"] = None
    _, [skip] = run(write, collection(f))
    assert skip.reason == "feature 1 (image WV3-123): geometry: missing, and no site_id says where the image is"


def test_every_problem_of_a_feature_is_listed(write):
    _, [skip] = run(write, collection(feature(counts={"helicopter": -1}, provider=None)))
    assert skip.reason == ("feature 1 (image WV3-123): provider: missing (who took the image: Maxar, Planet, "
                           "Airbus, ...); counts.helicopter: -1 is not a count (0..500)")


@pytest.mark.parametrize(("text", "reason"), [
    ('{"type": "FeatureCollection", "features": [', "invalid JSON"),
    ('{"type": "Feature", "properties": {}}', "not a GeoJSON FeatureCollection (type: Feature)"),
    ('{"type": "FeatureCollection"}', "FeatureCollection without a 'features' list"),
])
def test_unreadable_collection_is_one_skip(write, text, reason):
    found, [skip] = run(write, text)
    assert not found and skip.origin.endswith("observations.geojson") and skip.reason.startswith(reason)


def test_non_feature_entries_are_named(write):
    found, [skip] = run(write, collection(feature(), {"type": "Point"}))
    assert len(found) == 1 and skip.reason == "feature 2: not a GeoJSON Feature"


# --- CSV ----------------------------------------------------------------------------------------

HEADER = "site_id,acquired,provider,image_id,lat,lon,helicopter,vehicle,note\n"


def test_csv_bad_rows_are_named_by_line(write):
    text = HEADER + ("hmeimim,2024-12-10,Maxar,A,,,12,40,\n"
                     "hmeimim,2024-12-11,Maxar,B,,,-3,40,\n"
                     "hmeimim,2024-12-12,Maxar,C,35.4,,3,,\n"
                     "hmeimim,2024-12-13,Maxar,D,,,2,,,extra\n"
                     "hmeimim,2024-12-14,Maxar,E,,,4,\n")
    found, skipped = run(write, text, name="obs.csv")
    assert [(o.image_id, o.counts) for o in found] == [("A", {"helicopter": 12, "vehicle": 40}),
                                                       ("E", {"helicopter": 4})]
    assert [(s.origin.rsplit("#")[1], s.reason) for s in skipped] == [
        ("row-3", "row 3 (image B): helicopter: '-3' is not a count (0..500)"),
        ("row-4", "row 4 (image C): lat, lon: give both or neither"),
        ("row-5", "row 5: 10 cells but 9 columns"),
    ]


def test_csv_unknown_columns_are_reported_once_and_rows_still_read(write):
    text = "site_id,acquired,provider,tanks,helicopters\nhmeimim,2024-12-10,Maxar,3,12\n"
    found, [skip] = run(write, text, name="obs.csv")
    assert found[0].counts == {"helicopter": 12}
    assert skip.origin.endswith("obs.csv#header") and "'tanks'" in skip.reason


def test_csv_with_semicolons_and_decimal_commas(write):
    text = "acquired;provider;latitude;longitude;helicopters\n2024-12-10;Airbus;35,4011;35,9487;7\n"
    [obs], skipped = run(write, text, name="obs.csv")
    assert not skipped and obs.site_id == "hmeimim" and obs.counts == {"helicopter": 7}


def test_csv_without_observation_header_is_skipped(write):
    _, [skip] = run(write, "title,text\na,b\n", name="other.csv")
    assert skip.reason.startswith("not an observation CSV")


# --- file guards and dispatcher hooks --------------------------------------------------------------


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00" * 10, "binary content")])
def test_unreadable_files_are_skipped(write, data, reason):
    _, [skip] = run(write, data)
    assert skip.reason.startswith(reason)


def test_oversized_file_is_skipped(write):
    _, [skip] = run(write, collection(*[feature()] * 50), max_bytes=1000)
    assert skip.reason.startswith("too large")


def test_looks_like_observations_tells_observations_from_other_json():
    text = (SAMPLES / "syria_hmeimim_tartus.geojson").read_text()
    assert looks_like_observations(text) and looks_like_observations(json.loads(text))
    tracks = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
         "properties": {"icao24": "abc123"}}]}
    assert not looks_like_observations(tracks)
    assert not looks_like_observations('{"url": "x", "text": "y"}') and not looks_like_observations("[1, 2")


@pytest.mark.parametrize(("header", "expected"), [
    (["site_id", "acquired", "provider", "helicopter"], True),
    (["Acquired", "Provider", "Latitude", "Longitude", "Ships"], True),
    (["acquired", "provider", "lat"], False),
    (["url", "title", "text"], False),
])
def test_is_observation_csv(header, expected):
    assert is_observation_csv(header) is expected


# --- the JSON Schema agrees with the reader ------------------------------------------------------


def reader_accepts(*features) -> bool:
    items = list(parse_observations(collection(*features), origin="t.geojson", sites=SITES, now=NOW))
    return bool(items) and all(isinstance(i, Observation) for i in items)


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)


def test_sample_file_is_valid_for_both():
    data = json.loads((SAMPLES / "syria_hmeimim_tartus.geojson").read_text())
    assert list(VALIDATOR.iter_errors(data)) == []
    assert reader_accepts(*data["features"])


def test_schema_count_keys_are_the_readers():
    keys = set(SCHEMA["$defs"]["observation"]["properties"]["counts"]["propertyNames"]["enum"])
    assert {k for k in keys if class_of(k) is None} == set()
    assert set(COUNT_ALIASES) <= keys and set(OBJECT_CLASSES) <= keys


@pytest.mark.parametrize("variant", [
    feature(counts={"transport aircraft": 3, "air-defence system": 1}),
    feature(counts=None, note="Apron under cloud; nothing could be counted."),
    feature(image_id=104001, url="https://orbitview.example/a", analyst="OrbitView Analytics"),
    feature(geometry={"type": "Polygon", "coordinates": [BOX]}, acquired="2024-12-14"),
    {**feature(site_id="hmeimim"), "geometry": None},
])
def test_valid_variants_pass_both(variant):
    assert list(VALIDATOR.iter_errors(json.loads(collection(variant)))) == []
    assert reader_accepts(variant)


# Invalid for the reader, but beyond what a JSON Schema can express.
READER_ONLY = {"unclosed ring", "bow tie", "huge footprint", "swapped", "unknown site", "wrong site", "future",
               "class twice"}


@pytest.mark.parametrize("case", sorted(set(BAD_FEATURES) - READER_ONLY))
def test_invalid_cases_fail_both(case):
    bad = BAD_FEATURES[case][0]
    assert list(VALIDATOR.iter_errors(json.loads(collection(bad)))), f"schema accepts {case}"
    assert not reader_accepts(bad)


@pytest.mark.parametrize("case", sorted(READER_ONLY))
def test_reader_catches_what_the_schema_cannot(case):
    bad = BAD_FEATURES[case][0]
    assert list(VALIDATOR.iter_errors(json.loads(collection(bad)))) == []
    assert not reader_accepts(bad)


def test_null_geometry_needs_a_site_id_in_both():
    bad = {**feature(), "geometry": None}
    assert list(VALIDATOR.iter_errors(json.loads(collection(bad))))
    assert not reader_accepts(bad)
