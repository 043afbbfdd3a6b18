"""Events fused and site statuses judged once per batch equal those fused and judged after every
report, and the statuses equal judging the whole history at once; a batch cut short leaves its
events and sites marked, and the next writer fuses and judges them."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from sitrep.records import Actor, Attribution, Event, Place, Report, Site, content_id, event_id
from sitrep.store import Store, open_store
from sitrep.store.schema import (
    event_fusion,
    fused_events,
    fusion_pending,
    site_status,
    status_pending,
)
from sitrep.store.sitestatus import update_site_status

SITES = [("alpha-base", "Alpha Base", 35.0, 36.0, "SYR"), ("bravo-field", "Bravo Field", 36.5, 40.0, "SYR")]
FORCES = [("Russian forces", "RUS"), ("Syrian army", "SYR"), ("Turkish troops", "TUR")]
POSTURES = {"RETREAT": ["departed", "departing"], "MOBILIZE": ["arriving", "present"]}


def reports(n: int, seed: int) -> list[tuple[Report, list[Event]]]:
    """Reports from several outlets about two sites over two months, some arriving weeks late,
    with the foreign force most claims are about changing a third of the way in."""
    rng = random.Random(seed)
    start = date(2024, 12, 1)
    out = []
    for i in range(n):
        published = start + timedelta(days=i * 60 // n)
        text = f"Report {i} of seed {seed}."
        report = Report(id=content_id(text), text=text, origin=f"r{i}", outlet=f"Outlet {rng.randrange(6)}",
                        published=published)
        events = []
        for k in range(rng.choice([1, 1, 2])):
            site_id, name, lat, lon, cc = rng.choice(SITES)
            force = FORCES[2] if i < n // 3 else rng.choice([FORCES[0], FORCES[0], FORCES[1], FORCES[2]])
            kind = rng.choice(list(POSTURES))
            late = rng.random() < 0.15
            day = published - timedelta(days=rng.randrange(20, 40) if late else rng.randrange(3))
            kind_of_source = rng.choice(["media", "media", "official", "imagery"])
            events.append(Event(
                id=event_id(report.id, k, kind, site_id, str(k)), report_id=report.id, event=kind, mode=None,
                actor=(Actor(force[0], force[1] if rng.random() < 0.85 else None, "MIL"),), recipient=(),
                date=day, enddate=None, date_precision="day",
                place=Place(name, name, lat, lon, cc, "MILB", "site", site_id=site_id),
                posture=rng.choice(POSTURES[kind]),
                attribution=Attribution(report.outlet or "", kind_of_source, report.outlet or ""),
                confidence=rng.choice([0.4, 0.7, 0.9]), event_text=text, sequence=0, start=0, end=len(text),
                trigger="left"))
        out.append((report, events))
    return out


def new_store(path: Path) -> Store:
    store = open_store(f"sqlite:///{path}")
    store.sync_sites([Site(id=s, name=name, aliases=(), kind="air base", operator="", country_code=cc,
                           lat=lat, lon=lon, coord_source="test") for s, name, lat, lon, cc in SITES])
    return store


def timelines(store: Store) -> dict[str, dict]:
    with store.engine.connect() as conn:
        return {r.site_id: comparable(json.loads(r.timeline)) for r in conn.execute(select(site_status))}


def happenings(store: Store) -> set[frozenset[str]]:
    with store.engine.connect() as conn:
        groups: dict[str, set[str]] = {}
        for fused_id, event_id in conn.execute(select(event_fusion.c.fused_id, event_fusion.c.event_id)):
            groups.setdefault(fused_id, set()).add(event_id)
    return {frozenset(g) for g in groups.values()}


def comparable(timeline: dict) -> dict:
    """A stored timeline with each change's evidence and reasons as sets: a replay lists a claim
    known before it started where the claim first counted, a judgement of the whole history where
    it gained its latest piece (the same claims, in another order)."""
    for changes in [timeline["changes"], *timeline["others"].values()]:
        for change in changes:
            change["evidence"] = sorted(change["evidence"])
            change["reasons"] = sorted(change["reasons"], key=lambda r: json.dumps(r, sort_keys=True))
    return timeline


def judged_whole(store: Store) -> dict[str, dict]:
    """Every site judged from its whole history, in a transaction that is rolled back."""
    with store.engine.connect() as conn:
        for site_id, *_ in SITES:
            update_site_status(conn, site_id, store.status_rules)
        whole = {r.site_id: comparable(json.loads(r.timeline)) for r in conn.execute(select(site_status))}
        conn.rollback()
    return whole


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 6])
def test_batched_per_report_and_whole_judgements_agree(tmp_path, seed):
    items = reports(90, seed)
    one_by_one, batched = new_store(tmp_path / "one.db"), new_store(tmp_path / "batched.db")
    for report, events in items:
        one_by_one.save_report(report, events)
    for first in range(0, len(items), 7):
        with batched.batch():
            for report, events in items[first:first + 7]:
                batched.save_report(report, events)
    per_report = timelines(one_by_one)
    assert any(t["changes"] for t in per_report.values()), "the data should move some status"
    assert any(len(g) > 1 for g in happenings(one_by_one)), "some reports should tell one happening"
    assert happenings(batched) == happenings(one_by_one)
    assert timelines(batched) == per_report
    assert judged_whole(one_by_one) == per_report


def test_the_headline_force_changing_mid_history_is_judged_from_scratch(tmp_path):
    items = reports(90, 5)
    store = new_store(tmp_path / "s.db")
    headlines = []
    for report, events in items:
        store.save_report(report, events)
        headlines.append(timelines(store).get("alpha-base", {}).get("actor"))
    assert "TUR" in headlines and headlines[-1] == "RUS", "the generator should move the headline force"
    assert judged_whole(store) == timelines(store)


def test_a_batch_cut_short_is_judged_by_the_next_writer(tmp_path):
    items = reports(40, 6)
    store, reference = new_store(tmp_path / "cut.db"), new_store(tmp_path / "ref.db")
    for report, events in items:
        reference.save_report(report, events)
    with pytest.raises(RuntimeError), store.batch():
        for report, events in items:
            store.save_report(report, events)  # each report commits with its sites' marks
        raise RuntimeError("killed before the batch judged its sites")
    with store.engine.connect() as conn:
        assert len(conn.execute(select(fusion_pending)).all()) == sum(len(e) for _, e in items), "marks left"
        assert not conn.execute(select(fused_events)).all() and not conn.execute(select(site_status)).all()
    store.rejudge_sites()  # what the next ingest does first
    with store.engine.connect() as conn:
        assert not conn.execute(select(fusion_pending)).all() and not conn.execute(select(status_pending)).all()
    assert happenings(store) == happenings(reference)
    assert timelines(store) == timelines(reference)


def test_a_long_batch_fuses_every_few_hundred_reports(tmp_path, monkeypatch):
    import sitrep.store.db as db

    monkeypatch.setattr(db, "BATCH_CAP", 5)
    items = reports(30, 7)
    store, reference = new_store(tmp_path / "long.db"), new_store(tmp_path / "ref.db")
    for report, events in items:
        reference.save_report(report, events)
    with store.batch():
        for report, events in items[:12]:
            store.save_report(report, events)
        with store.engine.connect() as conn:
            waiting = len(conn.execute(select(fusion_pending)).all())
            assert conn.execute(select(fused_events)).all(), "the first reports were fused mid-batch"
        assert 0 < waiting < sum(len(e) for _, e in items[:12])
        for report, events in items[12:]:
            store.save_report(report, events)
    assert happenings(store) == happenings(reference)
    assert timelines(store) == timelines(reference)
