"""`sitrep bench flights`: generated state vectors written to a CSV, then streamed through the
reader and the movement detector, with rows per second and memory along the way."""

from __future__ import annotations

import functools
import random
import resource
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from sitrep.bench.flightsim import HEADER, Field, bench_rows
from sitrep.records import Skipped, StateVector
from sitrep.sources.flights import ReadStats, read_state_vectors
from sitrep.tracks.aircraft import classify_aircraft, load_aircraft_tables
from sitrep.tracks.airfields import AirfieldIndex, load_airfields
from sitrep.tracks.movements import MovementDetector, detect_movements

REGION = (25.0, 60.0, -10.0, 50.0)  # Europe and the Middle East: a busy, realistic sky


def bench_fields(airfields: AirfieldIndex) -> list[Field]:
    """The airfields flights are generated between: IATA airports and sites in REGION."""
    south, north, west, east = REGION
    fields = []
    for a in airfields:
        if (a.iata or a.site_id) and south < a.lat < north and west < a.lon < east:
            runway = random.Random(a.code).randrange(0, 180, 10)  # any axis: the detector does not use it
            fields.append(Field(a.code, a.lat, a.lon, a.elevation_m or 0.0, float(runway)))
    return sorted(fields, key=lambda f: f.code)


def rss_mb() -> float:
    """Resident memory now (Linux /proc), else the peak so far."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except (OSError, ValueError, IndexError):
        return peak_mb()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_states(path: Path, n_rows: int, airfields: AirfieldIndex) -> None:
    """n_rows generated state vectors as an OpenSky CSV."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(HEADER + "\n")
        for row in bench_rows(n_rows, bench_fields(airfields)):
            stream.write(row + "\n")


def run_flights_benchmark(*, n_rows: int, workdir: Path | None, out: TextIO, keep: bool = False) -> dict[str, float]:
    """Generates n_rows state vectors into a CSV, streams it through reader + detector, prints figures."""
    tmp = None if workdir else tempfile.TemporaryDirectory(prefix="sitrep-flights-")
    root = workdir or Path(tmp.name)  # type: ignore[union-attr]
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"states-{n_rows}.csv"
    t0 = time.perf_counter()
    airfields = load_airfields()
    t1 = time.perf_counter()
    write_states(path, n_rows, airfields)
    t2 = time.perf_counter()
    out.write(f"sitrep bench flights: {n_rows:,} generated state vectors ({path.stat().st_size / 1e6:,.0f} MB CSV, "
              f"written in {t2 - t1:.0f} s); airfield table ({len(airfields):,} airfields) loaded in {t1 - t0:.1f} s\n"
              f"  memory before the stream: {rss_mb():.0f} MB resident\n")
    figures = stream_states(path, n_rows, airfields, out)
    if not keep:
        path.unlink(missing_ok=True)
    if tmp:
        tmp.cleanup()
    return figures


def stream_states(path: Path, n_rows: int, airfields: AirfieldIndex, out: TextIO) -> dict[str, float]:
    """Reader + detector over one CSV: rows/s, movements, and memory every fifth of the stream."""
    classify = functools.partial(classify_aircraft, tables=load_aircraft_tables())
    start_rss, start_peak = rss_mb(), peak_mb()
    stats = ReadStats()
    detector = MovementDetector(airfields, classify)
    seen = {"live": 0.0, "rss": start_rss}

    def rows() -> Iterator[StateVector | Skipped]:
        step = max(1, n_rows // 5)
        checkpoint = step
        for item in read_state_vectors(path, stats=stats):
            yield item
            if stats.rows >= checkpoint:
                checkpoint += step
                now = rss_mb()
                seen["live"], seen["rss"] = max(seen["live"], detector.live), max(seen["rss"], now)
                out.write(f"  {stats.rows:>12,} rows: {detector.live:,} aircraft tracked, {now:.0f} MB resident\n")

    items = Counter("error" if isinstance(item, Skipped) else "movement"
                    for item in _timed(detect_movements(rows(), airfields, classify, detector=detector), seen))
    max_live, max_rss = int(seen["live"]), max(seen["rss"], rss_mb())
    rate = stats.rows / seen["seconds"] if seen["seconds"] else 0.0
    out.write(f"  read + detect: {stats.rows:,} rows in {seen['seconds']:.1f} s = {rate:,.0f} rows/s; "
              f"{items['movement']:,} movements ({detector.stats.unmatched:,} phase changes away from any airfield), "
              f"{items['error']:,} error lines\n"
              f"  memory: {start_rss:.0f} MB at start, at most {max_rss:.0f} MB during the stream "
              f"(+{max_rss - start_rss:.0f} MB); peak RSS of the process {peak_mb():.0f} MB "
              f"({start_peak:.0f} MB before the stream); at most {max_live:,} aircraft held\n")
    return {"rows": float(stats.rows), "seconds": seen["seconds"], "rows_per_s": rate,
            "movements": float(items["movement"]), "errors": float(items["error"]), "start_rss_mb": start_rss,
            "max_rss_mb": max_rss, "peak_rss_mb": peak_mb(), "growth_mb": max_rss - start_rss,
            "max_live": float(max_live)}


def _timed(items: Iterator[Any], seen: dict[str, float]) -> Iterator[Any]:
    """The items, with the time it took to produce them all in seen["seconds"]."""
    t0 = time.perf_counter()
    yield from items
    seen["seconds"] = time.perf_counter() - t0
