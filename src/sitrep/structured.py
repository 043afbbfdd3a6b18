"""Composes the structured-evidence path: imagery observations and flight tracks -> store.

Neither goes through the NLP. Each imagery observation is rendered as a short report (the document
its events quote) and compared with the site's previous observation; a change becomes a posture
event that fuses with text reports of the same movement. Flight files are streamed into landings
and take-offs at known airfields; a day with a surge of military transport movements at a site,
over the site's own baseline, becomes an airlift event whose report lists the flights.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sitrep.fuse.aircraft import classify_aircraft, load_aircraft_tables
from sitrep.fuse.airlift import BASELINE_DAYS, airlift_events, group_movements
from sitrep.fuse.imagery import (
    change_events,
    observation_evidence,
    observation_report,
    previous_observation,
)
from sitrep.fuse.movements import (
    attach_flight_info,
    dedupe_movements,
    detect_movements,
    movements_from_flights,
)
from sitrep.geo.airfields import load_airfields
from sitrep.plover import event_record
from sitrep.records import FlightMovement, Observation, Site, Skipped
from sitrep.sources.flightlists import read_aircraft_registry, read_flight_list
from sitrep.sources.flights import read_state_vectors, sniff_flight_file
from sitrep.sources.imagery import is_observation_csv, looks_like_observations, read_observations
from sitrep.store import Store
from sitrep.store.movements import coverage, movements_at, save_movements

SNIFF_BYTES = 64_000
FLIGHT_KINDS = {"states", "flights", "registry"}
T = TypeVar("T")


@dataclass
class EvidenceCounts:
    stored: int = 0
    events: int = 0
    already: int = 0
    skipped: int = 0
    movements: int = 0  # new landings / take-offs stored
    movements_known: int = 0  # found again in files already ingested


def structured_kind(path: Path) -> str | None:
    """"imagery" for observation files (.geojson, or .json/.csv whose content says so), "states",
    "flights" or "registry" for OpenSky-style flight files, else None (a text report, or not ours)."""
    if path.suffix.lower() in {".jsonl", ".ndjson", ".gz"}:
        return sniff_flight_file(path)
    imagery = _imagery_or_none(path)
    if imagery is None and path.suffix.lower() in {".json", ".csv"}:
        return sniff_flight_file(path)
    return imagery


def _imagery_or_none(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix == ".geojson":
        return "imagery"
    if suffix not in {".json", ".csv"}:
        return None
    try:
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES).decode("utf-8-sig", errors="replace")
    except OSError:
        return None
    if suffix == ".csv":
        first = next(csv.reader(io.StringIO(head)), [])
        return "imagery" if is_observation_csv(first) else None
    if '"FeatureCollection"' in head:
        try:
            obj = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError):
            return "imagery"  # a broken FeatureCollection: the reader says what is wrong
        return "imagery" if looks_like_observations(obj) else None
    return None


def ingest_observations(path: Path, *, store: Store, sites: Mapping[str, Site], max_bytes: int,
                        on_skip: Callable[[Skipped], None]) -> EvidenceCounts:
    """Stores each observation of a file as a report with its change events (one transaction per
    observation); bad features are reported and the rest stored; a re-run stores nothing twice."""
    counts = EvidenceCounts()
    for item in read_observations(path, sites=sites, max_bytes=max_bytes):
        if isinstance(item, Skipped):
            counts.skipped += 1
            on_skip(item)
            continue
        site = sites.get(item.site_id) if item.site_id else None
        earlier = store.observations_near(site.id, item.acquired, before=True) if site else []
        report, events = observation_evidence(item, previous=previous_observation(item, earlier), site=site)
        records = [(e, event_record(e, report, site_name=site.name if site else None)) for e in events]
        if not store.save_report(report, records, observation=item):
            counts.already += 1
            continue
        counts.stored += 1
        counts.events += len(events)
        if site is not None:
            counts.events += _measure_next_from(item, site, store)
    return counts


def _measure_next_from(obs: Observation, site: Site, store: Store) -> int:
    """An observation older than one already stored (a late delivery) is also the baseline of the
    next one: that change is added; the older, coarser change stays and fuses with it."""
    later = store.observations_near(site.id, obs.acquired, before=False, limit=1)
    if not later or previous_observation(later[0], [obs]) is None:
        return 0
    nxt = later[0]
    report = observation_report(nxt, site.name)
    events = change_events(obs, nxt, site=site, report=report)
    return store.add_events(report, [(e, event_record(e, report, site_name=site.name)) for e in events])


def ingest_flight_files(files: list[tuple[str, Path]], *, store: Store, sites: Mapping[str, Site],
                        on_skip: Callable[[Skipped], None]) -> EvidenceCounts:
    """Registries first (they type the aircraft), then flight lists, then state vectors streamed
    through the detector; the movements are stored, then the touched site-days judged for surges."""
    counts = EvidenceCounts()

    def good(items: Iterable[T | Skipped]) -> Iterator[T]:
        for item in items:
            if isinstance(item, Skipped):
                counts.skipped += 1
                on_skip(item)
            else:
                yield item

    registry = {a.icao24: a for kind, path in files if kind == "registry"
                for a in good(read_aircraft_registry(path))}
    tables = load_aircraft_tables(registry=registry or None)
    airfields = load_airfields(sites=sites)
    classify = partial(classify_aircraft, tables=tables)
    flights = [f for kind, path in files if kind == "flights"
               for f in good(read_flight_list(path, known_airports=airfields))]
    paths: dict[str, tuple[tuple[float, float], ...]] = {}
    tracked = [m for kind, path in files if kind == "states"
               for m in good(detect_movements(read_state_vectors(path), airfields, classify, paths=paths))]
    listed = list(good(movements_from_flights(flights, airfields, classify)))
    moves = dedupe_movements([*attach_flight_info(tracked, flights, classify), *listed])
    counts.movements = save_movements(store, moves, paths)
    counts.movements_known = len(moves) - counts.movements
    _judge_surges(moves, store=store, sites=sites, tables=tables, airfields=airfields, counts=counts,
                  on_skip=on_skip)
    return counts


def _judge_surges(moves: list[FlightMovement], *, store: Store, sites: Mapping[str, Site], tables: Any,
                  airfields: Any, counts: EvidenceCounts, on_skip: Callable[[Skipped], None]) -> None:
    """Airlift events for the site-days these movements touch, against each site's stored history
    (so a second file of the same days is judged with the first one's flights too). The next
    BASELINE_DAYS days are judged again, since their baseline changed: a stored airlift that is no
    longer a surge, or is one on other flights, is replaced (its report removed and re-fused)."""
    touched: dict[str, set[date]] = {}
    for m in moves:
        if m.site_id and m.military_transport:
            touched.setdefault(m.site_id, set()).add(m.at.date())
    span = coverage(store)
    if not touched or span is None:
        return
    window = timedelta(days=BASELINE_DAYS)
    for site_id, days in sorted(touched.items()):
        history = movements_at(store, site_id, min(days) - window, max(days) + window)
        later = {m.at.date() for m in history if m.military_transport and min(days) < m.at.date() <= max(days) + window}
        judged = days | later
        found: dict[str, Any] = {}
        for result in airlift_events(group_movements(history, tables=tables), sites=sites, coverage=span,
                                     tables=tables, airfields=airfields, days=sorted(judged)):
            if isinstance(result, Skipped):
                counts.skipped += 1
                on_skip(result)
            else:
                found[result.report.origin] = result
        stored = {origin: doc for origin, doc in store.reports_by_origin(f"airlift/{site_id}/").items()
                  if _origin_day(origin) in judged}
        store.remove_reports([doc for origin, doc in stored.items()
                              if origin not in found or found[origin].report.id != doc])
        site = sites.get(site_id)
        for airlift in found.values():
            record = event_record(airlift.event, airlift.report, site_name=site.name if site else None)
            if store.save_report(airlift.report, [(airlift.event, record)]):
                counts.stored += 1
                counts.events += 1
            else:
                counts.already += 1


def _origin_day(origin: str) -> date | None:
    """The day of an airlift report's origin, "airlift/<site>/<day>/<country>"."""
    try:
        return date.fromisoformat(origin.split("/")[2])
    except (IndexError, ValueError):
        return None
