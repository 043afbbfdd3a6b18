"""AIS port calls -> naval departure and arrival surges (tracks/naval.py) stored as posture events:
the days the new calls touch, and the BASELINE_DAYS after them (their baseline changed), are judged
against the site's stored calls; a stored surge that is no longer one, or rests on other ships, is
replaced (its report removed and re-fused), as airlifts are (pipeline/tracks.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta

from sitrep.pipeline.judged import replace_judged
from sitrep.records import Evidence, IngestSummary, Site
from sitrep.store import Store
from sitrep.store.osint import EvidenceQuery, evidence_span, iter_evidence
from sitrep.tracks.naval import BASELINE_DAYS, NavalCall, naval_surges


def naval_calls_touched(records: Iterable[Evidence], touched: dict[str, set[date]]) -> Iterator[Evidence]:
    """Passes the records on, noting the site-days of naval departures and arrivals among them."""
    for e in records:
        if e.site_id and e.details.get("movement") in {"departure", "arrival"} and e.details.get("naval"):
            touched.setdefault(e.site_id, set()).add(e.at.date())
        yield e


def judge_naval_surges(touched: Mapping[str, set[date]], *, store: Store, sites: Mapping[str, Site],
                       counts: IngestSummary) -> None:
    """Stores the surges of the touched site-days (and the baseline window after them)."""
    span = evidence_span(store, "ship")
    if not touched or span is None:
        return
    window = timedelta(days=BASELINE_DAYS)
    for site_id, days in sorted(touched.items()):
        history = list(_calls(store, site_id, min(days) - window, max(days) + window))
        judged = days | {d.at.date() for d in history if min(days) < d.at.date() <= max(days) + window}
        found = {s.report.origin: s for s in naval_surges(history, sites=dict(sites), coverage=span, days=judged)}
        replace_judged(store, f"naval/{site_id}/", judged, found, counts)


def _calls(store: Store, site_id: str, since: date, until: date) -> Iterator[NavalCall]:
    for r in iter_evidence(store, EvidenceQuery(kind="ship", site_id=site_id, since=since, until=until)):
        details = r["details"]
        if details.get("movement") in {"departure", "arrival"} and details.get("naval"):
            yield NavalCall(r["id"], site_id, datetime.fromisoformat(r["time"].replace("Z", "+00:00")),
                            int(details["mmsi"]), details.get("name"), details.get("navy"), details.get("role"),
                            details["movement"])
