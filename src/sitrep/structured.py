"""Composes the structured-evidence path: observation files -> reports and change events -> store.

Imagery observations skip the NLP: each observation is rendered as a short report (the document its
events quote) and compared with the site's previous observation; the change becomes a posture
event that fuses with text reports of the same movement.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitrep.fuse.imagery import (
    change_events,
    observation_evidence,
    observation_report,
    previous_observation,
)
from sitrep.plover import event_record
from sitrep.records import Observation, Site, Skipped
from sitrep.sources.imagery import is_observation_csv, looks_like_observations, read_observations
from sitrep.store import Store

SNIFF_BYTES = 64_000


@dataclass
class EvidenceCounts:
    stored: int = 0
    events: int = 0
    already: int = 0
    skipped: int = 0


def structured_kind(path: Path) -> str | None:
    """"imagery" for observation files (.geojson, or .json/.csv whose content says so), else None."""
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
