"""The loaded models (spaCy pipeline, gazetteer, sentence classifier) that the composer runs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sitrep.extract import extract_events, load_nlp
from sitrep.extract.classifier import SentenceClassifier, load_classifier
from sitrep.geo import Gazetteer, load_gazetteer
from sitrep.records import Event, Report
from sitrep.settings import Settings
from sitrep.store.plover import event_record


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
        gazetteer = load_gazetteer(cache_dir=settings.geo.cache_dir)
        if not with_nlp:
            return cls(settings=settings, gazetteer=gazetteer, nlp=None)
        classifier = load_classifier(settings.geo.cache_dir) if settings.nlp.veto > 0 else None
        return cls(settings=settings, gazetteer=gazetteer, nlp=load_nlp(settings.nlp, gazetteer=gazetteer),
                   classifier=classifier)

    def _events(self, doc: Any, report: Report) -> list[Event]:
        return extract_events(doc, report, gazetteer=self.gazetteer, classifier=self.classifier,
                              veto=self.settings.nlp.veto, scope=self.settings.nlp.scope)

    def extract(self, report: Report) -> list[Event]:
        """Events of one report."""
        return self._events(self.nlp(report.text), report)

    def record(self, event: Event, report: Report) -> dict[str, Any]:
        """The PLOVER record of an event (for output without a store), naming its site as the
        site table does."""
        site = self.gazetteer.site(event.place.site_id) if event.place and event.place.site_id else None
        return event_record(event, report, site_name=site.name if site else None)

    def extract_many(self, reports: Iterable[Report]) -> Iterator[tuple[Report, list[Event]]]:
        """Events of many reports, parsed in batches (spaCy's nlp.pipe) for speed."""
        pairs = ((r.text, r) for r in reports)
        docs = self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.nlp.batch_size,
                             n_process=self.settings.nlp.n_process)
        for doc, report in docs:
            yield report, self._events(doc, report)
