"""Ingest on a Dask cluster (`sitrep ingest --cluster local[:N]|tcp://HOST:8786`): the workers parse
and extract, the client reads the inputs and is the one writer of the store.

Each worker loads the models once (`ModelLoader`, a worker plugin named after the settings, so a
cluster shared by runs with other settings keeps them apart). Reports go out in batches with a
bounded number in flight and come back in the order they were sent, so the store receives the
same reports in the same order as a single-process run and ends with the same ids, fused events
and site statuses. Imported only when a cluster is asked for: `distributed` stays out of other runs.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice

from distributed import Client, Future, LocalCluster, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from sitrep.pipeline.ingest import needs_nlp, run_ingest
from sitrep.pipeline.models import Pipeline
from sitrep.records import Event, IngestSummary, InputFile, Report, ReportDefaults, Skipped
from sitrep.settings import Settings
from sitrep.store import Store

# Reports per task: large enough that scheduling costs little next to parsing (news articles take
# tens of milliseconds each), small enough that a lost worker redoes little.
BATCH = 16
# Batches in flight per worker: one parsing, one queued, so a worker never waits for the client.
IN_FLIGHT_PER_WORKER = 2
WORKER_WAIT_S = 60.0
_ADDRESS = re.compile(r"tcp://[^\s:/]+(:\d{1,5})?")

Extracted = tuple[Report, list[Event]] | Skipped


@dataclass(frozen=True)
class ClusterSpec:
    """Where extraction runs: a LocalCluster of `workers` processes, or the scheduler at `address`."""

    address: str | None = None
    workers: int = 1

    @classmethod
    def parse(cls, text: str) -> ClusterSpec:
        """`local`, `local:N` or `tcp://HOST[:PORT]`; ValueError naming the forms otherwise."""
        if text == "local":
            return cls(workers=os.cpu_count() or 1)
        if text.startswith("local:"):
            count = text.removeprefix("local:")
            if count.isdigit() and int(count) > 0:
                return cls(workers=int(count))
        elif _ADDRESS.fullmatch(text):
            return cls(address=text)
        raise ValueError(f"{text!r} is not local, local:N (N >= 1) or tcp://HOST:PORT")


@contextmanager
def open_client(spec: ClusterSpec) -> Iterator[Client]:
    """A client of a new LocalCluster (processes, one thread each: spaCy holds the GIL), closed
    with it, or of the running cluster at the address, which stays up."""
    if spec.address is None:
        with (LocalCluster(n_workers=spec.workers, threads_per_worker=1, processes=True,
                           dashboard_address=None) as cluster, Client(cluster) as client):
            yield client
    else:
        with Client(spec.address, timeout=WORKER_WAIT_S) as client:
            client.wait_for_workers(1, timeout=WORKER_WAIT_S)
            yield client


class ModelLoader(WorkerPlugin):
    """Loads the models once per worker, when the worker joins or the plugin is registered."""

    idempotent = True  # a worker that already holds these models keeps them across runs

    def __init__(self, settings: Settings) -> None:
        # Inside a worker spaCy runs in that one process: the cluster is the parallelism.
        self.settings = replace(settings, nlp=replace(settings.nlp, n_process=1))
        digest = hashlib.sha256(repr((self.settings.nlp, self.settings.geo, self.settings.ingest)).encode())
        self.name = f"sitrep-models-{digest.hexdigest()[:16]}"
        self.pipeline: Pipeline | None = None

    def setup(self, worker: object) -> None:
        self.pipeline = Pipeline.load(self.settings)

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "pipeline": None}  # the models are loaded where they run


def extract_batch(plugin: str, reports: list[Report]) -> list[Extracted]:
    """The worker task: each report's events, or why it was skipped, in the reports' order."""
    loader = get_worker().plugins[plugin]
    assert isinstance(loader, ModelLoader) and loader.pipeline is not None
    done: list[Extracted] = []
    done.extend(loader.pipeline.extract_many(reports, on_skip=done.append))
    return done


class ClusterExtractor:
    """`extract_many` on the cluster's workers, results in input order (the `Extractor` of `run_ingest`)."""

    def __init__(self, client: Client, settings: Settings, *, batch: int = BATCH) -> None:
        loader = ModelLoader(settings)
        client.register_plugin(loader)
        self.client, self.plugin, self.batch = client, loader.name, batch
        workers = len(client.scheduler_info(n_workers=-1)["workers"])
        self.in_flight = max(2, IN_FLIGHT_PER_WORKER * workers)

    @property
    def chunk_size(self) -> int:
        """Reports the composer should gather before handing them over: enough to fill the window twice."""
        return self.batch * self.in_flight * 2

    def extract_many(self, reports: Iterable[Report], *, on_skip: Callable[[Skipped], None] = lambda s: None
                     ) -> Iterator[tuple[Report, list[Event]]]:
        """Events of many reports; at most `in_flight` batches are out at once."""
        window: deque[Future] = deque()
        pending = iter(reports)
        while batch := list(islice(pending, self.batch)):
            window.append(self.client.submit(extract_batch, self.plugin, batch, pure=False))
            if len(window) >= self.in_flight:
                yield from _unpack(window.popleft().result(), on_skip)
        while window:
            yield from _unpack(window.popleft().result(), on_skip)


def _unpack(results: list[Extracted], on_skip: Callable[[Skipped], None]) -> Iterator[tuple[Report, list[Event]]]:
    for item in results:
        if isinstance(item, Skipped):
            on_skip(item)
        else:
            yield item


def run_cluster_ingest(
    inputs: Sequence[InputFile | Skipped],
    *,
    cluster: ClusterSpec,
    pipeline: Pipeline,
    store: Store,
    defaults: ReportDefaults,
    on_skip: Callable[[Skipped], None],
    on_file: Callable[[], None] = lambda: None,
) -> IngestSummary:
    """`run_ingest` with the text extracted on the cluster; `pipeline` needs no NLP here (the
    client only reads, writes and fuses). Without text inputs no cluster is started."""
    if not needs_nlp(inputs):
        return run_ingest(inputs, pipeline=pipeline, store=store, defaults=defaults, on_skip=on_skip,
                          on_file=on_file)
    with open_client(cluster) as client:
        extractor = ClusterExtractor(client, pipeline.settings)
        return run_ingest(inputs, pipeline=pipeline, store=store, defaults=defaults, on_skip=on_skip,
                          on_file=on_file, extractor=extractor, chunk_size=extractor.chunk_size)
