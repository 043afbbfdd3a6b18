"""`sitrep bench geo`: gazetteer load time and toponyms recognised and resolved per second."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from sitrep.extract.toponyms import find_toponyms
from sitrep.pipeline import Pipeline
from sitrep.records import TextFile
from sitrep.sources.discover import read_text_files


def benchmark_texts(paths: list[Path], *, n_reports: int) -> list[str]:
    """Texts for `sitrep bench geo`: the given files, else freshly generated reports."""
    import tempfile

    if paths:
        return [f.text for f in read_text_files(paths, max_bytes=50_000_000) if isinstance(f, TextFile)]
    from sitrep.bench.ingest import generate_reports

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-geo-") as tmp:
        generate_reports(Path(tmp), n_reports)
        return [p.read_text(encoding="utf-8") for p in sorted(Path(tmp).iterdir())]


# Run in a fresh process: start-up to the first geoparsed toponym, and a plain spaCy load beside it.
# VmHWM, not ru_maxrss: a child started from a large process inherits the parent's ru_maxrss.
_PEAK = """
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""
_STARTUP_SITREP = """
import json, resource, time
t = time.perf_counter()
from sitrep.pipeline import Pipeline
from sitrep.pipeline.geoparse import geoparse_texts
from sitrep.settings import Settings
found = next(geoparse_texts(["Troops left Qamishli for Hasakah on Tuesday."], pipeline=Pipeline.load(Settings.from_env())))
print(json.dumps({"s": time.perf_counter() - t, "rss_mb": peak_mb(), "toponyms": len(found)}))
"""
_STARTUP_SPACY = """
import json, resource, sys, time
t = time.perf_counter()
import spacy
spacy.load(sys.argv[1])("Troops left Qamishli for Hasakah on Tuesday.")
print(json.dumps({"s": time.perf_counter() - t, "rss_mb": peak_mb()}))
"""


_PEAK_IMPORTS = "import resource\n"


def startup_figures(settings: Any) -> dict[str, float]:
    """Wall time and peak RSS of a fresh process from import to its first toponym, and of a fresh
    process that only loads spaCy's model and parses one sentence (the floor sitrep sits on)."""
    figures: dict[str, float] = {}
    for label, code, args in (("startup", _STARTUP_SITREP, []), ("spacy", _STARTUP_SPACY, [settings.nlp.model])):
        done = subprocess.run([sys.executable, "-c", _PEAK_IMPORTS + _PEAK + code, *args], capture_output=True, text=True, check=True,
                              env={**os.environ, "SITREP_CACHE": str(settings.geo.cache_dir)})
        result = json.loads(done.stdout.strip().splitlines()[-1])
        figures[f"{label}_s"] = result["s"]
        figures[f"{label}_rss_mb"] = result["rss_mb"]
    return figures


def run_geo_benchmark(texts: list[str], *, settings: Any, out: TextIO) -> dict[str, float]:
    """Times the gazetteer load, then spaCy parsing and toponym recognition + resolution apart,
    and prints the figures."""
    from sitrep.geo import load_gazetteer

    load_gazetteer(cache_dir=settings.geo.cache_dir)  # builds the cache file if needed: the next load is the one users see
    t0 = time.perf_counter()
    gazetteer = load_gazetteer(cache_dir=settings.geo.cache_dir)
    t1 = time.perf_counter()
    pipeline = Pipeline.load(settings)
    t2 = time.perf_counter()
    docs = list(pipeline.nlp.pipe(texts, batch_size=settings.nlp.batch_size))
    t3 = time.perf_counter()
    found = [find_toponyms(doc, gazetteer=gazetteer) for doc in docs]
    t4 = time.perf_counter()
    n = sum(len(tops) for tops in found)
    resolved = sum(1 for tops in found for t in tops if t.place is not None)
    words = sum(len(t.split()) for t in texts)
    figures = {"gazetteer_load_s": t1 - t0, "documents": float(len(texts)), "words": float(words),
               "toponyms": float(n), "resolved": float(resolved), "parse_s": t3 - t2, "toponyms_s": t4 - t3,
               "toponyms_per_s": n / (t4 - t3) if t4 > t3 else 0.0,
               "end_to_end_toponyms_per_s": n / (t4 - t2) if t4 > t2 else 0.0}
    out.write(
        f"sitrep bench geo: {len(texts)} documents, {words} words, {n} toponyms ({resolved} resolved)\n"
        f"  gazetteer load: {figures['gazetteer_load_s']:.2f} s ({len(gazetteer.columns['name'])} places, "
        f"{len(gazetteer.index)} names)\n"
        f"  recognition + resolution (after spaCy): {figures['toponyms_s']:.2f} s = "
        f"{figures['toponyms_per_s']:.0f} toponyms/s\n"
        f"  with spaCy parsing ({figures['parse_s']:.1f} s): {figures['end_to_end_toponyms_per_s']:.0f} toponyms/s, "
        f"{len(texts) / (t4 - t2):.1f} documents/s\n"
    )
    figures.update(startup_figures(settings))
    out.write(
        f"  start-up to the first toponym (fresh process): {figures['startup_s']:.2f} s, peak RSS "
        f"{figures['startup_rss_mb']:.0f} MB; plain spaCy load + one sentence: {figures['spacy_s']:.2f} s, "
        f"{figures['spacy_rss_mb']:.0f} MB\n"
    )
    return figures
