"""A report the extractor fails on is scored as missed, never silently left out (issue 12: a crash
during a tuning round hid behind unchanged totals)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sitrep.pipeline import Pipeline
from sitrep.pipeline.evaluate import evaluate_extraction_on

GOLD = Path(__file__).parents[1] / "data" / "gold" / "extract_gold_a.jsonl"


def test_failed_reports_count_as_missed(pipeline: Pipeline) -> None:
    n, whole = evaluate_extraction_on([GOLD], pipeline=pipeline)
    settings = pipeline.settings
    short = dataclasses.replace(pipeline, settings=dataclasses.replace(
        settings, ingest=dataclasses.replace(settings.ingest, max_chars=400)))  # longer reports are skipped
    n_again, partly = evaluate_extraction_on([GOLD], pipeline=short)
    assert n_again == n and not whole.failed
    assert partly.failed and all("too long to parse" in line for line in partly.failed)
    assert partly.gold == whole.gold  # the failed reports' gold events are still counted ...
    assert partly.matched < whole.matched  # ... as missed
    assert partly.as_dict()["failed_reports"] == len(partly.failed)
