"""Flight files -> store. Registries first (they type the aircraft), then flight lists, then state
vectors streamed through the landing/take-off detector; a day with a surge of military transport
movements at a site, over the site's own baseline, becomes an airlift event whose report lists the
flights."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, timedelta
from functools import partial
from typing import Any, TypeVar

from sitrep.pipeline.judged import replace_judged
from sitrep.records import (
    FlightMovement,
    IngestSummary,
    InputFile,
    InputKind,
    Site,
    Skipped,
    StateVector,
)
from sitrep.settings import IngestSettings
from sitrep.sources.adsbx import read_adsbx_trace
from sitrep.sources.flightlists import read_aircraft_registry, read_flight_list
from sitrep.sources.flights import read_state_vectors
from sitrep.store import Store
from sitrep.store.movements import coverage, movements_at, save_movements
from sitrep.tracks.aircraft import classify_aircraft, load_aircraft_tables
from sitrep.tracks.airfields import load_airfields
from sitrep.tracks.airlift import BASELINE_DAYS, airlift_events, group_movements
from sitrep.tracks.movements import (
    attach_flight_info,
    dedupe_movements,
    detect_movements,
    movements_from_flights,
)

T = TypeVar("T")


def ingest_flight_files(files: list[InputFile], *, store: Store, sites: Mapping[str, Site],
                        on_skip: Callable[[Skipped], None], limits: IngestSettings = IngestSettings()
                        ) -> IngestSummary:
    """Registries first (they type the aircraft), then flight lists, then state vectors streamed
    through the detector; the movements are stored, then the touched site-days judged for surges."""
    counts = IngestSummary()

    def good(items: Iterable[T | Skipped]) -> Iterator[T]:
        for item in items:
            if isinstance(item, Skipped):
                counts.skipped += 1
                on_skip(item)
            else:
                yield item

    cap, ratio = limits.max_bytes, limits.max_ratio  # each file is read up to these
    registry = {a.icao24: a for f in files if f.kind == InputKind.REGISTRY
                for a in good(read_aircraft_registry(f.path, max_bytes=cap, max_ratio=ratio))}
    tables = load_aircraft_tables(registry=registry or None)
    airfields = load_airfields(sites=sites)
    classify = partial(classify_aircraft, tables=tables)
    flights = [f for file in files if file.kind == InputKind.FLIGHTS
               for f in good(read_flight_list(file.path, known_airports=airfields, max_bytes=cap,
                                              max_ratio=ratio))]
    paths: dict[str, tuple[tuple[float, float], ...]] = {}
    tracked = [m for f in files if f.kind in {InputKind.STATES, InputKind.TRACE}
               for m in good(detect_movements(_states(f, cap, ratio),
                                              airfields, classify, paths=paths))]
    listed = list(good(movements_from_flights(flights, airfields, classify)))
    moves = dedupe_movements([*attach_flight_info(tracked, flights, classify), *listed])
    counts.movements = save_movements(store, moves, paths)
    counts.movements_known = len(moves) - counts.movements
    _judge_surges(moves, store=store, sites=sites, tables=tables, airfields=airfields, counts=counts,
                  on_skip=on_skip)
    return counts


def _judge_surges(moves: list[FlightMovement], *, store: Store, sites: Mapping[str, Site], tables: Any,
                  airfields: Any, counts: IngestSummary, on_skip: Callable[[Skipped], None]) -> None:
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
        replace_judged(store, f"airlift/{site_id}/", set(judged), found, counts)


def _states(file: InputFile, cap: int, ratio: int) -> Iterator[StateVector | Skipped]:
    """The positions of an OpenSky state-vector file or an ADS-B Exchange trace."""
    if file.kind == InputKind.TRACE:
        return read_adsbx_trace(file.path, max_bytes=cap)
    return read_state_vectors(file.path, max_bytes=cap, max_ratio=ratio)
