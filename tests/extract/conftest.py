"""One loaded Pipeline (spaCy + gazetteer) for all extraction tests."""

from datetime import date

import pytest

from sitrep.pipeline import Pipeline
from sitrep.records import Event, Report, content_id
from sitrep.settings import Settings


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.load(Settings())


@pytest.fixture()
def extract(pipeline):
    def run(text: str, published: date | None = date(2024, 12, 18), outlet: str | None = "Test Wire") -> list[Event]:
        report = Report(id=content_id(text), text=text, origin="test.txt", outlet=outlet, published=published)
        return pipeline.extract(report)

    return run
