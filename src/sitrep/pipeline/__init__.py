"""The composer: the only package that joins stages (sources -> extract -> geo -> fuse -> store).

ingest.py runs text, imagery and flight inputs into the store; models.py holds the loaded models;
cluster.py runs the extraction on Dask workers (imported on its own, only when a cluster is asked for);
imagery.py and tracks.py are the structured-evidence paths; geoparse.py joins extract and geo for
`sitrep geoparse` and `sitrep eval geo`.
"""

from sitrep.extract import ModelMissing
from sitrep.pipeline.ingest import extract_paths, list_inputs, needs_nlp, run_ingest
from sitrep.pipeline.models import Pipeline
from sitrep.pipeline.watch import poll_sources, run_watch
from sitrep.sources.fetch import Fetcher
from sitrep.sources.watchlist import WatchlistError, read_watchlist, sources_from_args

__all__ = ["Fetcher", "ModelMissing", "Pipeline", "WatchlistError", "read_watchlist", "sources_from_args", "extract_paths", "list_inputs", "needs_nlp", "poll_sources", "run_ingest",
           "run_watch"]
