"""Community formats -> evidence store: footage maps, ACLED/UCDP rows and FIRMS detections are read
and placed at the site within whose radius they lie; AIS positions go through the port-call
detector. Each file is streamed and stored in batches; bad records are reported and the rest kept;
ids come from the records, so a re-run stores nothing twice."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date

from sitrep.fuse.external import external_event
from sitrep.geo.countries import country_names
from sitrep.geo.demonyms import demonym_table
from sitrep.geo.near import SiteIndex
from sitrep.pipeline.naval import judge_naval_surges, naval_calls_touched
from sitrep.records import (
    Evidence,
    IngestSummary,
    InputFile,
    InputKind,
    ShipPosition,
    Site,
    Skipped,
)
from sitrep.sources.ais import read_dma, read_nmea
from sitrep.sources.datasets import read_dataset
from sitrep.sources.firms import read_firms
from sitrep.sources.footage import read_footage
from sitrep.store import Store
from sitrep.store.osint import save_evidence
from sitrep.tracks.ships import detect_port_calls

# FIRMS detections are kept within a site's radius plus this margin ("a few km": a strike on a
# depot next to the base, a burning vehicle on the approach road); the rest of a global file is not.
THERMAL_MARGIN_KM = 5.0


def ingest_community_file(item: InputFile, *, store: Store, sites: Mapping[str, Site], max_bytes: int,
                          on_skip: Callable[[Skipped], None]) -> IngestSummary:
    """Reads one community-format file into the evidence store; returns what was stored."""
    counts = IngestSummary()
    index = SiteIndex(sites.values())

    def good(items: Iterable[Evidence | ShipPosition | Skipped]) -> Iterator[Evidence | ShipPosition]:
        for x in items:
            if isinstance(x, Skipped):
                counts.skipped += 1
                on_skip(x)
            else:
                yield x

    records = _records(item, index=index, sites=sites, max_bytes=max_bytes, good=good)
    touched: dict[str, set[date]] = {}
    if item.kind in {InputKind.ACLED, InputKind.UCDP, InputKind.FOOTAGE}:
        records = _fused(records, store=store, sites=sites, counts=counts)
    elif item.kind in {InputKind.AIS_NMEA, InputKind.AIS_DMA}:
        records = naval_calls_touched(records, touched)
    with store.batch():  # movement rows told as reports are fused and judged together
        counts.evidence, counts.evidence_known = save_evidence(store, records)
    judge_naval_surges(touched, store=store, sites=sites, counts=counts)
    return counts


def _fused(records: Iterable[Evidence], *, store: Store, sites: Mapping[str, Site], counts: IngestSummary
           ) -> Iterator[Evidence]:
    """Passes the records on, storing each one that tells a movement as a one-event report that
    fuses with text events of the same happening (fuse/external.py); a re-run stores nothing twice."""
    names = {name.lower(): code for code, name in country_names().items()}
    words = demonym_table()
    for e in records:
        found = external_event(e, site=sites.get(e.site_id) if e.site_id else None, country_codes=names,
                               demonyms=words)
        if found is not None:
            report, events = found
            if store.save_report(report, events):
                counts.stored += 1
                counts.events += len(events)
            else:
                counts.already += 1
            if e.category is None:
                e = dataclasses.replace(e, category=events[0].event)  # footage typed from its caption
        yield e


def _records(item: InputFile, *, index: SiteIndex, sites: Mapping[str, Site], max_bytes: int,
             good: Callable[[Iterable[Evidence | ShipPosition | Skipped]], Iterator[Evidence | ShipPosition]]
             ) -> Iterator[Evidence]:
    path = item.path
    if item.kind in {InputKind.AIS_NMEA, InputKind.AIS_DMA}:
        reader = read_nmea(path) if item.kind == InputKind.AIS_NMEA else read_dma(path)
        positions = (p for p in good(reader) if isinstance(p, ShipPosition))
        yield from detect_port_calls(positions, sites.values())
        return
    if item.kind == InputKind.FIRMS:
        def near(lat: float, lon: float) -> bool:
            return index.near(lat, lon, margin_km=THERMAL_MARGIN_KM) is not None
        found: Iterable[Evidence | Skipped] = read_firms(path, keep=near)
    elif item.kind == InputKind.FOOTAGE:
        found = read_footage(path, max_bytes=max_bytes)
    else:
        found = read_dataset(path)
    for e in good(found):
        if isinstance(e, Evidence):
            yield dataclasses.replace(e, site_id=index.at(e.lat, e.lon))
