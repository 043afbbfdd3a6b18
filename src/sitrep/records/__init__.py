"""Typed records passed between stages, from the file read to the API response.

text.py: Report -> Toponym/Place -> Event; evidence.py: imagery observations and flight tracks;
inputs.py: input files, defaults, skipped inputs and the ingest tally; enums.py: the closed
vocabularies (PLOVER categories, postures, resolutions, evidence kinds, site states); read.py: what
the store's queries return (site overviews and details, status timelines, the brief).
"""

from sitrep.records.enums import (
    DatePrecision,
    EventType,
    EvidenceKind,
    Posture,
    Resolution,
    SiteState,
)
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
    OSINT_KINDS,
    SHIP_KINDS,
    IngestSummary,
    InputFile,
    InputKind,
    ReportDefaults,
    Skipped,
    TextFile,
)
from sitrep.records.osint import Evidence, EvidenceLayer, ShipPosition, evidence_id
from sitrep.records.read import (
    Alert,
    Brief,
    EventRecord,
    EventSummary,
    MapSite,
    ReportHit,
    SearchResult,
    SiteChange,
    SiteDetail,
    SiteHit,
    SiteOverview,
    SiteRef,
    SiteSpan,
    StatusReason,
    TimelineEntry,
    UnconfirmedClaim,
    record_json,
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
from sitrep.records.watch import FetchedUrl, PollResult, WatchSource

__all__ = [
    "Alert",
    "FLIGHT_KINDS", "OBJECT_CLASSES", "OSINT_KINDS", "SHIP_KINDS", "Actor", "Airframe", "Attribution", "Brief", "DatePrecision", "Event",
    "EventRecord", "EventSummary", "Evidence", "EvidenceLayer", "ShipPosition", "evidence_id", "EventType", "EvidenceKind", "FetchedUrl", "PollResult", "WatchSource", "Flight", "FlightMovement", "IngestSummary",
    "InputFile", "InputKind", "MapSite", "Observation", "Place", "Posture", "Report", "ReportDefaults",
    "ReportHit", "Resolution", "SearchResult", "Site", "SiteChange", "SiteDetail", "SiteHit", "SiteOverview", "SiteRef", "SiteSpan", "SiteState", "Skipped",
    "StatusReason", "UnconfirmedClaim",
    "StateVector", "TextFile", "TimelineEntry", "Toponym", "ToponymMention", "content_id", "event_id",
    "record_json",
]
