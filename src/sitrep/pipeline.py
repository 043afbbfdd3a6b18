"""Composes the stages: sources -> extract (with geo) -> records. The only module that joins stages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sitrep.extract import extract_events, load_nlp
from sitrep.extract.classifier import SentenceClassifier, load_classifier
from sitrep.geo import Gazetteer, load_gazetteer
from sitrep.plover import event_record
from sitrep.records import Event, Report, Skipped
from sitrep.settings import Settings
from sitrep.sources import ReportDefaults, iter_input_files, read_path
from sitrep.store import Store
from sitrep.structured import (
    FLIGHT_KINDS,
    EvidenceCounts,
    ingest_flight_files,
    ingest_observations,
    structured_kind,
)


@dataclass
class Pipeline:
    """The loaded models (spaCy pipeline, gazetteer): build once, use for many reports."""

    settings: Settings
    gazetteer: Gazetteer
    nlp: Any
    classifier: SentenceClassifier | None = None

    @classmethod
    def load(cls, settings: Settings, *, with_nlp: bool = True) -> Pipeline:
        """Loads the models; without NLP (a run of imagery and flight files only) the spaCy
        pipeline and classifier stay out of memory (about 300 MB)."""
        gazetteer = load_gazetteer()
        if not with_nlp:
            return cls(settings=settings, gazetteer=gazetteer, nlp=None)
        classifier = load_classifier() if settings.nlp.veto > 0 else None
        return cls(settings=settings, gazetteer=gazetteer, nlp=load_nlp(settings.nlp, gazetteer=gazetteer),
                   classifier=classifier)

    def _events(self, doc: Any, report: Report) -> list[Event]:
        return extract_events(doc, report, gazetteer=self.gazetteer, classifier=self.classifier,
                              veto=self.settings.nlp.veto)

    def extract(self, report: Report) -> list[Event]:
        """Events of one report."""
        return self._events(self.nlp(report.text), report)

    def record(self, event: Event, report: Report) -> dict[str, Any]:
        """The PLOVER record of an event, naming its site as the site table does."""
        site = self.gazetteer.site(event.place.site_id) if event.place and event.place.site_id else None
        return event_record(event, report, site_name=site.name if site else None)

    def extract_many(self, reports: Iterable[Report]) -> Iterator[tuple[Report, list[Event]]]:
        """Events of many reports, parsed in batches (spaCy's nlp.pipe) for speed."""
        pairs = ((r.text, r) for r in reports)
        docs = self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.nlp.batch_size,
                             n_process=self.settings.nlp.n_process)
        for doc, report in docs:
            yield report, self._events(doc, report)


@dataclass
class IngestSummary:
    stored: int = 0
    events: int = 0
    already: int = 0
    skipped: int = 0
    movements: int = 0  # new flight movements (landings, take-offs) from flight files
    movements_known: int = 0  # movements already stored by an earlier run
    interrupted: bool = False

    def add(self, counts: EvidenceCounts) -> None:
        """Adds what a structured-evidence file (imagery, flights) stored to this run's tally."""
        for f in fields(counts):
            setattr(self, f.name, getattr(self, f.name) + getattr(counts, f.name))

    @property
    def ok(self) -> bool:
        """True when anything could be ingested (new or already stored)."""
        return self.stored + self.already + self.movements + self.movements_known > 0


def run_ingest(
    paths: list[Path],
    *,
    pipeline: Pipeline,
    store: Store,
    defaults: ReportDefaults,
    on_skip: Callable[[Skipped], None],
    on_file: Callable[[], None] = lambda: None,
    chunk_size: int = 32,
) -> IngestSummary:
    """Reads, extracts and stores reports; each report is committed with its events atomically.

    Reports already in the store (by content hash) are not parsed again, so a re-run after an
    interruption only does the remaining work.
    """
    summary = IngestSummary()
    store.sync_sites(pipeline.gazetteer.sites.values())
    pending: list[Report] = []
    flight_files: list[tuple[str, Path]] = []

    def flush() -> None:
        fresh = _new_reports(pending, store, summary)
        pending.clear()
        if not fresh:
            return
        if pipeline.nlp is None:
            raise RuntimeError("text reports to extract, but the pipeline was loaded without NLP")
        for report, events in pipeline.extract_many(fresh):
            records = [(e, pipeline.record(e, report)) for e in events]
            if store.save_report(report, records):
                summary.stored += 1
                summary.events += len(events)
            else:
                summary.already += 1

    for item in iter_input_files(paths):
        if isinstance(item, Skipped):
            summary.skipped += 1
            on_skip(item)
            continue
        kind = structured_kind(item)
        if kind in FLIGHT_KINDS:
            flight_files.append((kind, item))  # read together at the end: registries type the tracks
            on_file()
            continue
        if kind == "imagery":
            got = ingest_observations(item, store=store, sites=pipeline.gazetteer.sites,
                                      max_bytes=pipeline.settings.ingest.max_bytes, on_skip=on_skip)
            summary.add(got)
            on_file()
            continue
        for read in read_path(item, defaults=defaults, max_bytes=pipeline.settings.ingest.max_bytes):
            if isinstance(read, Skipped):
                summary.skipped += 1
                on_skip(read)
            else:
                pending.append(read)
        if len(pending) >= chunk_size:
            flush()
        on_file()
    flush()
    if flight_files:
        got = ingest_flight_files(flight_files, store=store, sites=pipeline.gazetteer.sites, on_skip=on_skip)
        summary.add(got)
    return summary


def needs_nlp(paths: list[Path]) -> bool:
    """True unless every input is structured evidence (imagery, flights): then no text is parsed."""
    return any(not isinstance(item, Skipped) and structured_kind(item) is None for item in iter_input_files(paths))


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
