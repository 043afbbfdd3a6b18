"""A synthetic archive for `sitrep bench web`: millions of fused events with site statuses, filled
once into a SQLite file and reused while it comes from the same generator."""


from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from sitrep.records import Site
from sitrep.records.read import map_feature_json
from sitrep.store.schema import fused_events, site_status

TARGET_MS = 100.0
GENERATOR = "sitrep.bench.web.v1"  # the fill's version: a reused store must come from the same generator
LAST_DAY = date(2025, 12, 31)
SPAN_DAYS = 5 * 365
CHUNK = 10_000

# Realistic skews: movements and withdrawals dominate the news of bases; a long tail of other types.
TYPES = {"MOBILIZE": 30, "RETREAT": 24, "ASSAULT": 11, "CONSULT": 8, "COERCE": 6, "AID": 4, "ACCUSE": 4,
         "REQUEST": 3, "THREATEN": 3, "CONCEDE": 2, "AGREE": 2, "SANCTION": 1.5, "REJECT": 1, "PROTEST": 0.5}
ACTORS = {"RUS": 30, "USA": 15, "TUR": 12, "SYR": 10, "IRN": 7, "FRA": 6, None: 6, "GBR": 3, "ISR": 3,
          "UKR": 3, "IRQ": 2, "DEU": 1, "ITA": 1, "CHN": 0.5, "ARE": 0.5}
ACTOR_NAMES = {"RUS": "Russian forces", "USA": "US troops", "TUR": "Turkish forces", "SYR": "Syrian government forces",
               "IRN": "Iranian advisers", "FRA": "French soldiers", "GBR": "British forces", "ISR": "Israeli forces",
               "UKR": "Ukrainian forces", "IRQ": "Iraqi forces", "DEU": "German troops", "ITA": "Italian troops",
               "CHN": "Chinese engineers", "ARE": "Emirati forces"}
# Scattered events (no known site): Middle East, Africa, Europe.
COUNTRIES = {"SYR": 20, "IRQ": 10, "UKR": 10, "LBY": 6, "MLI": 5, "TUR": 5, "ISR": 4, "LBN": 4, "YEM": 4,
             "NER": 3, "SDN": 3, "TCD": 3, "BFA": 3, "JOR": 2, "IRN": 3, "EGY": 2, "SOM": 2, "CAF": 2, "POL": 2,
             "ROU": 1, "DEU": 1, "FRA": 1, "GEO": 1, "ARM": 1, "AZE": 1, "SAU": 1, "DJI": 1, "MRT": 1}
KINDS = {"media": 55, "official": 20, "sighting": 12, "imagery": 6, "flight-tracking": 4, "observatory": 3}
SOURCES = {1: 55, 2: 22, 3: 12, 4: 7, 5: 4}
POSTURES = {"MOBILIZE": ["arriving", "present"], "RETREAT": ["departed", "departing"]}
STATUSES = ["present", "drawing down", "vacated", "returned"]
OUTLETS = ["Reuters", "AFP", "Al-Monitor", "North Syria Observer", "Enab Baladi", "Sahel Intelligence",
           "Kyiv Independent", "Rudaw", "Middle East Eye", "Le Monde", "Jeune Afrique", "Anadolu", "TASS",
           "Asharq Al-Awsat", "The National", "Defense Post"]
PROVIDERS = {"media": "local media", "official": "the defence ministry", "sighting": "residents",
             "imagery": "Maxar Technologies", "flight-tracking": "flight trackers", "observatory": "the Syrian Observatory"}
VERBS = {"MOBILIZE": "deployed to", "RETREAT": "withdrew from", "ASSAULT": "struck positions near",
         "CONSULT": "met officials in", "COERCE": "detained people in", "AID": "delivered aid to",
         "ACCUSE": "were accused of abuses in", "REQUEST": "asked for access to", "THREATEN": "threatened to enter",
         "CONCEDE": "handed over positions in", "AGREE": "agreed a truce in", "SANCTION": "were sanctioned over",
         "REJECT": "rejected a proposal for", "PROTEST": "faced protests in"}


@dataclass(frozen=True)
class StoreInfo:
    path: Path
    events: int
    fill_s: float
    reused: bool
    size_mb: float


@dataclass(frozen=True)
class Scenario:
    """A kind of request; `path` makes the next one from the previous answer (None at the start)."""

    name: str
    path: Callable[[random.Random, Any], str]
    rows: Callable[[Any], int | None]


@dataclass(frozen=True)
class Figures:
    name: str
    requests: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    mean_rows: float | None
    once: bool = False  # a single cold request: shown, not held to the target

    @property
    def meets_target(self) -> bool:
        return self.once or self.p95_ms < TARGET_MS


