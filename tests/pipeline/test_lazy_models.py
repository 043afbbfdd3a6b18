"""Models that only extraction needs load with the first extraction, not at start-up."""

import sys

from sitrep.pipeline import Pipeline
from sitrep.pipeline.geoparse import geoparse_texts
from sitrep.records import Report, content_id
from sitrep.settings import Settings


def test_classifier_waits_for_the_first_extraction():
    pipeline = Pipeline.load(Settings())
    assert pipeline.settings.nlp.veto > 0
    assert pipeline.classifier is None and pipeline.classifier_pending
    assert next(geoparse_texts(["Troops left Qamishli for Hasakah."], pipeline=pipeline))
    assert pipeline.classifier is None  # geoparsing never loads it
    text = "Russian troops left the Qamishli airport on Tuesday, residents said."
    pipeline.extract(Report(id=content_id(text), text=text, origin="t.txt"))
    assert pipeline.classifier is not None and not pipeline.classifier_pending
    assert "sklearn" in sys.modules
