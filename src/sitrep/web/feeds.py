"""The Atom feed of changes (RFC 4287): site status changes and newly corroborated happenings,
for all sites, one site (`?site=`) or a region (`?region=`, as the brief reads it)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from lxml import etree

from sitrep import __version__
from sitrep.records import Alert
from sitrep.store.alerts import corroborated_alerts, status_alerts
from sitrep.store.queries import find_site_id
from sitrep.web.api import region_codes

router = APIRouter(tags=["feeds"])
ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100


@router.get("/feeds/changes.atom", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}})
def changes_atom(request: Request, site: str | None = Query(None, description="a site id or name"),
                 region: str | None = Query(None, description="a region, country name or ISO code")) -> Response:
    """Site status changes and newly corroborated events, newest first, as an Atom feed."""
    store = request.app.state.store
    site_id = None
    if site:
        site_id = find_site_id(store, site)
        if site_id is None:
            raise HTTPException(404, f"no known site matches '{site}'")
    try:
        countries = region_codes(region) if region else None
    except ValueError as err:
        raise HTTPException(400, str(err)) from None
    alerts = status_alerts(store, site_id=site_id, countries=countries) + corroborated_alerts(
        store, site_id=site_id, countries=countries, limit=MAX_ENTRIES)
    alerts = sorted(alerts, key=lambda a: (a.day, a.key), reverse=True)[:MAX_ENTRIES]
    base = str(request.base_url).rstrip("/")
    scope = f" at {site_id}" if site_id else (f" in {region}" if region else "")
    body = render_atom(alerts, base=base, self_url=str(request.url), title=f"sitrep: changes{scope}")
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def render_atom(alerts: list[Alert], *, base: str, self_url: str, title: str) -> bytes:
    """The feed document; ids are the entries' page URLs with a fragment naming the change."""
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    _text(feed, "id", self_url)
    _text(feed, "title", title)
    newest = max((a.day for a in alerts if a.day), default=None)
    _text(feed, "updated", _stamp(newest) if newest else datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    author = etree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "sitrep")
    gen = _text(feed, "generator", "sitrep")
    gen.set("version", __version__)
    etree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url, type="application/atom+xml")
    etree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=base + "/", type="text/html")
    for alert in alerts:
        entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"{base}{alert.path}#{hashlib.sha256(alert.key.encode()).hexdigest()[:16]}")
        _text(entry, "title", alert.title)
        _text(entry, "updated", _stamp(alert.day))
        etree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=base + alert.path, type="text/html")
        category = etree.SubElement(entry, f"{{{ATOM}}}category", term=alert.kind)
        category.set("label", "status change" if alert.kind == "status" else "newly corroborated")
        _text(entry, "summary", alert.summary)
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8")


def _text(parent: etree._Element, name: str, value: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = value
    return element


def _stamp(day: str) -> str:
    """An RFC 3339 timestamp for an ISO day (midnight UTC)."""
    return f"{day[:10]}T00:00:00Z" if day else "1970-01-01T00:00:00Z"
