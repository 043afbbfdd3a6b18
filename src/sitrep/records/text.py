"""Records of the text path: Report -> Toponym/Place -> Event, with deterministic ids."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Report:
    """One document as read by a source reader, before any NLP."""

    id: str  # sha256 of the normalised text: the idempotence key
    text: str
    origin: str  # file path, with "#entry-N" / "#line-N" for feed entries and jsonl lines
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime.date | None = None
    language: str | None = None


@dataclass(frozen=True)
class Actor:
    entity_text: str
    code: str | None  # ISO 3166 alpha-3, or None when unknown
    sector: str | None  # MIL, GOV, REB, ...


@dataclass(frozen=True)
class Site:
    """A known military site from the curated table."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    operator: str
    country_code: str
    lat: float
    lon: float
    coord_source: str


# GeoNames feature codes of physical features (rivers, mountains ...) and the kind each names.
PHYSICAL_KINDS = {"STM": "river", "MTS": "mountain", "VAL": "valley", "ISL": "island", "PEN": "peninsula",
                  "SEA": "sea", "OCN": "sea", "GULF": "sea", "LK": "lake", "AREA": "region"}
_KIND_OF_RESOLUTION = {"site": "site", "city": "settlement", "district": "admin", "province": "admin",
                       "country": "country", "region": "region"}


@dataclass(frozen=True)
class Place:
    """A resolved toponym; `resolution` says how precise the point is, `kind` what it is."""

    extracted_place: str
    resolved_place: str
    lat: float
    lon: float
    country_code: str | None
    feature_code: str
    resolution: str  # site, city, district, province, country (region: a continent or vague area)
    start: int = -1
    end: int = -1
    site_id: str | None = None

    @property
    def kind(self) -> str:
        """river, mountain, valley, island, peninsula, sea, lake or region (a physical feature:
        no settlement, no event's point), else settlement, site, admin or country."""
        return PHYSICAL_KINDS.get(self.feature_code) or _KIND_OF_RESOLUTION.get(self.resolution, "region")

    @property
    def is_physical(self) -> bool:
        return self.feature_code in PHYSICAL_KINDS


@dataclass(frozen=True)
class ToponymMention:
    """A place name found in a text, with the cues around it that resolution reads."""

    text: str
    start: int = -1  # character offsets in the report text
    end: int = -1
    cue: str | None = None  # words next to it that say what kind of place: "airport", "county", "town of"
    qualifier: str | None = None  # a larger place named right after it: "Alexandria, Louisiana"
    role: str = "place"  # as Toponym.role: "metonym" ("Washington said") asks for the capital
    listed_with: tuple[str, ...] = ()  # names next to it in a list ("Utah, Washington and Wisconsin")


@dataclass(frozen=True)
class Toponym:
    """A recognised place name and the place it was resolved to (None when the gazetteer has none).

    `role` says how the text uses it: "place" (where something is or happens), "source" (where a
    source sits: "a monitor based in Geneva"), "metonym" (a capital standing for its government) or
    "demonym" (a people or adjective, "Russian", resolved to the country or region it names).
    """

    text: str
    start: int
    end: int
    place: Place | None
    role: str = "place"


@dataclass(frozen=True)
class Attribution:
    source: str | None
    kind: str  # observatory, imagery, sighting, official, media, flight-tracking
    provider: str | None


@dataclass(frozen=True)
class Event:
    """One event at one place, extracted from one sentence of one report."""

    id: str
    report_id: str
    event: str  # PLOVER category, upper case
    mode: str | None
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    date: datetime.date | None
    enddate: datetime.date | None
    date_precision: str | None  # day, week, month, year
    place: Place | None
    posture: str | None  # arriving, present, departing, departed
    attribution: Attribution | None
    confidence: float
    event_text: str
    sequence: int  # sentence number in the report
    start: int  # character offsets of the sentence in the report text
    end: int
    trigger: str


def content_id(text: str) -> str:
    """The sha256 of a text with whitespace collapsed, so re-wrapped copies hash alike."""
    normal = " ".join(text.split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def event_id(report_id: str, start: int, event: str, place: str | None, trigger: str) -> str:
    """A deterministic event id: a rerun on the same report yields the same ids."""
    key = f"{report_id}|{start}|{event}|{place or ''}|{trigger}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
