"""Converts real trajectories shipped with `traffic` (MIT; OpenSky Network data) into OpenSky
state-vector CSVs for tests/data/flights/.

    pip download --no-deps traffic==2.13 -d /tmp/t && unzip -q /tmp/t/traffic-2.13-*.whl -d /tmp/t/x
    python benchmarks/convert_traffic_samples.py /tmp/t/x/traffic/data/samples tests/data/flights

traffic stores pandas frames as JSON (records or columns) in feet, knots and feet per minute; the
CSVs hold what OpenSky's historical dumps hold: metres, metres per second, Unix seconds.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

SAMPLES = {"noisy/noisy_takeoff": "zurich_takeoff", "noisy/noisy_landing": "zurich_landing",
           "featured/belevingsvlucht": "belevingsvlucht", "onground/zurich_airport": "zurich_ground"}
HEADER = ["time", "icao24", "lat", "lon", "velocity", "heading", "vertrate", "callsign", "onground", "alert", "spi",
          "squawk", "baroaltitude", "geoaltitude", "lastposupdate", "lastcontact"]


def records(path: Path) -> list[dict]:
    data = json.loads(gzip.open(path, "rt").read())
    if isinstance(data, list):
        return data
    keys = list(data)
    index = sorted(data[keys[0]], key=int)
    return [{k: data[k].get(i) for k in keys} for i in index]


def scaled(value: float | None, factor: float, digits: int = 2) -> str:
    return "" if value is None else str(round(value * factor, digits))


def convert(src: Path, dst: Path) -> int:
    rows = sorted(records(src), key=lambda r: (r["timestamp"], r["icao24"]))
    with gzip.open(dst, "wt", newline="", encoding="utf-8", compresslevel=9) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        for r in rows:
            if r.get("latitude") is None:
                continue
            t = r["timestamp"] // 1000
            ground = r.get("onground")
            writer.writerow([t, r["icao24"], round(r["latitude"], 6), round(r["longitude"], 6),
                             scaled(r.get("groundspeed"), 0.514444), scaled(r.get("track"), 1.0),
                             scaled(r.get("vertical_rate"), 0.00508), r.get("callsign") or "",
                             "" if ground is None else str(bool(ground)).lower(), "", "", "",
                             scaled(r.get("altitude"), 0.3048, 1), scaled(r.get("geoaltitude"), 0.3048, 1), t, t])
    return len(rows)


def main(src: Path, dst: Path) -> None:
    for name, target in SAMPLES.items():
        n = convert(src / f"{name}.json.gz", dst / f"{target}.csv.gz")
        print(f"{target}.csv.gz: {n} rows")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
