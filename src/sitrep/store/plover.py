"""The PLOVER JSON event record (with sitrep's extensions) built from an Event and its Report."""

from __future__ import annotations

from typing import Any

from sitrep import EXTRACTOR
from sitrep.records import Actor, Event, Report

CODEBOOK = "plover-3.0"


def event_record(event: Event, report: Report, *, site_name: str | None = None) -> dict[str, Any]:
    """The record printed by `sitrep extract/events --format jsonl` (schema: docs/event.schema.json)."""
    place = event.place
    return {
        "id": event.id,
        "date": event.date.isoformat() if event.date else None,
        "enddate": event.enddate.isoformat() if event.enddate else None,
        "date_precision": event.date_precision,
        "actor": [_actor(a) for a in event.actor],
        "recipient": [_actor(a) for a in event.recipient],
        "event": event.event,
        "mode": event.mode,
        "event_loc": None if place is None else {
            "extracted_place": place.extracted_place,
            "resolved_place": place.resolved_place,
            "lat": round(place.lat, 5),
            "lon": round(place.lon, 5),
            "country_code": place.country_code,
            "feature_code": place.feature_code,
            "resolution": place.resolution,
        },
        "site": None if place is None or place.site_id is None else {
            "id": place.site_id,
            "name": site_name or place.resolved_place,
        },
        "posture": event.posture,
        "attribution": None if event.attribution is None else {
            "source": event.attribution.source,
            "kind": event.attribution.kind,
            "provider": event.attribution.provider,
        },
        "confidence": event.confidence,
        "event_text": event.event_text,
        "text_info": {
            "sequence": event.sequence,
            "start": event.start,
            "end": event.end,
            "trigger": event.trigger,
            "document_id": report.id,
        },
        "cite_info": {
            "citation": report.origin,
            "url": report.url,
            "title": report.title,
            "publication": report.outlet,
            "published": report.published.isoformat() if report.published else None,
            "language": report.language,
            "coder": EXTRACTOR,
            "codebook": CODEBOOK,
        },
    }


def _actor(actor: Actor) -> dict[str, Any]:
    return {"entity_text": actor.entity_text, "code": actor.code, "sector": actor.sector}
