"""Ingest benchmark: `python benchmarks/ingest.py [N]` (same as `sitrep bench ingest --reports N`)."""

import sys

from sitrep.bench.ingest import run_ingest_benchmark
from sitrep.settings import Settings

if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    run_ingest_benchmark(Settings.from_env(), n_reports=n, workdir=None, out=sys.stdout)
