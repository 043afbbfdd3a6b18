"""Typed records passed between stages, from the file read to the API response.

text.py: Report -> Toponym/Place -> Event; evidence.py: imagery observations and flight tracks;
inputs.py: input files, defaults, skipped inputs and the ingest tally.
"""

from sitrep.records.evidence import (
    OBJECT_CLASSES,
    Airframe,
    Flight,
    FlightMovement,
    Observation,
    StateVector,
)
from sitrep.records.inputs import (
    FLIGHT_KINDS,
    IngestSummary,
    InputFile,
    InputKind,
    ReportDefaults,
    Skipped,
    TextFile,
)
from sitrep.records.text import (
    Actor,
    Attribution,
    Event,
    Place,
    Report,
    Site,
    Toponym,
    ToponymMention,
    content_id,
    event_id,
)

__all__ = [
    "FLIGHT_KINDS", "OBJECT_CLASSES", "Actor", "Airframe", "Attribution", "Event", "Flight", "FlightMovement",
    "IngestSummary", "InputFile", "InputKind", "Observation", "Place", "Report", "ReportDefaults", "Site",
    "Skipped", "StateVector", "TextFile", "Toponym", "ToponymMention", "content_id", "event_id",
]
