"""Query-string filters shared by the pages and the API, parsed once into a `Browse`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from fastapi import HTTPException, Query

from sitrep.fuse.brief import region_countries
from sitrep.store.browse import MAX_PAGE, BadCursor, Browse, decode_cursor

# More independent sources than any happening has had; larger numbers overflow SQL integers.
MAX_SOURCES = 10_000

# The id of a brief's discussion thread: "since~until~region" (until and region may be empty).
BRIEF_KEY = re.compile(r"^(\d{4}-\d{2}-\d{2})~(\d{4}-\d{2}-\d{2})?~([\w .'’-]{0,60})$")


class FilterError(ValueError):
    pass


def parse_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name}: '{value}' is not a date in YYYY-MM-DD form") from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise FilterError(f"bbox: '{value}' is not west,south,east,north in degrees") from None
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise FilterError(f"bbox: '{value}' is outside -180..180 / -90..90 or south > north")
    return west, south, east, north


@dataclass
class EventFilters:
    """The raw query-string values, as a page form or an API client sends them."""

    site: str | None = Query(None, description="Site id (e.g. hmeimim)")
    since: str | None = Query(None, description="First day, YYYY-MM-DD")
    until: str | None = Query(None, description="Last day, YYYY-MM-DD")
    type: str | None = Query(None, description="PLOVER event type, e.g. RETREAT")
    actor: str | None = Query(None, description="Actor code, e.g. RUS")
    region: str | None = Query(None, description="Country name or ISO code, or a named region (levant, sahel, ...)")
    kind: str | None = Query(None, description="Evidence kind: imagery, flight-tracking, sighting, observatory, official, media, dataset, geolocated")
    bbox: str | None = Query(None, description="west,south,east,north in degrees")
    min_sources: int | None = Query(None, ge=1, le=MAX_SOURCES, description="At least this many independent sources")
    limit: int = Query(100, ge=1, le=MAX_PAGE, description="Page size")
    cursor: str | None = Query(None, description="The `next` cursor of the previous page")

    def browse(self, country_names: dict[str, str]) -> Browse:
        """The store query; raises FilterError with a message naming the bad parameter."""
        try:
            countries = region_countries(self.region, country_names)
        except ValueError as err:
            raise FilterError(f"region: {err}") from None
        if self.cursor:
            try:  # checked here, before a streamed export has sent its first line
                decode_cursor(self.cursor)
            except BadCursor as err:
                raise FilterError(f"cursor: {err}") from None
        return Browse(
            site_id=self.site or None, since=parse_day(self.since, "since"), until=parse_day(self.until, "until"),
            event_type=self.type or None, actor=self.actor or None,
            countries=frozenset(countries) if countries is not None else None,
            kind=self.kind or None, bbox=parse_bbox(self.bbox), min_sources=self.min_sources,
            limit=self.limit, cursor=self.cursor or None,
        )

    def query_items(self) -> list[tuple[str, str]]:
        """The non-empty filters (not paging), to rebuild links."""
        names = ["site", "since", "until", "type", "actor", "region", "kind", "bbox", "min_sources"]
        return [(n, str(getattr(self, n))) for n in names if getattr(self, n) not in (None, "")]


def bad_request(err: Exception) -> HTTPException:
    return HTTPException(status_code=400, detail=str(err))
