"""Satellite-imagery observations (issue 7): what analysts counted on images of known sites.

Two forms, documented in docs/structured.md (schema: data/observation.schema.json):

- GeoJSON: a FeatureCollection; each Feature has a Point or Polygon geometry (or null when
  `site_id` says where) and properties `acquired`, `provider`, `site_id`, `counts` ({class: n}),
  `note`, `image_id`, `url`, `analyst`.
- CSV: a header with `acquired`, `provider` and `lat` + `lon` or `site_id`; the other fields as
  columns, and one column per object class (transport_aircraft, helicopter, ...).

Each valid feature or row becomes an Observation; a bad one a Skipped naming the feature or row,
its image and the field ("feature 3 (image WV3-123): counts.helicopter: -2 is not a count (0..500)").
The file is read whole (it is bounded by max_bytes) so duplicates can be merged, conflicts flagged
and observations handed on in time order.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.geo.footprint import Position, position_problem, ring_problem
from sitrep.records import Observation, Site, Skipped
from sitrep.sources.decode import decode_bytes, looks_binary
from sitrep.sources.discover import read_guarded
from sitrep.sources.observation import build_observation, class_of, site_names

OBSERVATION_SUFFIXES = {".geojson", ".json", ".csv"}
# CSV header spellings -> field (count columns go through class_of).
COLUMNS = {
    "site_id": "site_id", "site": "site_id",
    "acquired": "acquired", "acquired_at": "acquired", "acquisition_time": "acquired",
    "acquisition_date": "acquired", "date": "acquired",
    "provider": "provider",
    "lat": "lat", "latitude": "lat", "lon": "lon", "lng": "lon", "long": "lon", "longitude": "lon",
    "note": "note", "notes": "note", "image_id": "image_id", "image": "image_id", "url": "url",
    "analyst": "analyst",
}


def read_observations(path: Path, *, sites: Mapping[str, Site], max_bytes: int,
                      now: datetime | None = None) -> Iterator[Observation | Skipped]:
    """The observations of one GeoJSON or CSV file, in time order, after a Skipped for each bad
    feature or row (or one for the whole file when it cannot be read)."""
    origin = str(path)
    data = read_guarded(path, max_bytes=max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    text = None if looks_binary(data) else decode_bytes(data)
    if text is None:
        yield Skipped(origin, "binary content or unknown text encoding, not an observation file")
        return
    yield from parse_observations(text, origin=origin, sites=sites, now=now)


def parse_observations(text: str, *, origin: str, sites: Mapping[str, Site],
                       now: datetime | None = None) -> Iterator[Observation | Skipped]:
    """Observations from the text of a GeoJSON (starts with "{") or CSV file; see read_observations."""
    moment = now or datetime.now(UTC)
    names = site_names(sites)
    found: list[Observation] = []
    for item in _geojson(text, origin) if text.lstrip().startswith("{") else _csv(text, origin):
        if isinstance(item, Skipped):
            yield item
            continue
        made = build_observation(item.props, item.point, item.ring, origin=item.origin, where=_where(item.origin),
                                 sites=sites, now=moment, cells=item.cells, errors=item.errors, names=names)
        if isinstance(made, Skipped):
            yield made
        else:
            found.append(made)
    yield from _settle(found)


def looks_like_observations(text_or_obj: str | Mapping[str, Any]) -> bool:
    """True for a GeoJSON FeatureCollection whose features carry observation properties
    (`acquired` and `provider`), so other GeoJSON and JSON files go to their own readers."""
    obj: Any = text_or_obj
    if isinstance(text_or_obj, str):
        if '"FeatureCollection"' not in text_or_obj:
            return False
        try:
            obj = json.loads(text_or_obj)
        except ValueError:
            return False
    if not isinstance(obj, Mapping) or obj.get("type") != "FeatureCollection":
        return False
    features = obj.get("features")
    if not isinstance(features, list):
        return False
    props = [f.get("properties") for f in features[:50] if isinstance(f, Mapping)]
    return any(isinstance(p, Mapping) and "acquired" in p and "provider" in p for p in props)


def is_observation_csv(header: list[str]) -> bool:
    """True when a CSV header names the observation columns: acquired, provider, and lat + lon or site_id."""
    fields = {COLUMNS.get(_column_key(h)) for h in header}
    return {"acquired", "provider"} <= fields and ({"lat", "lon"} <= fields or "site_id" in fields)


@dataclass(frozen=True)
class _Record:
    """One feature or row before its fields are checked."""

    origin: str
    props: dict[str, Any]
    point: Position | None
    ring: list[Position] | None
    errors: list[str]  # problems with the geometry or the lat/lon cells
    cells: bool  # values are CSV text cells


def _geojson(text: str, origin: str) -> Iterator[_Record | Skipped]:
    try:
        data = json.loads(text)
    except ValueError as err:
        yield Skipped(origin, f"invalid JSON: {err}")
        return
    except RecursionError:
        yield Skipped(origin, "invalid JSON: nested too deeply")
        return
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        kind = data.get("type") if isinstance(data, dict) else type(data).__name__
        yield Skipped(origin, f"not a GeoJSON FeatureCollection (type: {kind})")
        return
    features = data.get("features")
    if not isinstance(features, list):
        yield Skipped(origin, "FeatureCollection without a 'features' list")
        return
    for number, feature in enumerate(features, start=1):
        feature_origin = f"{origin}#feature-{number}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            yield Skipped(feature_origin, f"feature {number}: not a GeoJSON Feature")
            continue
        props = feature.get("properties")
        if not isinstance(props, dict):
            yield Skipped(feature_origin, f"feature {number}: no 'properties' object")
            continue
        point, ring, errors = _geometry(feature.get("geometry"))
        yield _Record(feature_origin, props, point, ring, errors, cells=False)


def _geometry(geometry: Any) -> tuple[Position | None, list[Position] | None, list[str]]:
    """(point, outer ring, problems) of a GeoJSON Point or Polygon; null geometry is no place."""
    if geometry is None:
        return None, None, []
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if kind == "Point":
        problem = position_problem(coords)
        if problem or not isinstance(coords, list):
            return None, None, [f"geometry.coordinates: {problem}"]
        return (float(coords[0]), float(coords[1])), None, []
    if kind == "Polygon":
        if not isinstance(coords, list) or not coords or not isinstance(coords[0], list):
            return None, None, ["geometry.coordinates: a Polygon needs a list of rings"]
        # Holes are ignored: the footprint is the outer ring.
        for i, pos in enumerate(coords[0]):
            problem = position_problem(pos)
            if problem:
                return None, None, [f"geometry.coordinates[0][{i}]: {problem}"]
        ring = [(float(p[0]), float(p[1])) for p in coords[0]]
        problem = ring_problem(ring)
        return (None, None, [f"geometry: {problem}"]) if problem else (None, ring, [])
    shown = kind if isinstance(kind, str) else type(geometry).__name__
    return None, None, [f"geometry: {shown} is not supported (use Point or Polygon)"]


def _csv(text: str, origin: str) -> Iterator[_Record | Skipped]:
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # spreadsheets in some locales export ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header or not is_observation_csv(header):
        yield Skipped(origin, "not an observation CSV (the header needs acquired, provider, and lat + lon or site_id)")
        return
    unknown = [h for h in header if h.strip() and COLUMNS.get(_column_key(h)) is None and class_of(h) is None]
    if unknown:
        yield Skipped(f"{origin}#header", "columns ignored (not an observation field or object class): "
                      + ", ".join(repr(h) for h in unknown))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield Skipped(f"{origin}#row-{reader.line_num}", f"row {reader.line_num}: malformed CSV ({err})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        row_origin = f"{origin}#row-{reader.line_num}"
        if len(row) > len(header):
            yield Skipped(row_origin, f"row {reader.line_num}: {len(row)} cells but {len(header)} columns")
            continue
        yield _row_record(row_origin, header, row)


def _row_record(origin: str, header: list[str], row: list[str]) -> _Record:
    """A CSV row as observation properties and a point (lat/lon cells)."""
    props: dict[str, Any] = {}
    counts: dict[str, str] = {}
    for name, cell in zip(header, row, strict=False):  # short rows: spreadsheets drop trailing empties
        field = COLUMNS.get(_column_key(name))
        if field is not None:
            props[field] = cell.strip() or None
        elif class_of(name) is not None:
            counts[name.strip()] = cell.strip()
    props["counts"] = counts
    errors: list[str] = []
    lat, lon = _number("lat", props.pop("lat", None), errors), _number("lon", props.pop("lon", None), errors)
    if (lat is None) != (lon is None) and not errors:
        errors.append("lat, lon: give both or neither")
    point = None
    if lat is not None and lon is not None:
        problem = position_problem([lon, lat])
        point = (lon, lat) if problem is None else None
        errors += [f"lat, lon: {problem}"] if problem else []
    return _Record(origin, props, point, None, errors, cells=True)


def _number(name: str, cell: str | None, errors: list[str]) -> float | None:
    if cell is None:
        return None
    try:
        return float(cell.replace(",", ".") if cell.count(",") == 1 and "." not in cell else cell)
    except ValueError:
        errors.append(f"{name}: {cell!r} is not a number")
        return None


def _settle(found: list[Observation]) -> Iterator[Observation | Skipped]:
    """Merges duplicates (same id: same place, time, provider, counts), flags conflicting counts
    of one place at one time in both notes, and yields the rest in time order."""
    kept: dict[str, Observation] = {}
    for obs in found:
        first = kept.get(obs.id)
        if first is not None:
            yield Skipped(obs.origin, f"{_where(obs.origin)}: duplicate of {_where(first.origin)} "
                                      "(same site, time, provider and counts); kept once")
        else:
            kept[obs.id] = obs
    by_moment: dict[tuple[str, datetime], list[Observation]] = {}
    for obs in kept.values():
        by_moment.setdefault((obs.site_id or f"{obs.lat:.4f},{obs.lon:.4f}", obs.acquired), []).append(obs)
    for group in by_moment.values():
        for obs in group[1:]:
            if obs.counts != group[0].counts:
                kept[obs.id] = _flag(obs, group[0])
                kept[group[0].id] = _flag(kept[group[0].id], obs)
    yield from sorted(kept.values(), key=lambda o: (o.acquired, o.origin))


def _flag(obs: Observation, other: Observation) -> Observation:
    """The observation with a note that another one counts the same place at the same time differently."""
    flag = (f"[conflict: {_where(other.origin)}"
            + (f" (image {other.image_id})" if other.image_id else "")
            + f" counts the same place at the same time differently: {_tally(other)}]")
    return replace(obs, note=f"{obs.note} {flag}" if obs.note else flag)


def _tally(obs: Observation) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(obs.counts.items())) or "nothing counted"


def _where(origin: str) -> str:
    """'feature 3' / 'row 5' from an origin 'path#feature-3'."""
    match = re.search(r"#(feature|row)-(\d+)$", origin)
    return f"{match.group(1)} {match.group(2)}" if match else origin


def _column_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())