def _weighted(table: Mapping[Any, float]) -> tuple[list[Any], list[float]]:
    keys = list(table)
    total = 0.0
    cum = []
    for k in keys:
        total += table[k]
        cum.append(total)
    return keys, cum


def _pick(rng: random.Random, choices: tuple[list[Any], list[float]]) -> Any:
    keys, cum = choices
    return rng.choices(keys, cum_weights=cum)[0]


def _hex(i: int, salt: str) -> str:
    return hashlib.blake2b(f"{salt}{i}".encode(), digest_size=10).hexdigest()


def _country_points() -> dict[str, tuple[float, float]]:
    text = (resources.files("sitrep") / "data" / "country_points.csv").read_text(encoding="utf-8")
    return {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(io.StringIO(text))}


def synthetic_rows(n: int, sites: list[Site], *, seed: int = 5) -> Iterator[dict[str, Any]]:
    """n fused_events rows shaped like fusion's: columns plus a ~1.5 KB PLOVER record with sources."""
    rng = random.Random(seed)
    points = _country_points()
    types, actors, countries = _weighted(TYPES), _weighted(ACTORS), _weighted(COUNTRIES)
    kinds, n_sources = _weighted(KINDS), _weighted(SOURCES)
    for i in range(n):
        mention_ids = [_hex(i * 8 + k, "m") for k in range(rng.randint(1, 2))]
        fused_id = "f" + min(mention_ids)[:19]
        event = _pick(rng, types)
        actor = _pick(rng, actors)
        undated = rng.random() < 0.001
        # More news lately: the density of events grows towards the last day.
        day = None if undated else LAST_DAY - timedelta(days=int(SPAN_DAYS * rng.random() ** 1.3))
        where = rng.random()
        site: Site | None = None
        lat: float | None
        lon: float | None
        cc: str | None
        if where < 0.55:
            site = rng.choice(sites)
            lat, lon, cc = site.lat, site.lon, site.country_code
            resolution, place = "site", site.name
        elif where < 0.96:
            cc = _pick(rng, countries)
            base_lat, base_lon = points[cc]
            lat, lon = round(base_lat + rng.gauss(0, 1.2), 4), round(base_lon + rng.gauss(0, 1.5), 4)
            resolution, place = rng.choice(["city", "city", "district", "province", "country"]), f"Place {i % 5000}"
        else:
            lat = lon = cc = None
            resolution, place = "", ""
        sources = _pick(rng, n_sources)
        kinds_here = sorted({_pick(rng, kinds) for _ in range(rng.choice([1, 1, 1, 2]))})
        posture = rng.choice(POSTURES[event]) if event in POSTURES else None
        who = ACTOR_NAMES.get(actor, "Unidentified gunmen")
        text = f"{who} {VERBS[event]} {place or 'the area'} on {day or 'an unknown day'}, {PROVIDERS[kinds_here[0]]} said."
        precision = "day" if rng.random() < 0.85 else "month"
        record = {
            "actor": [{"code": actor, "entity_text": who, "sector": "MIL"}] if actor else [],
            "attribution": {"kind": kinds_here[0], "provider": PROVIDERS[kinds_here[0]],
                            "source": PROVIDERS[kinds_here[0]]},
            "cite_info": {"codebook": "plover-3.0", "coder": "sitrep-rules-0.1.0", "language": "en",
                          "publication": OUTLETS[i % len(OUTLETS)], "published": day.isoformat() if day else None,
                          "title": f"Report {i}", "url": f"https://news.example/{i}"},
            "confidence": round(0.5 + 0.49 * rng.random(), 2),
            "date": day.isoformat() if day else None, "date_precision": precision if day else None,
            "enddate": None, "event": event,
            "event_loc": None if lat is None else {
                "country_code": cc, "extracted_place": place, "feature_code": "MILB" if site else "PPL",
                "lat": lat, "lon": lon, "resolution": resolution, "resolved_place": place},
            "event_text": text, "fusion": "sitrep.dedup.v1", "id": fused_id,
            "independent_sources": sources, "mention_ids": mention_ids, "mentions": max(sources, len(mention_ids)),
            "mode": "troops", "posture": posture, "recipient": [],
            "site": {"id": site.id, "name": site.name} if site else None,
            "sources": [{"attribution": {"kind": kinds_here[k % len(kinds_here)],
                                         "provider": PROVIDERS[kinds_here[k % len(kinds_here)]],
                                         "source": PROVIDERS[kinds_here[k % len(kinds_here)]]},
                         "citation": None, "event_id": mention_ids[k % len(mention_ids)], "event_text": text,
                         "origin": f"outlet:{OUTLETS[(i + k) % len(OUTLETS)].lower()}",
                         "outlet": OUTLETS[(i + k) % len(OUTLETS)], "published": day.isoformat() if day else None,
                         "url": f"https://news.example/{i}/{k}"} for k in range(sources)],
            "text_info": {"document_id": _hex(i, "d"), "end": 120, "sequence": 3, "start": 40, "trigger": "left"},
        }
        yield {"id": fused_id, "event": event, "sort_date": day, "posture": posture,
               "site_id": site.id if site else None, "lat": lat, "lon": lon, "country_code": cc,
               "actor_code": actor, "confidence": record["confidence"], "mentions": record["mentions"],
               "independent_sources": sources, "evidence_kinds": "," + ",".join(kinds_here) + ",",
               "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
               "map_feature": map_feature_json(record)}


