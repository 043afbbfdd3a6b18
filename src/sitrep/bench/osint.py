"""`sitrep bench firms` and `sitrep bench ais`: generated FIRMS detections and AIS sentences
written to files, then streamed through the readers (FIRMS: the keep-near-a-site filter; AIS: the
port-call detector), with rows per second and memory."""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from sitrep.bench.flights import peak_mb, rss_mb
from sitrep.geo.gazetteer import read_sites
from sitrep.geo.near import SiteIndex
from sitrep.records import Evidence, ShipPosition, Site
from sitrep.sources.ais import read_nmea
from sitrep.sources.firms import read_firms
from sitrep.sources.flights import ReadStats
from sitrep.tracks.ships import PORT_KINDS, detect_port_calls

FIRMS_HEADER = "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,confidence,version,bright_ti5,frp,daynight\n"


def write_firms(path: Path, n: int, sites: list[Site], *, seed: int = 20) -> None:
    """n VIIRS rows: 2 % within a few km of a site, the rest anywhere on land-ish latitudes."""
    rng = random.Random(seed)
    with path.open("w") as out:
        out.write(FIRMS_HEADER)
        for i in range(n):
            if rng.random() < 0.02:
                s = rng.choice(sites)
                lat, lon = s.lat + rng.uniform(-0.05, 0.05), s.lon + rng.uniform(-0.05, 0.05)
            else:
                lat, lon = rng.uniform(-40, 60), rng.uniform(-120, 150)
            out.write(f"{lat:.5f},{lon:.5f},{rng.uniform(300, 360):.2f},0.39,0.36,2024-12-{1 + i * 28 // n:02d},"
                      f"{rng.randrange(24) * 100 + rng.randrange(60)},N,VIIRS,n,2.0NRT,290.0,{rng.uniform(0, 50):.2f},N\n")


def write_ais(path: Path, n: int, sites: list[Site], *, seed: int = 20) -> None:
    """n AIS position sentences of 400 ships shuttling between the port sites and the sea; the
    payloads come from a pool encoded once (pyais), the tag-block times advance."""
    from pyais.encode import encode_dict

    rng = random.Random(seed)
    ports = [s for s in sites if s.kind in PORT_KINDS]
    pool: list[list[str]] = []
    for k in range(400):
        port = ports[k % len(ports)]
        track = []
        for step in range(20):  # in port for 10 steps, then out to 15 km
            off = 0.0 if step < 10 else 0.015 * (step - 9)
            msg: dict[str, str | int | float | bytes | bool] = {"type": 1, "mmsi": 273_000_000 + k, "lat": port.lat + off, "lon": port.lon - off, "speed": 8.0}
            track.append(encode_dict(msg, radio_channel="A", talker_id="AI", sentence_type="VDM")[0])
        pool.append(track)
    t0 = 1_733_011_200
    with path.open("w") as out:
        for i in range(n):
            ship = i % 400
            step = (i // 400) % 20
            out.write(f"\\c:{t0 + i // 40}*00\\{pool[ship][step]}\n")
    del rng


def bench_firms(n: int, workdir: Path | None = None) -> dict[str, float]:
    """FIRMS rows through the reader and the keep-near-a-site filter; `kept` counts the kept rows."""
    sites = list(read_sites().values())
    index = SiteIndex(sites)

    def consume(path: Path, stats: ReadStats) -> Iterator[object]:
        found = read_firms(path, keep=lambda la, lo: index.near(la, lo, margin_km=5.0) is not None, stats=stats)
        return (x for x in found if isinstance(x, Evidence))

    return _stream_bench("firms.csv", n, workdir, write=lambda p: write_firms(p, n, sites), consume=consume)


def bench_ais(n: int, workdir: Path | None = None) -> dict[str, float]:
    """AIS sentences through pyais and the port-call detector; `kept` counts arrivals and departures."""
    sites = list(read_sites().values())

    def consume(path: Path, stats: ReadStats) -> Iterator[object]:
        positions = (p for p in read_nmea(path, stats=stats) if isinstance(p, ShipPosition))
        return detect_port_calls(positions, sites)

    return _stream_bench("ais.nmea", n, workdir, write=lambda p: write_ais(p, n, sites), consume=consume)


def _stream_bench(name: str, n: int, workdir: Path | None, *, write: Callable[[Path], None],
                  consume: Callable[[Path, ReadStats], Iterator[object]]) -> dict[str, float]:
    """Writes the generated file, then times one pass of `consume` over it, sampling resident
    memory ten times along the stream (a growing sample is a leak; the peak alone would hide it)."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        path = Path(tmp) / name
        write(path)
        stats = ReadStats()
        samples: list[float] = []
        every = max(1, n // 10)
        start_rss = rss_mb()
        start = time.perf_counter()
        kept = 0
        for _ in consume(path, stats):
            kept += 1
            if stats.rows // every > len(samples):
                samples.append(rss_mb())
        took = time.perf_counter() - start
        samples.append(rss_mb())
        return {"rows": stats.rows, "kept": kept, "seconds": took, "rows_per_s": stats.rows / took,
                "mb": path.stat().st_size / 1e6, "start_rss_mb": start_rss, "max_rss_mb": max(samples),
                "end_rss_mb": samples[-1], "peak_mb": peak_mb()}
