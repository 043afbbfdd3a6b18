"""The JSON API: events (paged, filtered as the CLI), sites with timelines, exports, briefs, search."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from sitrep.fuse.brief import Brief, build_brief, region_countries
from sitrep.fuse.render import brief_json
from sitrep.output import (
    CSV_COLUMNS,
    EVIDENCE_COLUMNS,
    csv_row,
    evidence_csv_row,
    evidence_feature,
)
from sitrep.records import record_json
from sitrep.store.browse import (
    BadCursor,
    browse_event_json,
    browse_map_features,
    count_events,
    event_counts_by_day,
    filter_choices,
    fused_record,
    iter_events,
    map_sites,
    search,
    successor_id,
)
from sitrep.store.evidence import movement_features, observation_features
from sitrep.store.osint import KINDS, EvidenceQuery, iter_evidence
from sitrep.store.queries import brief_inputs, list_sites, site_detail
from sitrep.web import schemas
from sitrep.web.filters import EventFilters, FilterError, bad_request, parse_bbox, parse_day

router = APIRouter(prefix="/api", tags=["api"])


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from sitrep.geo.countries import country_names

    return country_names()


def browse_of(filters: EventFilters) -> Any:
    try:
        return filters.browse(_country_names())
    except FilterError as err:
        raise bad_request(err) from None


@router.get("/events", response_model=schemas.EventPage, response_model_exclude_unset=True)
def api_events(request: Request, filters: EventFilters = Depends(),
               total: bool = Query(False, description="Also count matches (up to 10,000)")) -> Any:
    """Fused events, newest first, one page at a time; follow `next` for the following page."""
    store = request.app.state.store
    b = browse_of(filters)
    try:
        texts, cursor = browse_event_json(store, b)
    except BadCursor as err:
        raise bad_request(err) from None
    out: dict[str, Any] = {"count": len(texts), "next": None, "next_cursor": cursor}
    if cursor:
        out["next"] = "/api/events?" + urlencode([*filters.query_items(), ("limit", str(filters.limit)),
                                                   ("cursor", cursor)])
    if total:
        n, more = count_events(store, b)
        out["total"], out["total_is_lower_bound"] = n, more
    # The stored records are sent as stored (EventPage's shape, which /docs documents): parsing
    # and serialising them again took two thirds of the request's time, and concurrent clients
    # wait for each other's CPU.
    rest = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    return Response('{"events":[' + ",".join(texts) + "]," + rest[1:], media_type="application/json")


@router.get("/events/{event_id}", response_model=schemas.PloverEvent, response_model_exclude_unset=True)
def api_event(request: Request, event_id: str) -> Any:
    """One fused event (by its id or the id of one of its mentions); the id of a happening that
    re-fusion replaced redirects (301) to the one that now holds its mentions."""
    record = fused_record(request.app.state.store, event_id)
    if record is None:
        successor = successor_id(request.app.state.store, event_id)
        if successor:
            return RedirectResponse(f"/api/events/{successor}", status_code=301)
        raise HTTPException(404, f"no event '{event_id}'")
    return record


@router.get("/sites", response_model=list[schemas.SiteOverview], response_model_exclude_unset=True)
def api_sites(request: Request, all: bool = Query(False, description="Include sites with no events"),
              as_of: str | None = Query(None, description="YYYY-MM-DD: statuses as they stood that day")) -> list[Any]:
    """Known sites with their status, evidence ids and latest event (as of a day when given)."""
    day = _day_or_400(as_of, "as_of")
    return [record_json(s) for s in list_sites(request.app.state.store, include_all=all, as_of=day)]


SITE_CSV_COLUMNS = ["id", "name", "kind", "country_code", "operator", "force", "status", "status_since",
                    "confidence", "unconfirmed", "events", "last_date", "lat", "lon", "as_of"]


@router.get("/sites.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def api_sites_csv(request: Request, all: bool = Query(False, description="Include sites with no events"),
                  as_of: str | None = Query(None, description="YYYY-MM-DD: statuses as they stood that day")) -> Response:
    """The sites of `/api/sites` as CSV, one row per site."""
    day = _day_or_400(as_of, "as_of")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=SITE_CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for s in list_sites(request.app.state.store, include_all=all, as_of=day):
        writer.writerow({**record_json(s), "status": str(s.status) if s.status else ""})
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="sites.csv"'})


@router.get("/sites/{site_id}", response_model=schemas.SiteDetail, response_model_exclude_unset=True)
def api_site(request: Request, site_id: str,
             as_of: str | None = Query(None, description="YYYY-MM-DD: the site as it stood that day")) -> Any:
    """A site with its status timeline; each change carries the fused events behind it and the
    weighed reasons; claims that did not change the status are listed as unconfirmed."""
    detail = site_detail(request.app.state.store, site_id, as_of=_day_or_400(as_of, "as_of"))
    if detail is None:
        raise HTTPException(404, f"no site '{site_id}'")
    return record_json(detail)


@router.get("/map", response_model=schemas.MapData, response_model_exclude_unset=True)
def api_map(request: Request, filters: EventFilters = Depends()) -> Response:
    """What the map draws: every site with its status, and the newest matching events (GeoJSON)."""
    store = request.app.state.store
    b = browse_of(filters)

    def build() -> bytes:
        # The features are stored as sent (fused_events.map_feature): joined, not re-serialised.
        features, cursor = browse_map_features(store, b)
        # Statuses as they stood at the end of the period shown (today without `until`).
        sites = json.dumps([record_json(s) for s in map_sites(store, as_of=b.until)], ensure_ascii=False,
                           separators=(",", ":"))
        truncated = "true" if cursor is not None else "false"
        return (f'{{"sites":{sites},"events":{{"type":"FeatureCollection","features":[{",".join(features)}]}},'
                f'"truncated":{truncated}}}').encode()

    # Sent as built (MapData's shape, which /docs documents and the schema tests check), and
    # kept until the next write to the store.
    body = request.app.state.responses.get(("map", str(request.url.query)), store.version(), build)
    return Response(body, media_type="application/json")


@router.get("/observations", response_model=schemas.ObservationCollection, response_model_exclude_unset=True)
def api_observations(request: Request, site: str | None = None, since: str | None = None, until: str | None = None,
                     bbox: str | None = None) -> dict[str, Any]:
    """Satellite-imagery observations (footprints or points, counts by class), newest first."""
    try:
        features = observation_features(
            request.app.state.store, site_id=site or None, since=parse_day(since, "since"),
            until=parse_day(until, "until"), bbox=parse_bbox(bbox))
    except FilterError as err:
        raise bad_request(err) from None
    return {"type": "FeatureCollection", "features": features}


@router.get("/flights", response_model=schemas.FlightCollection, response_model_exclude_unset=True)
def api_flights(request: Request, site: str | None = None, since: str | None = None, until: str | None = None,
                all: bool = Query(False, description="Include aircraft not known as military transports")
                ) -> dict[str, Any]:
    """Landings and take-offs detected at known airfields (the track near the field as a line)."""
    try:
        features = movement_features(request.app.state.store, site_id=site or None,
                                     since=parse_day(since, "since"), until=parse_day(until, "until"),
                                     military_only=not all)
    except FilterError as err:
        raise bad_request(err) from None
    return {"type": "FeatureCollection", "features": features}


@router.get("/evidence", response_model=list[schemas.EvidenceRecord])
def api_evidence(request: Request, kind: str | None = None, site: str | None = None, since: str | None = None,
                 until: str | None = None, limit: int | None = Query(None, ge=1),
                 bbox: str | None = Query(None, description="west,south,east,north in degrees (a map's view)"),
                 format: str = Query("json", pattern="^(json|jsonl|csv|geojson)$",
                                     description="json (an array), jsonl, csv or geojson")) -> StreamingResponse:
    """Stored evidence of every kind, oldest first (streamed): footage, dataset rows, thermal
    detections, ship calls, flight movements, imagery observations; filters as `sitrep evidence`."""
    if kind and kind not in KINDS:
        raise HTTPException(400, f"kind: '{kind}' is not one of {', '.join(KINDS)}")
    try:
        query = EvidenceQuery(kind=kind or None, site_id=site or None, since=parse_day(since, "since"),
                              until=parse_day(until, "until"), limit=limit, bbox=parse_bbox(bbox))
    except FilterError as err:
        raise bad_request(err) from None
    records = iter_evidence(request.app.state.store, query)
    media = {"json": "application/json", "jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
             "geojson": "application/geo+json"}[format]
    return StreamingResponse(_evidence_chunks(records, format), media_type=media)


def _evidence_chunks(records: Iterator[dict[str, Any]], fmt: str) -> Iterator[str]:
    buf = io.StringIO()
    if fmt == "csv":
        writer = csv.DictWriter(buf, fieldnames=EVIDENCE_COLUMNS, lineterminator="\n")
        writer.writeheader()
    head, sep, tail = {"json": ("[", ",\n", "]\n"), "geojson": ('{"type": "FeatureCollection", "features": [', ",\n", "]}\n"),
                       "jsonl": ("", "", ""), "csv": ("", "", "")}[fmt]
    buf.write(head)
    for n, rec in enumerate(records):
        if fmt == "csv":
            writer.writerow(evidence_csv_row(rec))
        else:
            item = evidence_feature(rec) if fmt == "geojson" else rec
            buf.write((sep if n else "") + json.dumps(item, ensure_ascii=False) + ("\n" if fmt == "jsonl" else ""))
        if n % 500 == 499:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    buf.write(tail)
    yield buf.getvalue()


@router.get("/timeline", response_model=schemas.Timeline, response_model_exclude_unset=True)
def api_timeline(request: Request, filters: EventFilters = Depends()) -> dict[str, Any]:
    """Fused events per day for the filters (the timeline strip under the map)."""
    days = event_counts_by_day(request.app.state.store, browse_of(filters))
    return {"days": [{"date": d, "events": n} for d, n in days]}


@router.get("/filters", response_model=schemas.FilterChoices, response_model_exclude_unset=True)
def api_filters(request: Request) -> dict[str, list[str]]:
    """Values present in the store for each filter."""
    return filter_choices(request.app.state.store)


@router.get("/search", response_model=schemas.SearchResult, response_model_exclude_unset=True)
def api_search(request: Request, q: str = Query(..., min_length=2, max_length=100)) -> Any:
    """Sites by name or spelling, reports by title or outlet, events by their sentence or place."""
    return record_json(search(request.app.state.store, q))


@router.get("/search.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def api_search_csv(request: Request, q: str = Query(..., min_length=2, max_length=100)) -> Response:
    """What `/api/search` finds, one row per site, event or report (kind, id, name, day, link)."""
    found = search(request.app.state.store, q)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["kind", "id", "name", "day", "url"])
    for site in found.sites:
        writer.writerow(["site", site.id, site.name, "", f"/sites/{site.id}"])
    for ev in found.events:
        writer.writerow(["event", ev.id, f"{ev.event} {ev.place or ''}".strip(), ev.date or "", f"/events/{ev.id}"])
    for doc in found.reports:
        writer.writerow(["report", doc.id, doc.title or "", doc.published or "", f"/reports/{doc.id}"])
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="search.csv"'})


@router.get("/export.geojson", response_model=schemas.EventCollection)
def export_geojson(request: Request, filters: EventFilters = Depends()) -> StreamingResponse:
    """Every matching fused event as a GeoJSON FeatureCollection (streamed)."""
    b = browse_of(filters)
    records = iter_events(request.app.state.store, b)

    def chunks() -> Iterator[str]:
        yield '{"type": "FeatureCollection", "features": ['
        first = True
        for rec in records:
            loc = rec.get("event_loc")
            geometry = None if not loc else {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
            feature = {"type": "Feature", "id": rec["id"], "geometry": geometry, "properties": rec}
            yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
            first = False
        yield "]}\n"

    return StreamingResponse(chunks(), media_type="application/geo+json",
                             headers={"Content-Disposition": 'attachment; filename="sitrep-events.geojson"'})


@router.get("/export.csv")
def export_csv(request: Request, filters: EventFilters = Depends()) -> StreamingResponse:
    """Every matching fused event as CSV (ACLED-like columns first, then sitrep's own)."""
    b = browse_of(filters)
    records = iter_events(request.app.state.store, b)

    def chunks() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS + ["mentions", "independent_sources"],
                                lineterminator="\n")
        writer.writeheader()
        for i, rec in enumerate(records, 1):
            writer.writerow({**csv_row(rec), "mentions": rec.get("mentions"),
                             "independent_sources": rec.get("independent_sources")})
            if i % 500 == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(chunks(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="sitrep-events.csv"'})


@router.get("/brief", response_model=schemas.Brief, response_model_exclude_unset=True)
def api_brief(request: Request, since: str = Query(..., description="YYYY-MM-DD"), until: str | None = None,
              region: str | None = None) -> dict[str, Any]:
    """The brief for a period as JSON (status changes, contested claims, corroborated and new events)."""
    try:
        start = parse_day(since, "since")
        end = parse_day(until, "until")
        report = brief_for(request, start or date.min, end, region)
    except (FilterError, ValueError) as err:
        raise HTTPException(400, str(err)) from None
    return brief_json(report)


def _day_or_400(value: str | None, name: str) -> date | None:
    try:
        return parse_day(value, name)
    except (FilterError, ValueError) as err:
        raise HTTPException(400, str(err)) from None


def region_codes(region: str) -> set[str]:
    """ISO codes of a region as the brief and the filters read it (ValueError when unknown)."""
    return region_countries(region, _country_names()) or set()


def brief_for(request: Request, since: date, until: date | None, region: str | None) -> Brief:
    """The brief of a period and region from the store."""
    countries = region_countries(region, _country_names())
    events_, details = brief_inputs(request.app.state.store, since=since, until=until, countries=countries)
    return build_brief(since=since, until=until, region=region, events=events_, sites=details)