def noting_site_events(rows: Iterator[dict[str, Any]], evidence: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Passes the rows on, keeping each site's last event (the evidence of its status)."""
    for row in rows:
        if row["site_id"]:
            evidence[row["site_id"]] = row["id"]
        yield row


def status_rows(sites: list[Site], evidence: dict[str, str], *, seed: int = 5) -> list[dict[str, Any]]:
    """A status for three sites in four, backed by one of their events."""
    rng = random.Random(seed)
    rows = []
    for site in sites:
        if site.id not in evidence or rng.random() < 0.25:
            continue
        status = rng.choice(STATUSES)
        since = LAST_DAY - timedelta(days=rng.randrange(700))
        change = {"contested_by": [], "evidence": [evidence[site.id]], "since": since.isoformat(), "status": status}
        rows.append({"site_id": site.id, "status": status, "status_since": since,
                     "evidence": json.dumps([evidence[site.id]]),
                     "timeline": json.dumps({"actor": "RUS", "changes": [change], "others": {}})})
    return rows


def fill_store(path: Path, n: int) -> float:
    """A fresh SQLite store at `path` with n fused events and site statuses; returns seconds.

    Bulk-load habits: indexes dropped during the load and rebuilt after, no fsync, a large page
    cache; the file appears under its name only when complete, so a killed fill is never reused."""
    from sitrep.geo.gazetteer import read_sites
    from sitrep.store import open_store

    t0 = time.perf_counter()
    partial = path.with_name(path.name + ".partial")
    for p in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        p.unlink(missing_ok=True)
    store = open_store(f"sqlite:///{partial}")
    sites = list(read_sites().values())
    store.sync_sites(sites)
    evidence: dict[str, str] = {}
    with store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA synchronous=OFF")
        conn.exec_driver_sql("PRAGMA cache_size=-400000")
        indexes = [r[0] for r in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='fused_events' AND sql IS NOT NULL")]
        for name in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='fused_events' AND sql IS NOT NULL"
        ).scalars().all():
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
    rows = noting_site_events(synthetic_rows(n, sites), evidence)
    while True:
        chunk = [row for _, row in zip(range(CHUNK), rows, strict=False)]
        if not chunk:
            break
        with store.engine.begin() as conn:
            conn.execute(insert(fused_events), chunk)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA cache_size=-400000")
        for sql in indexes:
            conn.exec_driver_sql(sql)
        if status := status_rows(sites, evidence):
            conn.execute(insert(site_status), status)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")  # planner statistics: see docs/web.md, Speed
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.engine.dispose()
    partial.rename(path)
    fill_s = time.perf_counter() - t0
    _meta_path(path).write_text(json.dumps({"generator": GENERATOR, "events": n, "fill_s": round(fill_s, 1)}))
    return fill_s


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def ready_store(path: Path, n: int) -> StoreInfo:
    """The filled store at `path`: reused when it holds n events from this generator, else filled.
    Migrations added since the fill run on open; ANALYZE runs again when an index has no statistics."""
    from sitrep.store import open_store

    meta_file = _meta_path(path)
    meta = json.loads(meta_file.read_text()) if meta_file.exists() and path.exists() else {}
    reused = meta.get("generator") == GENERATOR and meta.get("events") == n
    if reused:
        fill_s = float(meta["fill_s"])
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), meta_file):
            p.unlink(missing_ok=True)
        fill_s = fill_store(path, n)
    store = open_store(f"sqlite:///{path}")
    with store.engine.begin() as conn:
        names = "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='fused_events'"
        indexes = set(conn.exec_driver_sql(names).scalars())
        analysed = set(conn.exec_driver_sql("SELECT idx FROM sqlite_stat1").scalars()) if conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name='sqlite_stat1'").first() else set()
        if indexes - analysed:
            conn.exec_driver_sql("ANALYZE")
    store.engine.dispose()
    return StoreInfo(path=path, events=n, fill_s=fill_s, reused=reused, size_mb=path.stat().st_size / 1e6)
