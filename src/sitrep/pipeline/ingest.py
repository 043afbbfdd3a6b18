"""Ingest: input files -> (text: extract, geo) | imagery | flight tracks | community formats -> store. Text reports are
parsed in batches and each is committed with its events atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from sitrep.pipeline.imagery import ingest_observations
from sitrep.pipeline.models import Extractor, Pipeline
from sitrep.pipeline.osint import ingest_community_file
from sitrep.pipeline.tracks import ingest_flight_files
from sitrep.records import (
    FLIGHT_KINDS,
    OSINT_KINDS,
    SHIP_KINDS,
    Event,
    IngestSummary,
    InputFile,
    InputKind,
    Report,
    ReportDefaults,
    Skipped,
)
from sitrep.sources import iter_inputs, read_inputs, read_path
from sitrep.store import Store

CHUNK_REPORTS = 32  # text reports parsed together; each touched site is judged once per chunk


def run_ingest(
    inputs: Sequence[InputFile | Skipped],
    *,
    pipeline: Pipeline,
    store: Store,
    defaults: ReportDefaults,
    on_skip: Callable[[Skipped], None],
    on_file: Callable[[], None] = lambda: None,
    chunk_size: int = CHUNK_REPORTS,
    extractor: Extractor | None = None,
) -> IngestSummary:
    """Reads, extracts and stores the inputs (from `sitrep.sources.iter_inputs`).

    Reports already in the store (by content hash) are not parsed again, so a re-run after an
    interruption only does the remaining work. Text is extracted by `extractor` (the workers of a
    cluster, `sitrep.pipeline.cluster`) or else by the pipeline's own models; either way the
    reports come back in input order and this process alone writes them.
    """
    summary = IngestSummary()
    store.sync_sites(pipeline.gazetteer.sites.values())
    store.rejudge_sites()  # statuses judged under other rules (settings.status) are judged again
    pending: list[Report] = []
    flight_files: list[InputFile] = []
    max_bytes = pipeline.settings.ingest.max_bytes

    def skip(item: Skipped) -> None:
        summary.skipped += 1
        on_skip(item)

    def flush() -> None:
        fresh = _new_reports(pending, store, summary)
        pending.clear()
        if not fresh:
            return
        if extractor is None and pipeline.nlp is None:
            raise RuntimeError("text reports to extract, but the pipeline was loaded without NLP")
        with store.batch():  # each site the chunk touches is judged once, after it
            for report, events in (extractor or pipeline).extract_many(fresh, on_skip=skip):
                if store.save_report(report, events):
                    summary.stored += 1
                    summary.events += len(events)
                    if report.published is None:
                        summary.undated.append(report.origin)
                else:
                    summary.already += 1

    for item in inputs:
        if isinstance(item, Skipped):
            summary.skipped += 1
            on_skip(item)
            continue
        if item.kind in FLIGHT_KINDS:
            flight_files.append(item)  # read together at the end: registries type the tracks
        elif item.kind in OSINT_KINDS or item.kind in SHIP_KINDS:
            summary.add(ingest_community_file(item, store=store, sites=pipeline.gazetteer.sites,
                                              max_bytes=max_bytes, on_skip=on_skip))
        elif item.kind == InputKind.IMAGERY:
            summary.add(ingest_observations(item.path, store=store, sites=pipeline.gazetteer.sites,
                                            max_bytes=max_bytes, on_skip=on_skip))
        else:
            for read in read_path(item.path, defaults=defaults, max_bytes=max_bytes):
                if isinstance(read, Skipped):
                    skip(read)
                else:
                    pending.append(read)
            if len(pending) >= chunk_size:
                flush()
        on_file()
    flush()
    if flight_files:
        summary.add(ingest_flight_files(flight_files, store=store, sites=pipeline.gazetteer.sites,
                                        limits=pipeline.settings.ingest, on_skip=on_skip))
    return summary


def list_inputs(paths: Iterable[Path], *, follow_symlinks: bool = False) -> list[InputFile | Skipped]:
    """Every input under the paths with its kind (decided once, here), or why it is skipped."""
    return list(iter_inputs(paths, follow_symlinks=follow_symlinks))


def extract_paths(paths: Iterable[Path], *, pipeline: Pipeline, defaults: ReportDefaults,
                  on_skip: Callable[[Skipped], None]) -> Iterator[tuple[Report, list[Event]]]:
    """The events of every report under the paths, without a store (`sitrep extract`)."""
    reports: list[Report] = []
    limits = pipeline.settings.ingest
    for item in read_inputs(paths, defaults=defaults, max_bytes=limits.max_bytes,
                            follow_symlinks=limits.follow_symlinks):
        if isinstance(item, Skipped):
            on_skip(item)
        else:
            reports.append(item)
    yield from pipeline.extract_many(reports, on_skip=on_skip)


def needs_nlp(inputs: Sequence[InputFile | Skipped]) -> bool:
    """True unless every input is structured evidence (imagery, flights): then no text is parsed."""
    return any(isinstance(item, InputFile) and item.kind == InputKind.TEXT for item in inputs)


def _new_reports(reports: list[Report], store: Store, summary: IngestSummary) -> list[Report]:
    """Drops reports already stored or repeated within the batch (same content hash)."""
    known = store.known_documents(r.id for r in reports)
    fresh: list[Report] = []
    seen: set[str] = set()
    for report in reports:
        if report.id in known or report.id in seen:
            summary.already += 1
            continue
        seen.add(report.id)
        fresh.append(report)
    return fresh
