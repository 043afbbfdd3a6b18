"""Evaluations that run the whole pipeline over gold data: extraction (gold events) and geoparsing
(gold toponyms). Scoring itself is in `sitrep.extract.evaluate` and `sitrep.geo.evaluate`."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from sitrep.extract.evaluate import ExtractionScores, evaluate_extraction, read_gold
from sitrep.geo.evaluate import GeoScores, GoldArticle, Predicted, annotates_demonyms
from sitrep.pipeline.geoparse import geoparse_texts
from sitrep.pipeline.models import Pipeline


def evaluate_extraction_on(paths: Iterable[Path], *, pipeline: Pipeline) -> tuple[int, ExtractionScores]:
    """How many gold reports were read from the paths, and sitrep's scores on them."""
    skipped: list[str] = []
    reasons: dict[str, str] = {}
    reports = read_gold(paths, skipped=skipped)
    scores = evaluate_extraction(reports, partial(pipeline.extract_many,
                                                  on_skip=lambda s: reasons.__setitem__(s.origin, s.reason)))
    scores.skipped = skipped
    scores.failed = [f"{origin}: {reasons.get(origin, 'no events returned')}" for origin in scores.failed]
    return len(reports), scores


def evaluate_geoparsing(articles: list[GoldArticle], *, pipeline: Pipeline,
                        demonyms: bool | None = None) -> GeoScores:
    """Recognition and resolution scores of sitrep's geoparser on gold articles; predicted demonyms
    count when `demonyms` is True, or, when it is None, when the corpus annotates some."""
    scores = GeoScores(count_demonyms=annotates_demonyms(articles) if demonyms is None else demonyms)
    for article, toponyms in zip(articles, geoparse_texts((a.text for a in articles), pipeline=pipeline), strict=True):
        predicted = [Predicted(t.start, t.end, t.place.lat if t.place else None, t.place.lon if t.place else None,
                               t.role) for t in toponyms]
        scores.add(article, predicted)
    return scores
