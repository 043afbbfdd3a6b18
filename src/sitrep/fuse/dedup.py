"""Deduplication: event mentions from different reports that tell the same happening become one
fused event (`sitrep.dedup.v1`).

Two mentions are the same happening when they have the same PLOVER category, compatible actors
(same country code, or one unknown), the same site or points closer than the coarser of their
resolutions allows, and overlapping time windows. A mention's window is its date widened by its
precision; an undated mention happened in the week before its report was published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sitrep.geo.normalize import fold_name
from sitrep.geo.resolve import haversine_km

NAME = "sitrep.dedup.v1"
Window = tuple[dt.date, dt.date] | None
# How far apart two points may be and still be "the same place", by the coarser resolution.
RESOLUTION_KM = {"site": 5.0, "city": 15.0, "district": 40.0, "province": 100.0, "country": 0.0}
DAY_SLACK = timedelta(days=1)  # reports of "Monday" and "Monday night" may straddle midnight
UNDATED_LOOKBACK = timedelta(days=7)
# Attribution kinds whose source is the origin whoever carries it (imagery: the pictures; dataset
# and geolocated: the dataset or the footage map, fuse/external.py).
EXTERNAL_KINDS = frozenset({"imagery", "dataset", "geolocated"})


@dataclass(frozen=True)
class Mention:
    """One stored event as fusion sees it."""

    event_id: str
    document_id: str
    event: str
    actor_code: str | None
    site_id: str | None
    lat: float | None
    lon: float | None
    resolution: str | None
    country_code: str | None
    date: dt.date | None
    enddate: dt.date | None
    published: dt.date | None
    posture: str | None
    outlet: str | None
    url: str | None
    attribution_source: str | None
    attribution_kind: str | None
    confidence: float
    # Near-duplicate copies of one story share a group (fuse/neardup.py): one origin together.
    syndication_group: str | None = None

    def window(self) -> tuple[dt.date, dt.date] | None:
        """The days this mention may describe."""
        if self.date is not None and self.enddate is None:
            return self.date, self.date  # a day is a day: Sunday's flight is not Monday's pullout
        if self.date is not None:
            return self.date - DAY_SLACK, (self.enddate or self.date) + DAY_SLACK
        if self.published is not None:
            return self.published - UNDATED_LOOKBACK, self.published
        return None


def same_happening(a: Mention, b: Mention) -> bool:
    """True when two mentions from different reports tell the same happening."""
    return _same_happening(a, b, a.window(), b.window())


def _same_happening(a: Mention, b: Mention, wa: Window, wb: Window) -> bool:
    if a.document_id == b.document_id or a.event != b.event:
        return False
    if a.actor_code and b.actor_code and a.actor_code != b.actor_code:
        return False
    if not _same_place(a, b):
        return False
    return wa is not None and wb is not None and wa[0] <= wb[1] and wb[0] <= wa[1]


def _same_place(a: Mention, b: Mention) -> bool:
    if a.site_id or b.site_id:
        return a.site_id == b.site_id
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False  # placeless mentions never fuse: too little to tell happenings apart
    if "country" in (a.resolution, b.resolution):
        # A whole country is a weak place (often the report's country for a move told without
        # one): it fuses only mentions of one named force.
        return a.resolution == b.resolution and a.country_code == b.country_code and \
            a.actor_code is not None and a.actor_code == b.actor_code
    limit = max(RESOLUTION_KM.get(a.resolution or "city", 15.0), RESOLUTION_KM.get(b.resolution or "city", 15.0))
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= limit


class _Group:
    """A happening being built, with the span every dated member's window shares, so that a
    candidate's agreement with all of them is one comparison."""

    def __init__(self, first: Mention, window: Window) -> None:
        self.members: list[tuple[Mention, Window]] = []
        self.latest_start = dt.date.min
        self.earliest_end = dt.date.max
        self.add(first, window)

    def add(self, mention: Mention, window: Window) -> None:
        self.members.append((mention, window))
        if mention.date is not None and window is not None:
            self.latest_start = max(self.latest_start, window[0])
            self.earliest_end = min(self.earliest_end, window[1])

    def agrees(self, window: Window) -> bool:
        """The window overlaps every dated member's window."""
        return window is None or (window[0] <= self.earliest_end and self.latest_start <= window[1])


def cluster_mentions(mentions: Iterable[Mention]) -> list[list[Mention]]:
    """Groups mentions into happenings. A mention joins the first group holding a mention of the
    same happening, provided it is compatible with every *dated* member (so an undated mention
    cannot bridge Sunday's flight and Monday's pullout into one event). Groups come in a stable
    order, members by event id."""
    ordered = sorted(mentions, key=lambda m: (m.date is None, m.date or dt.date.min, m.event_id))
    # Same happening needs the same category and the same site (or none): groups never mix
    # them, so a mention is only tried against its own kind's groups, in the order they began.
    kinds: dict[tuple[str, str | None], list[_Group]] = {}
    groups: list[_Group] = []
    for mention in ordered:
        window = mention.window()
        candidates = kinds.setdefault((mention.event, mention.site_id), [])
        for group in candidates:
            if group.agrees(window) and any(_same_happening(mention, m, window, w) for m, w in group.members):
                group.add(mention, window)
                break
        else:
            group = _Group(mention, window)
            candidates.append(group)
            groups.append(group)
    return sorted((sorted((m for m, _ in g.members), key=lambda m: m.event_id) for g in groups),
                  key=lambda g: g[0].event_id)


def origin_of(mention: Mention) -> str:
    """Where a claim comes from: the cited source when an outlet relays one ("according to the
    Observatory"), else the outlet itself. Outlets relaying one origin count once, and so do
    copies of one syndicated story (a wire story on several sites): the group is the origin."""
    source = mention.attribution_source
    # Only a named source is one origin across outlets; "residents" who told two outlets are
    # probably different people.
    # Pictures are the origin of an imagery claim: Maxar's own counts and an outlet showing Maxar's
    # image are one origin, whoever publishes them.
    # A dataset row or a footage map is likewise one origin however many of its records tell it.
    relayed = source != mention.outlet or mention.attribution_kind in EXTERNAL_KINDS
    if source and relayed and any(w[:1].isupper() for w in source.split()[1:] or source.split()):
        return "src:" + fold_name(source).removeprefix("the ")
    if mention.syndication_group:
        return "syn:" + mention.syndication_group
    return "outlet:" + (fold_name(mention.outlet) if mention.outlet else mention.document_id)


def mention_origins(group: Iterable[Mention]) -> dict[str, str]:
    """Each mention's origin, by event id, with one report counted once: a report that names its
    source in one sentence ("a spokesman for the SDF said") and tells the same happening again in
    its own voice in another is that source's word, not a second origin."""
    own = {m.event_id: (m.document_id, origin_of(m)) for m in group}
    named: dict[str, str] = {}
    for _, (document_id, origin) in sorted(own.items()):
        if origin.startswith("src:"):
            named.setdefault(document_id, origin)
    return {event_id: origin if origin.startswith("src:") else named.get(document_id, origin)
            for event_id, (document_id, origin) in own.items()}


def independent_origins(group: Iterable[Mention]) -> int:
    """How many distinct origins a fused event rests on."""
    return len(set(mention_origins(group).values()))
