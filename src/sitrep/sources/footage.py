"""Geolocated-footage maps -> Evidence of kind `geolocated`: GeoConfirmed's KML/KMZ exports (read
Placemark by Placemark with fastkml), the Centre for Information Resilience's Eyes on Russia
GeoJSON, and Bellingcat's timemap JSON (an array of events whose sources may be withheld).

Each record keeps its id, date, point, description and source links; a bad one is skipped naming
its field. KML dates come from TimeStamp, then an ExtendedData `date`, then a date in the name or
description (GeoConfirmed writes "14/12/2024": day first); timemap dates are month first.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from lxml import etree

from sitrep.records import Evidence, EvidenceLayer, Skipped, evidence_id
from sitrep.sources.fields import BadField, number, parse_moment, point, text_or_none
from sitrep.sources.guard import READ_ERRORS, TooLarge, human_size, unreadable

KML_NS = "{http://www.opengis.net/kml/2.2}"
URL = re.compile(r"https?://[^\s\"'<>\]\)]+")
TAG = re.compile(r"<[^>]+>")
DATE_IN_TEXT = re.compile(r"\b(\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})\b")
GEOJSON_KEYS = {
    "id": ("id", "ID", "event_id", "uid"),
    "date": ("date", "Date", "event_date", "datetime", "verifiedDate"),
    "description": ("description", "Description", "title", "summary", "notes"),
    "links": ("url", "source", "sources", "link", "links", "source_url", "URL"),
}


def is_timemap(obj: Any) -> bool:
    """A Bellingcat timemap export: a list (or {"events": [...]}) of objects with latitude,
    longitude, date and description."""
    items = obj.get("events") if isinstance(obj, dict) else obj
    return (isinstance(items, list) and bool(items) and isinstance(items[0], dict)
            and {"latitude", "longitude", "date"} <= set(items[0]))


def is_footage_geojson(obj: Any) -> bool:
    """A FeatureCollection of points whose properties carry a date and a description or link."""
    if not isinstance(obj, dict) or obj.get("type") != "FeatureCollection":
        return False
    feats = obj.get("features") or []
    props = feats[0].get("properties") if feats and isinstance(feats[0], dict) else None
    return isinstance(props, dict) and any(k in props for k in GEOJSON_KEYS["date"]) and any(
        k in props for k in GEOJSON_KEYS["description"] + GEOJSON_KEYS["links"])


def read_footage(path: Path, *, max_bytes: int) -> Iterator[Evidence | Skipped]:
    """The features of a footage map (.kml, .kmz, .geojson or timemap .json)."""
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in {".kml", ".kmz"}:
            yield from _read_kml(path, origin, max_bytes=max_bytes)
            return
        if path.stat().st_size > max_bytes:
            yield Skipped(origin, f"too large ({human_size(path.stat().st_size)} > limit {human_size(max_bytes)})")
            return
        obj = json.loads(path.read_text(encoding="utf-8-sig"))
    except ValueError as err:
        yield Skipped(origin, f"invalid JSON: {err}")
        return
    except (*READ_ERRORS, zipfile.BadZipFile, etree.XMLSyntaxError) as err:
        yield unreadable(origin, err) if isinstance(err, READ_ERRORS) else Skipped(origin, f"unreadable: {err}")
        return
    if is_timemap(obj):
        items = obj.get("events") if isinstance(obj, dict) else obj
        for n, item in enumerate(items or [], 1):
            yield _guard(lambda item=item, n=n: _timemap_event(item, f"{origin}#event-{n}"), origin, f"event-{n}")
    elif is_footage_geojson(obj):
        for n, feat in enumerate(obj["features"], 1):
            yield _guard(lambda feat=feat, n=n: _geojson_feature(feat, f"{origin}#feature-{n}"), origin, f"feature-{n}")
    else:
        yield Skipped(origin, "not a footage map (KML, a FeatureCollection with dates, or a timemap array)")


def _guard(build: Any, origin: str, where: str) -> Evidence | Skipped:
    try:
        return build()
    except BadField as bad:
        return Skipped(f"{origin}#{where}", f"{where.replace('-', ' ')}: {bad}")
    except (TypeError, AttributeError) as err:
        return Skipped(f"{origin}#{where}", f"{where.replace('-', ' ')}: malformed ({err})")


def _open_kml(path: Path, max_bytes: int) -> IO[bytes]:
    if path.suffix.lower() != ".kmz":
        if path.stat().st_size > max_bytes * 20:
            raise TooLarge(f"too large ({human_size(path.stat().st_size)})")
        return path.open("rb")
    archive = zipfile.ZipFile(path)
    inner = next((i for i in archive.infolist() if i.filename.lower().endswith(".kml")), None)
    if inner is None:
        raise zipfile.BadZipFile("no .kml inside the KMZ")
    if inner.file_size > max_bytes * 20 or inner.file_size > 100 * max(1, inner.compress_size) + 1_000_000:
        raise TooLarge(f"{inner.filename} inflates to {human_size(inner.file_size)}")
    return archive.open(inner)


def _read_kml(path: Path, origin: str, *, max_bytes: int) -> Iterator[Evidence | Skipped]:
    """Placemarks streamed with iterparse (each freed once read); folder names kept as context."""
    from fastkml import Placemark

    with _open_kml(path, max_bytes) as stream:
        folders: list[str] = []
        n = 0
        for action, elem in etree.iterparse(stream, events=("start", "end"), resolve_entities=False,
                                            huge_tree=False, no_network=True):
            tag = etree.QName(elem).localname
            if tag == "Folder" and action == "start":
                folders.append("")
            elif tag == "Folder":
                folders.pop()
                elem.clear()
            elif tag == "name" and action == "end" and folders and elem.getparent() is not None \
                    and etree.QName(elem.getparent()).localname == "Folder":
                folders[-1] = (elem.text or "").strip()
            elif tag == "Placemark" and action == "end":
                n += 1
                where = f"placemark-{n}"
                mark = Placemark.from_string(etree.tostring(elem))
                yield _guard(lambda mark=mark, elem=elem, where=where: _placemark(
                    mark, elem, f"{origin}#{where}", [f for f in folders if f]), origin, where)
                elem.clear()


def _placemark(mark: Any, elem: Any, origin: str, folders: list[str]) -> Evidence:
    geom = mark.geometry
    if geom is None:
        raise BadField("Point", "no geometry")
    centroid = getattr(geom, "centroid", None) if geom.geom_type != "Point" else geom
    if centroid is None:
        raise BadField("Point", f"{geom.geom_type} has no point")
    lat, lon = point(centroid.y, centroid.x)
    data = {d.get("name"): "".join(d.itertext()).strip() for d in elem.iter(f"{KML_NS}Data")}
    description = mark.description or ""
    name = (mark.name or "").strip()
    stamp = mark.times.timestamp.dt if mark.times is not None and getattr(mark.times, "timestamp", None) else None
    raw = data.get("date") or data.get("Date") or _date_in(name) or _date_in(description)
    if stamp is not None:
        at = parse_moment(stamp.isoformat() if hasattr(stamp, "isoformat") else str(stamp), "TimeStamp")
    elif raw:
        at = parse_moment(raw, "date")
    else:
        raise BadField("date", "no TimeStamp, ExtendedData date or date in the name")
    record_id = mark.id or data.get("id") or data.get("ID") or None
    links = tuple(dict.fromkeys(URL.findall(html.unescape(description)) + URL.findall(" ".join(data.values()))))
    return _footage(record_id or f"{name}|{at.isoformat()}|{lat:.5f}|{lon:.5f}", "GeoConfirmed", at, lat, lon, origin,
                    title=name or None, description=_plain(description), links=links, record_id=record_id,
                    details={"folder": " / ".join(folders)} if folders else {})


def _geojson_feature(feat: Mapping[str, Any], origin: str) -> Evidence:
    geom = feat.get("geometry") or {}
    if geom.get("type") != "Point":
        raise BadField("geometry", f"{geom.get('type')} is not a Point")
    coords = geom.get("coordinates") or []
    if len(coords) < 2:
        raise BadField("geometry.coordinates", "needs [lon, lat]")
    lat, lon = point(coords[1], coords[0])
    props = feat.get("properties") or {}
    pick = {key: next((props[k] for k in names if props.get(k) not in (None, "")), None)
            for key, names in GEOJSON_KEYS.items()}
    at = parse_moment(pick["date"], "date")
    record_id = feat.get("id") or pick["id"]
    links = _links(pick["links"])
    extra = {k: v for k, v in props.items() if isinstance(v, (str, int, float, bool)) and k not in
             {n for names in GEOJSON_KEYS.values() for n in names}}
    return _footage(str(record_id) if record_id is not None else f"{at.isoformat()}|{lat:.5f}|{lon:.5f}|{pick['description']}",
                    "CIR Eyes on Russia", at, lat, lon, origin, title=text_or_none(props.get("title"), 300),
                    description=_plain(str(pick["description"] or "")), links=links,
                    record_id=str(record_id) if record_id is not None else None, details=extra)


def _timemap_event(item: Mapping[str, Any], origin: str) -> Evidence:
    lat, lon = point(item.get("latitude"), item.get("longitude"))
    at = parse_moment(item.get("date"), "date", day_first=False)
    if item.get("time"):
        hh, _, mm = str(item["time"]).partition(":")
        hour = number(hh, "time", 0, 23)
        minute = number(mm[:2] or "0", "time", 0, 59)
        at = at.replace(hour=int(hour or 0), minute=int(minute or 0))
    sources = item.get("sources") or []
    links = _links([s.get("path") or s.get("url") or s.get("paths") if isinstance(s, dict) else s for s in sources])
    links = tuple(u for u in links if u.startswith("http"))
    record_id = item.get("id")
    details: dict[str, Any] = {"location": item.get("location")} if item.get("location") else {}
    if not links:
        details["sources_withheld"] = True  # Bellingcat withholds sources that could endanger people
    return _footage(str(record_id) if record_id is not None else f"{at.isoformat()}|{lat:.5f}|{lon:.5f}",
                    "Bellingcat", at, lat, lon, origin, title=text_or_none(item.get("location"), 300),
                    description=_plain(str(item.get("description") or "")), links=links,
                    record_id=str(record_id) if record_id is not None else None, details=details)


def _footage(key: str, source: str, at: datetime, lat: float, lon: float, origin: str, **fields: Any) -> Evidence:
    return Evidence(id=evidence_id("geolocated", source, key), kind=EvidenceLayer.GEOLOCATED, at=at, lat=lat,
                    lon=lon, source=source, origin=origin, **fields)


def _links(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        found = URL.findall(value)
        return tuple(found) if found else ()
    if isinstance(value, list):
        return tuple(dict.fromkeys(u for v in value for u in _links(v)))
    return ()


def _date_in(text: str) -> str | None:
    m = DATE_IN_TEXT.search(text or "")
    return m.group(1) if m else None


def _plain(text: str) -> str | None:
    return text_or_none(" ".join(html.unescape(TAG.sub(" ", text)).split()))
