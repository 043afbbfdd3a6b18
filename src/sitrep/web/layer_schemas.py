"""Response models of the evidence layers (imagery footprints, flight tracks, imported evidence
records) and the GeoJSON geometry they share; re-exported by web/schemas.py."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


def _f(description: str, default: Any = ...) -> Any:
    """A field with its one-line description (required unless a default is given)."""
    return Field(default, description=description)


class Geometry(BaseModel):
    type: str = _f("GeoJSON geometry type (Point, LineString, Polygon)")
    coordinates: list[Any] = _f("GeoJSON coordinates, longitude first")


class ObservationProperties(BaseModel):
    id: str = _f("Observation id")
    site_id: str | None = _f("Site observed")
    acquired: str = _f("When the image was taken (ISO, UTC)")
    provider: str | None = _f("Imagery provider")
    counts: dict[str, int] = _f("Objects counted, by class")
    note: str | None = _f("Analyst's note")
    image_id: str | None = _f("Provider's image id")
    url: str | None = _f("Where the image is published")
    analyst: str | None = _f("Who counted")
    report: str = _f("Path of the observation's report page")


class ObservationFeature(BaseModel):
    type: str = _f("Always 'Feature'")
    id: str = _f("Observation id")
    geometry: Geometry = _f("Image footprint (Polygon) or the site's point")
    properties: ObservationProperties = _f("The observation")


class ObservationCollection(BaseModel):
    type: str = _f("Always 'FeatureCollection'")
    features: list[ObservationFeature] = _f("Observations, newest first")


class FlightProperties(BaseModel):
    id: str = _f("Movement id")
    icao24: str = _f("ICAO 24-bit transponder address")
    callsign: str | None = _f("Callsign")
    kind: str = _f("landing or takeoff")
    at: str = _f("When (ISO, UTC)")
    airfield: str = _f("Airfield code (ICAO)")
    site_id: str | None = _f("Site of the airfield")
    aircraft_type: str | None = _f("ICAO aircraft type")
    operator: str | None = _f("Aircraft operator")
    military_transport: bool = _f("True for known military transports")
    other_end: str | None = _f("Airfield at the other end of the flight")


class FlightFeature(BaseModel):
    type: str = _f("Always 'Feature'")
    id: str = _f("Movement id")
    geometry: Geometry = _f("The track near the field (LineString) or the field's point")
    properties: FlightProperties = _f("The landing or take-off")


class FlightCollection(BaseModel):
    type: str = _f("Always 'FeatureCollection'")
    features: list[FlightFeature] = _f("Landings and take-offs, newest first")


class EvidenceRecord(BaseModel):
    """One evidence record of `/api/evidence` (the same fields as `sitrep evidence`)."""
    kind: str = _f("geolocated, dataset, thermal, ship, flight or imagery")
    date: str = _f("Day (ISO, UTC)")
    time: str = _f("Date and time (ISO 8601, UTC)")
    lat: float = _f("Latitude (WGS 84)")
    lon: float = _f("Longitude (WGS 84)")
    site: str | None = _f("The site within whose radius the point lies, else null")
    source: str = _f("Who published the record: GeoConfirmed, ACLED, UCDP GED, FIRMS VIIRS, AIS, ...")
    origin: str = _f("The file and record number it was read from (file#row-N)")
    id: str = _f("sitrep's id (derived from the record, so re-imports store nothing twice)")
    record_id: str | None = _f("The source's own id (event_id_cnty, GED id, MMSI, icao24, ...)")
    title: str | None = _f("A one-line summary")
    description: str | None = _f("The source's description or notes")
    links: list[str] = _f("Source links (empty when withheld)")
    category: str | None = _f("PLOVER category, where the source's type maps honestly")
    details: dict[str, Any] = _f("The source's own fields (fatalities, FRP, MMSI, counts, ...)")
