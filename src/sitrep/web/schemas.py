"""Response models of the JSON API (/api/*), so /docs documents every field with its type.

The models mirror the JSON the API has always served, key for key and in the same order: routes
declare them with `response_model_exclude_unset=True`, so a key absent from a record (a raw
mention has no `sources`) stays absent rather than coming back as null. Event models allow extra
keys: the PLOVER record is an external format (data/event.schema.json) and must pass through whole.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from sitrep.records import DatePrecision, EventType, EvidenceKind, Posture, Resolution, SiteState
from sitrep.web.layer_schemas import (  # noqa: F401  (re-exported: routes name them schemas.X)
    EvidenceRecord,
    FlightCollection,
    FlightFeature,
    FlightProperties,
    Geometry,
    ObservationCollection,
    ObservationFeature,
    ObservationProperties,
    _f,
)


class Open(BaseModel):
    """A part of the PLOVER record: declared keys documented, any other key kept."""

    model_config = ConfigDict(extra="allow")


class Actor(Open):
    code: str | None = _f("ISO alpha-3 country or organisation code", None)
    entity_text: str = _f("The words of the report naming the actor")
    sector: str | None = _f("Sector code (MIL, GOV, ...)", None)


class Attribution(Open):
    kind: EvidenceKind | None = _f("What the claim rests on", None)
    provider: str | None = _f("Who supplied the evidence", None)
    source: str | None = _f("Who the report says the claim comes from", None)


class CiteInfo(Open):
    citation: str | None = _f("The report's file or URL", None)
    codebook: str | None = _f("Event codebook (plover-3.0)", None)
    coder: str | None = _f("Extractor and its version", None)
    language: str | None = _f("Language of the report", None)
    publication: str | None = _f("Outlet that published the report", None)
    published: str | None = _f("Publication date (ISO)", None)
    title: str | None = _f("Title of the report", None)
    url: str | None = _f("URL of the report", None)


class EventLocation(Open):
    country_code: str | None = _f("ISO alpha-3 code of the place's country", None)
    extracted_place: str | None = _f("The place as the report names it", None)
    feature_code: str | None = _f("GeoNames-style feature code", None)
    lat: float | None = _f("Latitude (WGS 84)", None)
    lon: float | None = _f("Longitude (WGS 84)", None)
    resolution: Resolution | None = _f("What the place resolved to", None)
    resolved_place: str | None = _f("The gazetteer's name of the place", None)


class SiteLink(Open):
    id: str = _f("Site id")
    name: str | None = _f("Site name", None)


class EventSource(Open):
    attribution: Attribution | None = _f("What this source's claim rests on", None)
    citation: str | None = _f("The report's file or URL", None)
    confidence: float | None = _f("Confidence of this report's sentence (hedged claims score below 0.6)", None)
    event_id: str | None = _f("Id of the mention in this report", None)
    event_text: str | None = _f("The sentence of this report", None)
    measured: bool | None = _f("True when the source counted things (imagery counts, flight tracks)", None)
    origin: str | None = _f("Independent origin key (outlet or wire)", None)
    outlet: str | None = _f("Outlet of this report", None)
    posture: Posture | None = _f("Force posture this report's sentence tells", None)
    published: str | None = _f("Publication date (ISO)", None)
    url: str | None = _f("URL of this report", None)


class TextInfo(Open):
    document_id: str | None = _f("Id of the report", None)
    end: int | None = _f("End offset of the sentence in the report", None)
    sequence: int | None = _f("Sentence number in the report", None)
    start: int | None = _f("Start offset of the sentence in the report", None)
    trigger: str | None = _f("The word that triggered the event", None)


class PloverEvent(Open):
    """A PLOVER event record (data/event.schema.json); fused events add mentions and sources."""

    actor: list[Actor] | None = _f("Who acted", None)
    attribution: Attribution | None = _f("What the claim rests on", None)
    cite_info: CiteInfo | None = _f("The report cited", None)
    confidence: float | None = _f("Confidence from 0 to 1", None)
    date: str | None = _f("Event date (ISO), null when undated", None)
    date_precision: DatePrecision | None = _f("How exactly the date is known", None)
    enddate: str | None = _f("End of the period the date stands for (ISO)", None)
    event: EventType = _f("PLOVER event category")
    event_loc: EventLocation | None = _f("Where it happened", None)
    event_text: str | None = _f("The sentence reporting it", None)
    fusion: str | None = _f("Versioned name of the deduplication that fused it", None)
    id: str = _f("Event id (fused id for fused events)")
    independent_sources: int | None = _f("Number of independent origins", None)
    mention_ids: list[str] | None = _f("Ids of the mentions fused into this event", None)
    mentions: int | None = _f("Number of reports mentioning it", None)
    mode: str | None = _f("PLOVER mode (troops, airlift, visit, ...)", None)
    posture: Posture | None = _f("Force posture at the place", None)
    recipient: list[Actor] | None = _f("Who was acted upon", None)
    site: SiteLink | None = _f("The military site it happened at", None)
    sources: list[EventSource] | None = _f("Each report behind the fused event", None)
    text_info: TextInfo | None = _f("Where the sentence sits in its report", None)


class EventPage(BaseModel):
    events: list[PloverEvent] = _f("Fused events, newest first")
    count: int = _f("Number of events on this page")
    next: str | None = _f("URL of the next page, null on the last page")
    next_cursor: str | None = _f("Cursor of the next page, null on the last page")
    total: int | None = _f("Matches counted up to 10,000 (only with total=true)", None)
    total_is_lower_bound: bool | None = _f("True when there are more than `total` (only with total=true)", None)


class SiteFacts(BaseModel):
    id: str = _f("Site id")
    name: str = _f("Site name")
    kind: str = _f("Kind of site (air_base, naval_base, ...)")
    operator: str | None = _f("Who operates it (codes separated by '; ')")
    country_code: str | None = _f("ISO alpha-3 code of its country")
    lat: float = _f("Latitude (WGS 84)")
    lon: float = _f("Longitude (WGS 84)")
    aliases: list[str] = _f("Other spellings")


class SiteOverview(SiteFacts):
    events: int = _f("Number of events at the site")
    last_date: str | None = _f("Day of the latest event (ISO)")
    latest_event: PloverEvent | None = _f("Latest event, force-posture events first")
    status: SiteState | None = _f("Current status (as of `as_of` when given; null: no evidence by then)")
    status_since: str | None = _f("Day the status began (ISO)")
    evidence: list[str] = _f("Fused event ids behind the status")
    confidence: float | None = _f("Confidence of the status, from the weight of its evidence", None)
    as_of: str | None = _f("Day the status is judged at (ISO); null: today", None)
    unconfirmed: int = _f("Claims that did not change the status (one source, hedged, contested)", 0)
    force: str | None = _f("Whose force the status is about (actor code of the site's main foreign force)", None)


class StatusReason(BaseModel):
    fused_id: str = _f("Fused event the piece belongs to")
    day: str = _f("Day of the claim (ISO)")
    kind: str = _f("Evidence kind as weighed (imagery-counts, official, observatory, sighting, media, ...)")
    weight: float = _f("Weight the status rules give the piece (hedged pieces weigh less)")
    origin: str = _f("Independent origin (outlets relaying one source share it)")
    source: str | None = _f("Who says so")
    hedged: bool = _f("True when the source only reports it as possible")


class UnconfirmedClaim(BaseModel):
    day: str = _f("Day of the claim (ISO)")
    status: SiteState = _f("Status the claim argues for")
    weight: float = _f("Weight of the claim's evidence")
    reason: str = _f("Why it did not change the status")
    force: str | None = _f("Force code the claim is about")
    event: PloverEvent | None = _f("The fused event that makes the claim")


class TimelineEntry(BaseModel):
    contested_by: list[PloverEvent] = _f("Fused events of the same day that claim otherwise")
    evidence: list[PloverEvent] = _f("Fused events behind the change")
    since: str = _f("Day of the change (ISO)")
    status: SiteState = _f("Status from that day")
    confirmed: str | None = _f("Day the evidence sufficed (ISO); as-of queries count from it", None)
    confidence: float | None = _f("Confidence of the status, from the weight of its evidence", None)
    reasons: list[StatusReason] = _f("The weighed evidence behind the change, strongest first", [])


class SiteDetail(SiteFacts):
    coord_source: str | None = _f("Where the coordinates come from")
    status: SiteState | None = _f("Current status for the main force (as of `as_of`; null: no evidence by then)")
    status_since: str | None = _f("Day the status began (ISO)")
    force: str | None = _f("Code of the force the status is about")
    timeline: list[TimelineEntry] = _f("Status changes of the main force, oldest first")
    other_forces: dict[str, list[TimelineEntry]] = _f("Status changes of other forces, by force code")
    confidence: float | None = _f("Confidence of the current status", None)
    as_of: str | None = _f("Day the site is shown as of (ISO); null: today", None)
    unconfirmed: list[UnconfirmedClaim] = _f("Claims that did not change the status, and why", [])


class MapSite(BaseModel):
    id: str = _f("Site id")
    name: str = _f("Site name")
    kind: str = _f("Kind of site")
    operator: str | None = _f("Who operates it")
    country_code: str | None = _f("ISO alpha-3 code of its country")
    lat: float = _f("Latitude (WGS 84)")
    lon: float = _f("Longitude (WGS 84)")
    status: SiteState | None = _f("Status (at the end of the period shown; null: no evidence by then)")
    status_since: str | None = _f("Day the status began (ISO)")
    confidence: float | None = _f("Confidence of the status", None)


class MapEventProperties(BaseModel):
    id: str = _f("Fused event id")
    event: EventType = _f("PLOVER event category")
    date: str | None = _f("Event date (ISO)")
    when: str = _f("The date as shown (with its precision, or ~publication date)")
    posture: Posture | None = _f("Force posture")
    place: str | None = _f("Resolved place name")
    sources: int = _f("Number of independent sources")
    mentions: int = _f("Number of mentions")
    text: str | None = _f("The sentence reporting it")
    confidence: float | None = _f("Confidence from 0 to 1")
    site: str | None = _f("Site id, when at a known site")


class MapEventFeature(BaseModel):
    type: str = _f("Always 'Feature'")
    id: str = _f("Fused event id")
    geometry: Geometry = _f("The event's point")
    properties: MapEventProperties = _f("What the map shows of the event")


class MapEvents(BaseModel):
    type: str = _f("Always 'FeatureCollection'")
    features: list[MapEventFeature] = _f("Events with a place")


class MapData(BaseModel):
    sites: list[MapSite] = _f("Every known site with its status")
    events: MapEvents = _f("The newest matching events with a place")
    truncated: bool = _f("True when more events match than were returned")


class TimelineDay(BaseModel):
    date: str = _f("Day (ISO)")
    events: int = _f("Fused events that day")


class Timeline(BaseModel):
    days: list[TimelineDay] = _f("Days with events, oldest first")


class FilterChoices(BaseModel):
    types: list[EventType] = _f("Event categories present")
    actors: list[str] = _f("Actor codes present")
    countries: list[str] = _f("Country codes present")
    kinds: list[EvidenceKind] = _f("Evidence kinds")


class SiteHit(BaseModel):
    id: str = _f("Site id")
    name: str = _f("Site name")
    kind: str = _f("Kind of site")
    country_code: str | None = _f("ISO alpha-3 code of its country")


class ReportHit(BaseModel):
    id: str = _f("Report id")
    title: str | None = _f("Title")
    outlet: str | None = _f("Outlet")
    published: str | None = _f("Publication date (ISO)")


class EventSummary(BaseModel):
    id: str = _f("Fused event id")
    event: EventType = _f("PLOVER event category")
    date: str | None = _f("Event date (ISO)")
    event_text: str | None = _f("The sentence that matched")
    place: str | None = _f("Resolved place name")


class SearchResult(BaseModel):
    sites: list[SiteHit] = _f("Sites by name or spelling")
    reports: list[ReportHit] = _f("Reports by title or outlet")
    events: list[EventSummary] = _f("Fused events by sentence or place")


class EventFeature(BaseModel):
    type: str = _f("Always 'Feature'")
    id: str = _f("Fused event id")
    geometry: Geometry | None = _f("The event's point, null when it has no place")
    properties: PloverEvent = _f("The whole fused event record")


class EventCollection(BaseModel):
    """The GeoJSON export (streamed; this documents its shape)."""

    type: str = _f("Always 'FeatureCollection'")
    features: list[EventFeature] = _f("Every matching fused event, newest first")


class SiteRef(BaseModel):
    id: str = _f("Site id")
    name: str = _f("Site name")
    lat: float = _f("Latitude (WGS 84)")
    lon: float = _f("Longitude (WGS 84)")
    kind: str = _f("Kind of site")
    country_code: str | None = _f("ISO alpha-3 code of its country")


class SiteChange(BaseModel):
    site: SiteRef = _f("The site")
    status: SiteState = _f("Status from that day")
    since: str = _f("Day of the change (ISO)")
    previous: SiteState | None = _f("Status before the change")
    evidence: list[PloverEvent] = _f("Fused events behind the change")
    contested_by: list[PloverEvent] = _f("Fused events of the same day that claim otherwise")


class SiteSpan(BaseModel):
    site: SiteRef = _f("The site")
    start: SiteState | None = _f("Status at the start of the period (null: none yet)")
    end: SiteState | None = _f("Status at the end of the period")
    end_since: str | None = _f("Day the end status began (ISO)")
    changes: int = _f("Status changes confirmed within the period")
    unconfirmed: int = _f("Claims within the period that did not change the status")


class Brief(BaseModel):
    since: str = _f("First day of the period (ISO)")
    until: str | None = _f("Last day of the period (ISO), null when open")
    region: str | None = _f("Region or country the brief covers")
    summary: list[str] = _f("A few sentences on what the brief holds", [])
    changes: list[SiteChange] = _f("Status changes in the period, by day")
    contested: list[SiteChange] = _f("Changes that other claims of the same day contest")
    corroborated: list[PloverEvent] = _f("Events with two or more independent sources")
    new_events: list[PloverEvent] = _f("Events with a single source")
    sites: list[SiteSpan] = _f("Each site's status at the start and end of the period", [])


class Comment(BaseModel):
    id: int = _f("Comment id")
    name: str = _f("Commenter's name as given")
    website: str | None = _f("Commenter's website")
    body: str = _f("The comment")
    created_at: str = _f("When it was posted (ISO, UTC)")
    status: str = _f("pending (awaiting moderation) or approved")


class CommentThread(BaseModel):
    kind: str = _f("event or site")
    id: str = _f("Id of the event or site")
    comments: list[Comment] = _f("Published comments, oldest first")


class ErrorDetail(BaseModel):
    detail: str = _f("What went wrong")
    errors: dict[str, str] | None = _f("Message per invalid field (422 only)", None)
