"""The loaded models (spaCy pipeline, gazetteer, sentence classifier) that the composer runs."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from typing import Any, Protocol

from sitrep.extract import extract_events, load_nlp
from sitrep.extract.classifier import SentenceClassifier, load_classifier
from sitrep.extract.native import LEXICONS, extract_native_events
from sitrep.extract.salience import SalienceModel, load_salience
from sitrep.geo import Gazetteer, load_gazetteer
from sitrep.geo.native import NativeNames, load_native_names
from sitrep.records import Event, Report, Skipped
from sitrep.settings import Settings
from sitrep.store.plover import event_record


class Extractor(Protocol):
    """What turns reports into their events for `run_ingest`: a `Pipeline`, or a cluster's workers."""

    def extract_many(self, reports: Iterable[Report], *, on_skip: Callable[[Skipped], None] = ...
                     ) -> Iterator[tuple[Report, list[Event]]]:
        """Each report with its events, in input order; a report that fails goes to on_skip."""
        ...


@dataclass
class Pipeline:
    """The loaded models (spaCy pipeline, gazetteer): build once, use for many reports."""

    settings: Settings
    gazetteer: Gazetteer
    nlp: Any
    classifier: SentenceClassifier | None = None
    salience: SalienceModel | None = None
    native_names: NativeNames | None = field(default=None, repr=False)  # loaded with the first such report
    # The sentence classifier loads with the first extraction, not at start-up: geoparsing never
    # needs it, and its import (scikit-learn) is about half of sitrep's own start-up time.
    classifier_pending: bool = field(default=False, repr=False)

    @classmethod
    def load(cls, settings: Settings, *, with_nlp: bool = True) -> Pipeline:
        """Loads the models; without NLP (a run of imagery and flight files only) the spaCy
        pipeline and classifier stay out of memory (about 300 MB)."""
        gazetteer = load_gazetteer(cache_dir=settings.geo.cache_dir)
        if not with_nlp:
            return cls(settings=settings, gazetteer=gazetteer, nlp=None)
        nlp = load_nlp(settings.nlp, gazetteer=gazetteer)
        nlp.max_length = max(nlp.max_length, settings.ingest.max_chars)  # longer texts never reach it
        salience = load_salience() if settings.nlp.salience > 0 else None
        return cls(settings=settings, gazetteer=gazetteer, nlp=nlp, salience=salience,
                   classifier_pending=settings.nlp.veto > 0)

    def _events(self, doc: Any, report: Report) -> list[Event]:
        if self.classifier_pending:
            self.classifier = load_classifier(self.settings.geo.cache_dir)
            self.classifier_pending = False
        return extract_events(doc, report, gazetteer=self.gazetteer, classifier=self.classifier,
                              veto=self.settings.nlp.veto, scope=self.settings.nlp.scope,
                              salience=self.salience, salience_threshold=self.settings.nlp.salience)

    def extract(self, report: Report) -> list[Event]:
        """Events of one report, by the route its language takes (`route_of`)."""
        if route_of(report) != "en":
            return self._native_events(report)
        return self._events(self.nlp(report.text), report)

    def _native_events(self, report: Report) -> list[Event]:
        """Events of a French, Russian, Ukrainian or Arabic report (extract/native/)."""
        if self.native_names is None:
            self.native_names = load_native_names(cache_dir=self.settings.geo.cache_dir, gazetteer=self.gazetteer)
        events = extract_native_events(report, lexicon=LEXICONS[route_of(report)], names=self.native_names,
                                       gazetteer=self.gazetteer)
        if self.settings.nlp.scope == "movements":
            from sitrep.extract.scope import in_movement_scope

            events = [e for e in events if in_movement_scope(e, report)]
        return events

    def record(self, event: Event, report: Report) -> dict[str, Any]:
        """The PLOVER record of an event (for output without a store), naming its site as the
        site table does."""
        site = self.gazetteer.site(event.place.site_id) if event.place and event.place.site_id else None
        return event_record(event, report, site_name=site.name if site else None)

    def extract_many(self, reports: Iterable[Report], *, on_skip: Callable[[Skipped], None] = lambda s: None
                     ) -> Iterator[tuple[Report, list[Event]]]:
        """Events of many reports in input order: English ones (and those of languages without a
        route of their own) through spaCy in batches, the others through the native route."""
        for route, run in groupby(self._parseable(reports, on_skip), key=route_of):
            if route == "en":
                yield from self._extract_english(run, on_skip=on_skip)
                continue
            for report in run:
                events = self._guarded(partial(self._native_events, report), report, on_skip)
                if events is not None:
                    yield report, events

    def _extract_english(self, reports: Iterable[Report], *, on_skip: Callable[[Skipped], None]
                         ) -> Iterator[tuple[Report, list[Event]]]:
        """Events of many reports, parsed in batches (spaCy's nlp.pipe) for speed.

        No report stops the others: one longer than `max_chars`, or one that the parser or the
        extractors fail on, goes to `on_skip` with its reason and the rest are still parsed."""
        pending = iter(reports)
        handed: deque[Report] = deque()  # given to spaCy, not yet back: redone alone on failure

        def feed() -> Iterator[tuple[str, Report]]:
            for report in pending:
                handed.append(report)
                yield report.text, report

        while True:
            handed.clear()
            try:
                for doc, report in self.nlp.pipe(feed(), as_tuples=True, batch_size=self.settings.nlp.batch_size,
                                                 n_process=self.settings.nlp.n_process):
                    handed.popleft()
                    events = self._guarded(partial(self._events, doc, report), report, on_skip)
                    if events is not None:
                        yield report, events
                return
            except Exception:  # noqa: BLE001 - one report broke a batch: find it, keep the others
                for report in list(handed):
                    events = self._guarded(partial(self.extract, report), report, on_skip)
                    if events is not None:
                        yield report, events

    def _parseable(self, reports: Iterable[Report], on_skip: Callable[[Skipped], None]) -> Iterator[Report]:
        limit = self.settings.ingest.max_chars
        for report in reports:
            if len(report.text) > limit:
                on_skip(Skipped(report.origin, f"too long to parse ({len(report.text):,} characters > "
                                               f"limit {limit:,}, SITREP_MAX_CHARS)"))
            else:
                yield report

    @staticmethod
    def _guarded(work: Callable[[], list[Event]], report: Report, on_skip: Callable[[Skipped], None]
                 ) -> list[Event] | None:
        """The events `work` finds, or None after telling on_skip why it failed on this report."""
        try:
            return work()
        except Exception as err:  # noqa: BLE001 - a bad report is skipped, never the run
            on_skip(Skipped(report.origin, f"could not be parsed ({type(err).__name__}: {err})"[:300]))
            return None


def route_of(report: Report) -> str:
    """The extraction route a report takes: its language when sitrep has a native route for it
    (fr, ru, uk, ar), else "en" (English, and languages without a route, as before)."""
    return report.language if report.language in LEXICONS else "en"
