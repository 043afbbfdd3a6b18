"""Server-rendered pages: map, events, sites, event and report pages, brief, search."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sitrep.fuse.brief import Brief, brief_summary
from sitrep.fuse.gloss import gloss_event
from sitrep.geo.near import DEFAULT_RADIUS_KM, SITE_RADIUS_KM
from sitrep.records import record_json
from sitrep.records.read import when
from sitrep.store.browse import (
    BadCursor,
    Browse,
    browse_events,
    date_span,
    document,
    document_events,
    facet_counts,
    filter_choices,
    fused_record,
    map_sites,
    mention_records,
    search,
    successor_id,
)
from sitrep.store.evidence import observation_features, site_movements_by_day, site_observations
from sitrep.store.osint import evidence_near
from sitrep.store.queries import list_sites, site_detail
from sitrep.store.schema import OBSERVATION_CLASSES
from sitrep.web import discussion as threads
from sitrep.web.api import brief_for, browse_of, region_codes
from sitrep.web.filters import BRIEF_KEY, EventFilters, FilterError, parse_day

router = APIRouter(include_in_schema=False)

STATUS_LABELS = {"present": "present", "drawing down": "drawing down", "vacated": "vacated",
                 "returned": "returned", "unknown": "no status"}
EVIDENCE_LABELS = {"geolocated": "geolocated footage", "dataset": "dataset event", "thermal": "thermal detection",
                   "ship": "ship call"}
# Evidence a site page lists: within the site's radius plus this margin (the FIRMS filter's,
# pipeline/osint.py THERMAL_MARGIN_KM: a strike on a depot next to the base).
NEARBY_KM = 5.0
CHOICES_TTL = 60.0  # seconds; the menus need not follow every ingest at once


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    context.setdefault("q", "")
    context["status_labels"] = STATUS_LABELS
    context["evidence_labels"] = EVIDENCE_LABELS
    context["when"] = when
    context["kind_label"] = kind_label
    context["outlets"] = outlets
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def outlets(record: dict[str, Any], *, citing: bool = False) -> str:
    """The outlets behind an event, each once ("Coastal Watch; Coastal Watch" told nothing more);
    with `citing`, each with the source it relays ("Coastal Watch citing Maxar")."""
    def name(s: dict[str, Any]) -> str:
        cited = (s.get("attribution") or {}).get("source")
        outlet = s.get("outlet") or "?"
        return f"{outlet} citing {cited}" if citing and cited and cited != outlet else outlet

    names = list(dict.fromkeys(name(s) for s in record.get("sources") or []))
    return "; ".join(names) or ((record.get("cite_info") or {}).get("publication") or "?")


def kind_label(kind: str | None) -> str:
    """A site kind as people write it ("air_base" -> "air base")."""
    return (kind or "").replace("_", " ")


def _choices(request: Request) -> dict[str, list[str]]:
    """Filter menus, cached briefly: DISTINCT over a million rows is not free."""
    state = request.app.state
    cached = getattr(state, "choices", None)
    if cached is None or time.monotonic() - cached[0] > CHOICES_TTL:
        cached = (time.monotonic(), filter_choices(state.store))
        state.choices = cached
    return cached[1]


# The map legend's event families (static/palette.js gives each its colour and shape).
EVENT_FAMILIES = [("arrive", "arrivals (MOBILIZE)"), ("leave", "departures (RETREAT)"),
                  ("coop", "talks, deals, requests"), ("verbal", "rejections, sanctions, threats"),
                  ("force", "coercion, assaults"), ("other", "other types")]
SLIDER_DAYS = 365  # the period slider spans at most the last year of data (one old event would squash it)


def slider_span(first: date | None, last: date | None) -> tuple[str | None, str | None, str | None]:
    """The data's first and last days, and where the period slider starts: the first day, or a
    year before the last when the data reach further back."""
    if first is None or last is None:
        return None, None, None
    lo = max(first, last - timedelta(days=SLIDER_DAYS))
    return first.isoformat(), last.isoformat(), lo.isoformat()


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request, filters: EventFilters = Depends()) -> HTMLResponse:
    """The map: sites coloured by status, events shaped by type, a time range and filters."""
    context: dict[str, Any] = {"filters": filters, "choices": _choices(request), "event_families": EVENT_FAMILIES}
    try:
        browse_of(filters)
        first, last = date_span(request.app.state.store)
    except HTTPException as err:  # a bad filter shows on the page, not as a bare error
        return _render(request, "map.html", status_code=400, error=err.detail, span=(None, None, None),
                       api_query="", timeline_query="", export_query="", **context)
    items = filters.query_items()
    api_query = urlencode([*items, ("limit", str(min(filters.limit * 5, 1000)))])
    timeline_query = urlencode([(k, v) for k, v in items if k not in {"since", "until"}])
    return _render(request, "map.html", span=slider_span(first, last), api_query=api_query,
                   timeline_query=timeline_query, export_query=urlencode(items), error=None, **context)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, filters: EventFilters = Depends()) -> HTMLResponse:
    """The event list (newest first, paged), with the same filters as the map and the API."""
    try:
        b = browse_of(filters)
        records, cursor = browse_events(request.app.state.store, b)
    except (HTTPException, BadCursor) as err:
        detail = err.detail if isinstance(err, HTTPException) else str(err)
        return _render(request, "events.html", status_code=400, error=detail, filters=filters,
                       choices=_choices(request), records=[], next_url=None, export_query="")
    counted, n_counted, capped = facet_counts(request.app.state.store, b)
    base = [*filters.query_items(), ("limit", str(filters.limit))]
    next_url = "/events?" + urlencode([*base, ("cursor", cursor)]) if cursor else None
    return _render(request, "events.html", filters=filters, choices=_choices(request), records=records,
                   next_url=next_url, export_query=urlencode(base + ([("cursor", filters.cursor)] if filters.cursor else [])),
                   facets=facets(counted, filters), facets_counted=n_counted, facets_capped=capped, error=None)


FACETS = (("type", "Type"), ("actor", "Actor"), ("region", "Country"), ("kind", "Evidence"))


def facets(counted: dict[str, dict[str, int]], filters: EventFilters) -> list[dict[str, Any]]:
    """Counts of the matching events by type, actor code, country and evidence kind, each value
    with the link that adds it to the filters (Datasette's facets)."""
    out = []
    for name, label in FACETS:
        counts = counted.get(name, {})
        items = [(k, v) for k, v in filters.query_items() if k != name]
        values = [{"value": value, "count": n, "on": str(getattr(filters, name) or "").upper() == value.upper(),
                   "url": "/events?" + urlencode([*items, (name, value)])}
                  for value, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:12]]
        out.append({"name": name, "label": label, "values": values})
    return out


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> Response:
    """An event's page; the id of a happening that re-fusion replaced redirects to its successor."""
    if fused_record(request.app.state.store, event_id) is None:
        successor = successor_id(request.app.state.store, event_id)
        if successor:
            return RedirectResponse(f"/events/{successor}", status_code=301)
    return render_page(request, "event", event_id)


