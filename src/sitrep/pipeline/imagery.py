"""Imagery observations -> store. No NLP: each observation is rendered as a short report (the
document its events quote) and compared with the site's previous observation; a change becomes a
posture event that fuses with text reports of the same movement."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from sitrep.fuse.imagery import (
    change_events,
    observation_evidence,
    observation_report,
    previous_observation,
)
from sitrep.records import IngestSummary, Observation, Site, Skipped
from sitrep.sources.imagery import read_observations
from sitrep.store import Store


def ingest_observations(path: Path, *, store: Store, sites: Mapping[str, Site], max_bytes: int,
                        on_skip: Callable[[Skipped], None]) -> IngestSummary:
    """Stores each observation of a file as a report with its change events (one transaction per
    observation); bad features are reported and the rest stored; a re-run stores nothing twice."""
    counts = IngestSummary()
    for item in read_observations(path, sites=sites, max_bytes=max_bytes):
        if isinstance(item, Skipped):
            counts.skipped += 1
            on_skip(item)
            continue
        site = sites.get(item.site_id) if item.site_id else None
        earlier = store.observations_near(site.id, item.acquired, before=True) if site else []
        report, events = observation_evidence(item, previous=previous_observation(item, earlier), site=site)
        if not store.save_report(report, events, observation=item):
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
    return store.add_events(report, events)
