"""First-level divisions are placed at the centroid of their territory (data/admin1_points.csv), not
by their towns, which crowd one edge of large provinces."""

import importlib.util
from pathlib import Path

import pytest

from sitrep.geo import haversine_km, load_gazetteer
from sitrep.geo.build import admin1_points
from sitrep.settings import Settings

TOOL = Path(__file__).resolve().parents[2] / "tools" / "build_admin1_points.py"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(cache_dir=Settings.from_env().geo.cache_dir)


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("build_admin1_points", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# GeoNames' points of these divisions as LGL's gold has them: towns put Ontario near Lake Huron,
# 400 km south-east of its point; Alaska's towns sit on its southern coast.
@pytest.mark.parametrize("name, country, lat, lon", [
    ("Ontario", "CAN", 49.25, -84.5), ("Alaska", "USA", 64.0, -150.0), ("Texas", "USA", 31.25, -99.25),
    ("Florida", "USA", 28.75, -82.5), ("California", "USA", 37.25, -119.75),
])
def test_large_provinces_sit_near_geonames_point(gazetteer, name, country, lat, lon):
    cand = next(c for c in gazetteer.lookup(name) if c.resolution == "province" and c.country_code == country)
    assert haversine_km(cand.lat, cand.lon, lat, lon) < 161


def test_table_is_keyed_by_geonames_id_and_covers_the_world():
    points = admin1_points()
    assert len(points) > 4000
    assert 6093943 in points  # Ontario's GeoNames id
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points.values())


def test_centroid_of_a_square_and_across_the_antimeridian(tool):
    square = [[[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]]
    assert tool.polygon_centroid(square) == pytest.approx((1.0, 1.0))
    # Two halves of one island on either side of the 180th meridian meet at 180, not at 0.
    halves = [[[[178, -1], [180, -1], [180, 1], [178, 1], [178, -1]]],
              [[[-180, -1], [-178, -1], [-178, 1], [-180, 1], [-180, -1]]]]
    lat, lon = tool.polygon_centroid(halves)
    assert lat == pytest.approx(0.0) and abs(abs(lon) - 180) < 1e-6