@router.get("/sites", response_class=HTMLResponse)
def sites_page(request: Request, as_of: str | None = None) -> HTMLResponse:
    """Every known site with its status (as of a day when given), sortable, with CSV and JSON links."""
    try:
        day = parse_day(as_of, "as_of")
    except FilterError as err:
        return _render(request, "sites.html", status_code=400, error=str(err), sites=[], as_of=as_of or "",
                       export_query="")
    rows = list_sites(request.app.state.store, include_all=True, as_of=day)
    rows.sort(key=lambda s: (s.status in (None, "unknown"), not s.events, s.country_code or "", s.name))
    query = urlencode([("all", "true")] + ([("as_of", day.isoformat())] if day else []))
    return _render(request, "sites.html", sites=rows, as_of=day.isoformat() if day else "", export_query=query,
                   error=None)


@router.get("/sites/{site_id}", response_class=HTMLResponse)
def site_page(request: Request, site_id: str) -> Response:
    return render_page(request, "site", site_id)


@router.get("/reports/{doc_id}", response_class=HTMLResponse)
def report_page(request: Request, doc_id: str, event: str | None = None) -> HTMLResponse:
    """A stored report with every extracted sentence marked (the chosen event's sentence first)."""
    store = request.app.state.store
    doc = document(store, doc_id)
    if doc is None:
        raise HTTPException(404, f"no report '{doc_id}'")
    found = document_events(store, doc_id)
    return _render(request, "report.html", doc=doc, segments=_segments(doc["text"], found, focus=event),
                   events=found)


