"""Benchmark of the native route (`sitrep bench languages [GOLD...]`): what the first report in
another language adds to memory (the native-name index, loaded lazily), and the speed of each
language's extraction over gold reports (tests/data/gold/languages/ by default)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from sitrep.bench.flights import peak_mb, rss_mb
from sitrep.extract.evaluate import read_gold
from sitrep.geo.native import build_native_index, native_table_text
from sitrep.pipeline import Pipeline
from sitrep.settings import Settings

LANGUAGES = ("fr", "ru", "uk", "ar")


def run_languages_benchmark(settings: Settings, *, paths: Sequence[Path], out: TextIO) -> None:
    """Prints resident memory after the English models, after each language's first reports, and
    each language's words per second."""
    pipeline = Pipeline.load(settings.with_scope("all"))
    out.write(f"English models loaded: {rss_mb():.0f} MB resident (peak {peak_mb():.0f} MB)\n")
    for language in LANGUAGES:
        files = [p for path in paths for p in sorted(path.glob(f"{language}_*.jsonl"))]
        reports = [g.report for g in read_gold(files)]
        if not reports:
            out.write(f"{language}: no gold reports under {', '.join(map(str, paths))}\n")
            continue
        before = rss_mb()
        start = time.perf_counter()
        n_events = sum(len(events) for _, events in pipeline.extract_many(reports))
        seconds = time.perf_counter() - start
        words = sum(len(r.text.split()) for r in reports)
        out.write(f"{language}: {len(reports)} reports, {words:,} words, {n_events} events in {seconds:.2f} s "
                  f"({words / seconds:,.0f} words/s, first call includes loading the index); "
                  f"memory +{rss_mb() - before:.0f} MB -> {rss_mb():.0f} MB resident\n")
    start = time.perf_counter()
    index = build_native_index(native_table_text(), gazetteer=pipeline.gazetteer)
    out.write(f"native-name index built from scratch in {time.perf_counter() - start:.1f} s "
              f"({len(index):,} keys; cached after the first run)\n")
