"""Geoparsing benchmark: `python benchmarks/geo.py [PATH...]` (same as `sitrep bench geo [PATH...]`)."""

import sys
from pathlib import Path

from sitrep.bench.geo import benchmark_texts, run_geo_benchmark
from sitrep.settings import Settings

if __name__ == "__main__":
    texts = benchmark_texts([Path(p) for p in sys.argv[1:]], n_reports=300)
    run_geo_benchmark(texts, settings=Settings.from_env(), out=sys.stdout)