@router.get("/brief", response_class=HTMLResponse)
def brief_page(request: Request, since: str | None = None, until: str | None = None,
               region: str | None = None) -> Response:
    """What changed in a period: status changes, corroborated and new events, contested claims."""
    store = request.app.state.store
    try:
        start = parse_day(since, "since")
        end = parse_day(until, "until")
    except FilterError as err:
        return _render(request, "brief.html", status_code=400, error=str(err), brief=None,
                       form={"since": since or "", "until": until or "", "region": region or ""})
    if start is None:
        _first, last = date_span(store)
        start = (last or date.today()) - timedelta(days=30)
    return render_page(request, "brief", brief_key(start, end, region))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    q = q.strip()[:100]
    found = search(request.app.state.store, q) if len(q) >= 2 else None
    return _render(request, "search.html", q=q, found=found)


def brief_key(since: date, until: date | None, region: str | None) -> str:
    """The id of a brief's discussion thread: its period and region."""
    return f"{since.isoformat()}~{until.isoformat() if until else ''}~{(region or '').strip()[:60]}"


def target_url(kind: str, target_id: str) -> str:
    """Where a discussion target's page lives."""
    if kind == "brief":
        m = BRIEF_KEY.match(target_id)
        if not m:
            return "/brief"
        params = [("since", m.group(1))] + ([("until", m.group(2))] if m.group(2) else [])
        params += [("region", m.group(3))] if m.group(3) else []
        return "/brief?" + urlencode(params)
    return f"/{kind}s/{target_id}"


def render_page(request: Request, kind: str, target_id: str, *, discussion: dict[str, Any] | None = None,
                status_code: int = 200) -> Response:
    """The page of an event, a site or a brief, with its discussion thread (or the given state of it,
    e.g. a rejected comment with its errors)."""
    store = request.app.state.store
    if kind == "event":
        record = fused_record(store, target_id)
        if record is None:
            raise HTTPException(404, f"no event '{target_id}'")
        thread = discussion or threads.thread(request, "event", record["id"])
        mentions = mention_records(store, record.get("mention_ids") or [])
        return _render(request, "event.html", status_code=status_code, rec=record, discussion=thread,
                       quotes=[_quote(store, s, mentions.get(s.get("event_id"))) for s in record.get("sources") or []])
    if kind == "site":
        detail = site_detail(store, target_id)
        if detail is None:
            raise HTTPException(404, f"no site '{target_id}'")
        thread = discussion or threads.thread(request, "site", target_id)
        recent, _cursor = browse_events(store, Browse(site_id=target_id, limit=20))
        nearby = evidence_near(store, detail.lat, detail.lon, km=SITE_RADIUS_KM.get(detail.kind, DEFAULT_RADIUS_KM)
                               + NEARBY_KM)
        return _render(request, "site.html", status_code=status_code, site=detail, recent=recent,
                       discussion=thread, observations=site_observations(store, target_id),
                       flights=site_movements_by_day(store, target_id), classes=OBSERVATION_CLASSES,
                       evidence=nearby)
    if kind == "brief":
        m = BRIEF_KEY.match(target_id)
        if not m:
            raise HTTPException(404, f"no brief '{target_id}'")
        since, until, region = date.fromisoformat(m.group(1)), m.group(2), m.group(3) or None
        end = date.fromisoformat(until) if until else None
        form = {"since": since.isoformat(), "until": until or "", "region": region or ""}
        try:
            report = brief_for(request, since, end, region)
        except ValueError as err:
            return _render(request, "brief.html", status_code=400, error=str(err), brief=None, form=form)
        thread = discussion or threads.thread(request, "brief", target_id)
        observations = [f["properties"] for f in observation_features(store, since=since, until=end)]
        if report.region:
            known = {s.id: s.country_code for s in map_sites(store)}
            wanted = region_codes(report.region)
            observations = [o for o in observations if known.get(o["site_id"]) in wanted]
        airlifts = [r for r in report.corroborated + report.new_events if r.get("posture") == "airlift"
                    or any((s.get("attribution") or {}).get("kind") == "flight-tracking" for s in r.get("sources") or [])]
        query = urlencode([(k, v) for k, v in form.items() if v])
        return _render(request, "brief.html", status_code=status_code, brief=report, form=form, error=None,
                       summary=brief_summary(report), export_query=query,
                       discussion=thread, brief_sites=_brief_sites(report), observations=observations,
                       airlifts=airlifts, classes=OBSERVATION_CLASSES)
    raise HTTPException(404, f"nothing of kind '{kind}'")


