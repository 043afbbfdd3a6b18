"""One loaded Pipeline (spaCy + gazetteer) for all extraction tests."""

from datetime import date

import pytest

from sitrep.pipeline import Pipeline
from sitrep.records import Event, Report, content_id
from sitrep.settings import Settings


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """Every category sitrep recognises (scope "all"): the rules and the own gold sets cover attacks
    and threats too; the analyst's movement scope has its own tests."""
    return Pipeline.load(Settings().with_scope("all"))


@pytest.fixture()
def extract(pipeline):
    def run(text: str, published: date | None = date(2024, 12, 18), outlet: str | None = "Test Wire") -> list[Event]:
        report = Report(id=content_id(text), text=text, origin="test.txt", outlet=outlet, published=published)
        return pipeline.extract(report)

    return run
