"""Read-side records: what the store's queries return to the CLI, the web pages and the API.

The PLOVER event record stays the JSON object it is stored as (`EventRecord`, a documented external
format: data/event.schema.json); everything around it (site summaries, status timelines, site
details, the brief) is a frozen record. Dates are ISO strings, as they are served.
`record_json` turns any of them back into plain JSON data, the one conversion used for output.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from sitrep.records.enums import EventType, SiteState

EventRecord = dict[str, Any]
"""A PLOVER event record (fused or a single mention) as stored and served."""


def when(rec: EventRecord) -> str:
    """The event date for people: the resolved date, else '~' and the publication date."""
    if rec.get("date"):
        return rec["date"] + ("" if rec.get("date_precision") in (None, "day") else f" ({rec['date_precision']})")
    published = (rec.get("cite_info") or {}).get("published")
    return f"~{published} (published)" if published else "unknown"


def map_feature_json(rec: EventRecord) -> str | None:
    """The stored form of an event's map feature (fused_events.map_feature): compact JSON, as
    /api/map sends it."""
    feature = map_feature(rec)
    return None if feature is None else json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def map_feature(rec: EventRecord) -> dict[str, Any] | None:
    """What the map draws of an event (a GeoJSON point feature), None without a place. Stored
    beside each fused record, so a map of 500 events does not parse 500 whole records."""
    loc = rec.get("event_loc")
    if not loc:
        return None
    return {"type": "Feature", "id": rec["id"],
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": {"id": rec["id"], "event": rec["event"], "date": rec.get("date"), "when": when(rec),
                           "posture": rec.get("posture"), "place": loc.get("resolved_place"),
                           "sources": rec.get("independent_sources", 1), "mentions": rec.get("mentions", 1),
                           "text": rec.get("event_text"), "confidence": rec.get("confidence"),
                           "site": (rec.get("site") or {}).get("id")}}


@dataclass(frozen=True)
class EventSummary:
    """A fused event in a list of search hits: what it is, when and where, in its own words."""

    id: str
    event: EventType
    date: str | None
    event_text: str | None
    place: str | None


@dataclass(frozen=True)
class SiteHit:
    """A site whose name or a spelling of it matched a search."""

    id: str
    name: str
    kind: str
    country_code: str | None


@dataclass(frozen=True)
class ReportHit:
    """A report whose title or outlet matched a search."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None


@dataclass(frozen=True)
class SearchResult:
    """What a search found: sites, reports and fused events."""

    sites: tuple[SiteHit, ...]
    reports: tuple[ReportHit, ...]
    events: tuple[EventSummary, ...]


@dataclass(frozen=True)
class SiteRef:
    """Enough of a site to name and place it (the brief's changes carry this)."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    country_code: str | None


@dataclass(frozen=True)
class MapSite:
    """A known site with its status, as the map draws it."""

    id: str
    name: str
    kind: str
    operator: str | None
    country_code: str | None
    lat: float
    lon: float
    status: SiteState | None  # None: no evidence up to the as-of day
    status_since: str | None
    confidence: float | None = None


@dataclass(frozen=True)
class SiteFacts:
    """What the site table says of a site; the read records below add status and events to it."""

    id: str
    name: str
    kind: str
    operator: str | None
    country_code: str | None
    lat: float
    lon: float
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class SiteOverview(SiteFacts):
    """A site with its event count, status and latest event (force-posture events first)."""

    events: int
    last_date: str | None
    latest_event: EventRecord | None
    status: SiteState | None  # None: no evidence up to the as-of day
    status_since: str | None
    evidence: tuple[str, ...]  # fused event ids behind the current status
    confidence: float | None = None  # of the status, from the weight of its evidence
    as_of: str | None = None  # the day the status is judged at (None: today)
    unconfirmed: int = 0  # claims that did not change the status (up to the as-of day)
    force: str | None = None  # whose force the status is about (actor code of the main foreign force)


@dataclass(frozen=True)
class StatusReason:
    """A piece of evidence behind a status change, weighed by the status rules (docs/status.md)."""

    fused_id: str
    day: str
    kind: str
    weight: float
    origin: str
    source: str | None
    hedged: bool


@dataclass(frozen=True)
class TimelineEntry:
    """One status change of a site: the fused events behind it and those that claim otherwise
    (the first four fields in the order the API has always served them)."""

    contested_by: tuple[EventRecord, ...]
    evidence: tuple[EventRecord, ...]
    since: str
    status: SiteState
    confirmed: str | None = None  # the day the evidence sufficed (as-of queries count from it)
    confidence: float | None = None
    reasons: tuple[StatusReason, ...] = ()


@dataclass(frozen=True)
class UnconfirmedClaim:
    """A claim about a site that did not change its status, and why (one source, hedged, ...)."""

    day: str
    status: SiteState
    weight: float
    reason: str
    force: str | None
    event: EventRecord | None


@dataclass(frozen=True)
class SiteDetail(SiteFacts):
    """A site with its status timeline for its main force and for any other force seen there."""

    coord_source: str | None
    status: SiteState
    status_since: str | None
    force: str | None
    timeline: tuple[TimelineEntry, ...]
    other_forces: dict[str, tuple[TimelineEntry, ...]]
    confidence: float | None = None
    as_of: str | None = None
    unconfirmed: tuple[UnconfirmedClaim, ...] = ()

    def ref(self) -> SiteRef:
        """The site's name and place without its timeline."""
        return SiteRef(self.id, self.name, self.lat, self.lon, self.kind, self.country_code)


@dataclass(frozen=True)
class SiteChange:
    """A status change inside a brief's period, with the status before it."""

    site: SiteRef
    status: SiteState
    since: str
    previous: SiteState | None
    evidence: tuple[EventRecord, ...]
    contested_by: tuple[EventRecord, ...]


@dataclass(frozen=True)
class SiteSpan:
    """A site's status at the start and at the end of a brief's period, and its changes in it."""

    site: SiteRef
    start: SiteState | None
    end: SiteState | None
    end_since: str | None
    changes: int  # status changes confirmed within the period
    unconfirmed: int  # claims made within the period that did not change the status


@dataclass(frozen=True)
class Brief:
    """What changed over a period: status changes, contested claims, corroborated and new events."""

    since: date
    until: date | None
    region: str | None
    changes: tuple[SiteChange, ...] = ()
    corroborated: tuple[EventRecord, ...] = ()
    new_events: tuple[EventRecord, ...] = ()
    contested: tuple[SiteChange, ...] = ()
    timelines: tuple[SiteDetail, ...] = ()  # details of the sites that changed, for the chart
    sites: tuple[SiteSpan, ...] = ()  # every site with a status by the period's end


def record_json(value: Any) -> Any:
    """Plain JSON data of a read-side record: records as dicts in field order, tuples as lists,
    enums as their strings, dates in ISO form; event records and other JSON pass through."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: record_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: record_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [record_json(v) for v in value]
    return value


@dataclass(frozen=True)
class Alert:
    """One entry of the feed of changes (`/feeds/changes.atom`) and of a webhook: a site's status
    change, or a happening newly corroborated by two or more independent origins."""

    kind: str  # "status" or "corroborated"
    key: str  # stable: the same change always has the same key
    title: str
    day: str  # ISO date the change became known (confirmed) or the happening's day
    path: str  # the page on the web app: /sites/{id} or /events/{id}
    summary: str
    site_id: str | None = None
    country_code: str | None = None
    status: str | None = None
    previous: str | None = None
    force: str | None = None
    since: str | None = None
    confidence: float | None = None
