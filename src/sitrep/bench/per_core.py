"""`sitrep bench per-core`: sitrep's extraction and full ingest against a plain spaCy pass, in one
process over the same real texts, timed in CPU seconds of this process (other work on a shared
machine does not count) and in wall seconds. Rounds alternate the three passes; medians reported."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from sitrep.records import Report, ReportDefaults, Skipped
from sitrep.settings import Settings


def read_reports(paths: Iterable[Path], settings: Settings) -> list[Report]:
    """The text reports under the paths, as `sitrep ingest` reads them."""
    from sitrep.sources import read_inputs

    return [item for item in read_inputs(paths, defaults=ReportDefaults(), max_bytes=settings.ingest.max_bytes)
            if not isinstance(item, Skipped)]


def _timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def run_per_core_benchmark(settings: Settings, *, paths: list[Path], rounds: int, out: TextIO) -> dict[str, float]:
    """Prints and returns the medians of each pass and the ratios to the plain pass."""
    import spacy

    from sitrep.pipeline import Pipeline, run_ingest
    from sitrep.sources import iter_inputs
    from sitrep.store import open_store

    settings = settings.with_workers(1)
    reports = read_reports(paths, settings)
    if not reports:
        raise ValueError(f"no text reports under {', '.join(map(str, paths))}")
    texts = [r.text for r in reports]
    words = sum(len(t.split()) for t in texts)
    plain = spacy.load(settings.nlp.model)
    pipeline = Pipeline.load(settings)
    list(plain.pipe(texts[:8]))  # warm both: first calls allocate
    list(pipeline.extract_many(reports[:8]))
    runs: dict[str, list[tuple[float, float]]] = {"plain": [], "extract": [], "ingest": []}
    events = 0
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        for n in range(rounds):
            cpu, wall, _ = _timed(lambda: sum(1 for _ in plain.pipe(texts, batch_size=settings.nlp.batch_size)))
            runs["plain"].append((cpu, wall))
            cpu, wall, events = _timed(lambda: sum(len(e) for _, e in pipeline.extract_many(reports)))
            runs["extract"].append((cpu, wall))
            url = f"sqlite:///{Path(tmp) / f'round{n}.db'}"
            store = open_store(url, status_rules=settings.status)
            cpu, wall, _ = _timed(partial(run_ingest, list(iter_inputs(paths)), pipeline=pipeline, store=store,
                                          defaults=ReportDefaults(), on_skip=lambda s: None))
            runs["ingest"].append((cpu, wall))
            store.engine.dispose()
    med = {name: (statistics.median(c for c, _ in r), statistics.median(w for _, w in r)) for name, r in runs.items()}
    figures = {"reports": float(len(reports)), "words": float(words), "events": float(events)}
    for name, (cpu, wall) in med.items():
        figures[f"{name}_cpu_s"], figures[f"{name}_wall_s"] = cpu, wall
    for name in ("extract", "ingest"):
        figures[f"{name}_ratio_cpu"] = med[name][0] / med["plain"][0]
        figures[f"{name}_ratio_wall"] = med[name][1] / med["plain"][1]
    out.write(
        f"sitrep bench per-core: {len(reports)} reports, {words} words, {events} events; one process, "
        f"median of {rounds} round(s)\n"
        f"  plain spacy.load('{settings.nlp.model}') + nlp.pipe: {med['plain'][0]:.2f} s CPU "
        f"({med['plain'][1]:.2f} s wall, {words / med['plain'][0]:.0f} words per CPU second)\n"
        f"  sitrep extract (parse + rules):   {med['extract'][0]:.2f} s CPU ({med['extract'][1]:.2f} s wall)"
        f"  ratio {figures['extract_ratio_cpu']:.2f} CPU, {figures['extract_ratio_wall']:.2f} wall\n"
        f"  sitrep ingest (+ store, fusion):  {med['ingest'][0]:.2f} s CPU ({med['ingest'][1]:.2f} s wall)"
        f"  ratio {figures['ingest_ratio_cpu']:.2f} CPU, {figures['ingest_ratio_wall']:.2f} wall\n"
    )
    return figures