def _brief_sites(report: Brief) -> list[dict[str, Any]]:
    """Sites that changed in the period, for the brief's small map."""
    seen: dict[str, dict[str, Any]] = {}
    for c in report.changes:
        seen[c.site.id] = {**record_json(c.site), "status": str(c.status)}
    return list(seen.values())


def _quote(store: Any, source: dict[str, Any], mention: dict[str, Any] | None) -> dict[str, Any]:
    """A source's sentence in its report: a little text before and after, the sentence marked."""
    info = (mention or {}).get("text_info") or {}
    doc_id = info.get("document_id")
    doc = document(store, doc_id) if doc_id else None
    before = after = ""
    sentence = (mention or {}).get("event_text") or source.get("event_text") or ""
    if doc and isinstance(info.get("start"), int) and isinstance(info.get("end"), int):
        text = doc["text"]
        start, end = info["start"], info["end"]
        sentence = text[start:end]
        before = _clip_left(text[max(0, start - 400):start])
        after = _clip_right(text[end:end + 400])
    language = ((mention or {}).get("cite_info") or {}).get("language")
    return {"source": source, "mention": mention, "document_id": doc_id, "title": doc["title"] if doc else None,
            "before": before, "sentence": sentence, "after": after, "language": language,
            # Reports in other languages get an English gloss built from the record, not a translation.
            "gloss": gloss_event(mention) if mention and language and language != "en" else None}


def _clip_left(text: str) -> str:
    cut = text.rfind("\n\n")
    return text[cut + 2:] if cut >= 0 else ("\u2026" + text[text.find(" ") + 1:] if len(text) >= 400 else text)


def _clip_right(text: str) -> str:
    cut = text.find("\n\n")
    return text[:cut] if cut >= 0 else (text[:text.rfind(" ")] + "\u2026" if len(text) >= 400 else text)


def _segments(text: str, found: list[dict[str, Any]], *, focus: str | None) -> list[dict[str, Any]]:
    """The report cut into plain and marked pieces (marked = an extracted event's sentence)."""
    spans = []
    for rec in found:
        info = rec.get("text_info") or {}
        if isinstance(info.get("start"), int) and isinstance(info.get("end"), int):
            spans.append((info["start"], info["end"], rec))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[dict[str, Any]] = []
    pos = 0
    for start, end, rec in spans:
        if start < pos:  # two events in one sentence: the first mark covers both
            continue
        if start > pos:
            out.append({"text": text[pos:start], "event": None})
        out.append({"text": text[start:end], "event": rec,
                    "focus": focus in {rec.get("id"), rec.get("fused_id")}})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:], "event": None})
    return out
