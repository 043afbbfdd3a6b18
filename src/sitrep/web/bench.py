"""`sitrep bench web`: latency of the API and the map over a store of a million fused events.

The store is filled with synthetic fused events by bulk SQL (no NLP, no fusion: only what the
measured routes read), then a real server (`sitrep serve` in a subprocess) answers sequential
requests on one persistent HTTP connection, as a browser tab would send them. Figures only: the
benchmark never asserts times.
"""

from __future__ import annotations

import csv
import hashlib
import http.client
import io
import json
import math
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlencode

from sqlalchemy import insert

from sitrep.records import Site
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
               "record": json.dumps(record, ensure_ascii=False, sort_keys=True)}


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
    rows = synthetic_rows(n, sites)
    while True:
        chunk = [row for _, row in zip(range(CHUNK), rows, strict=False)]
        if not chunk:
            break
        with store.engine.begin() as conn:
            conn.execute(insert(fused_events), chunk)
        for row in chunk:
            if row["site_id"]:
                evidence[row["site_id"]] = row["id"]
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(db_url: str, *, timeout_s: float = 120.0) -> Iterator[int]:
    """`sitrep serve` on a free loopback port in a subprocess; yields the port once it answers."""
    port = _free_port()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "sitrep.cli", "serve", "--db", db_url, "--host", "127.0.0.1", "--port", str(port)],
            stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"sitrep serve exited ({proc.returncode}): {log.read().decode()[-2000:]}")
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", "/static/favicon.svg")
                    if conn.getresponse().status == 200:
                        conn.close()
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"sitrep serve did not answer on port {port} in {timeout_s:.0f} s")
                time.sleep(0.1)
            yield port
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class Client:
    """One persistent HTTP/1.1 connection that keeps the cookies a browser would send back."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookie = ""

    def get(self, path: str) -> tuple[float, int, bytes, str]:
        """(milliseconds to the last byte, status, body, content type)."""
        headers = {"Cookie": self.cookie} if self.cookie else {}
        t0 = time.perf_counter()
        self.conn.request("GET", path, headers=headers)
        resp = self.conn.getresponse()
        body = resp.read()
        ms = (time.perf_counter() - t0) * 1000
        if cookie := resp.getheader("Set-Cookie"):
            self.cookie = cookie.split(";", 1)[0]
        return ms, resp.status, body, resp.getheader("Content-Type") or ""

    def close(self) -> None:
        self.conn.close()


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def _day(rng: random.Random, *, back: int = SPAN_DAYS) -> date:
    return LAST_DAY - timedelta(days=rng.randrange(back))


def _period(rng: random.Random, days: int) -> list[tuple[str, str]]:
    start = _day(rng, back=SPAN_DAYS - days)
    return [("since", (start - timedelta(days=days - 1)).isoformat()), ("until", start.isoformat())]


def _syria_box(rng: random.Random) -> str:
    """A box around Syria, moved and resized a little each time (as a user pans the map)."""
    dx, dy, grow = rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5)
    return f"{35.5 + dx - grow:.2f},{32.3 + dy - grow:.2f},{42.4 + dx + grow:.2f},{37.4 + dy + grow:.2f}"


def _small_box(rng: random.Random) -> str:
    """A 1-degree box anywhere from the Sahel to Europe: over a site, a town or empty land and sea."""
    west, south = rng.uniform(-20, 60), rng.uniform(5, 50)
    return f"{west:.2f},{south:.2f},{west + 1:.2f},{south + 1:.2f}"


def _events_rows(body: Any) -> int:
    return len(body["events"])


def _query(path: str, items: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(items)}" if items else path


class _Paging:
    """Follows `next` for `depth` pages, then starts again from a random day."""

    def __init__(self, depth: int) -> None:
        self.depth, self.page = depth, 0

    def __call__(self, rng: random.Random, prev: Any) -> str:
        if prev is not None and prev.get("next") and self.page < self.depth:
            self.page += 1
            return str(prev["next"])
        self.page = 1
        return _query("/api/events", [("until", _day(rng, back=365).isoformat()), ("limit", "100")])


def scenarios(site_ids: list[str]) -> list[Scenario]:
    """The measured requests: the API's typical filters, deep paging, the map page and what it loads."""
    types, actors = list(TYPES), [a for a in ACTORS if a]
    regions = ["SYR", "IRQ", "UKR", "LBY", "MLI", "TUR", "NER", "YEM"]
    sites_ = ["hmeimim", *[s for s in site_ids if s != "hmeimim"]]
    map_limit = [("limit", "500")]  # what pages.map_page asks of /api/map (5 x the default page of 100)

    def api(*items: Callable[[random.Random], list[tuple[str, str]]]) -> Callable[[random.Random, Any], str]:
        return lambda rng, _prev: _query("/api/events", [p for f in items for p in f(rng)] + [("limit", "100")])

    def at(path: str, *items: Callable[[random.Random], list[tuple[str, str]]]) -> Callable[[random.Random, Any], str]:
        return lambda rng, _prev: _query(path, [p for f in items for p in f(rng)])

    def last(days: int) -> list[tuple[str, str]]:
        return [("since", (LAST_DAY - timedelta(days=days - 1)).isoformat())]

    counter = iter(range(10**9))
    return [
        Scenario("events: no filter", api(), _events_rows),
        Scenario("events: type (RETREAT, ...)",
                 api(lambda rng: [("type", "RETREAT" if next(counter) % 2 == 0 else rng.choice(types))]), _events_rows),
        Scenario("events: actor + 30 days", api(lambda rng: [("actor", rng.choice(actors)), *_period(rng, 30)]),
                 _events_rows),
        Scenario("events: region (SYR, ...)", api(lambda rng: [("region", rng.choice(regions))]), _events_rows),
        Scenario("events: region=levant/sahel",
                 api(lambda rng: [("region", rng.choice(["levant", "sahel", "north africa"]))]), _events_rows),
        Scenario("events: kind (imagery, ...)", api(lambda rng: [("kind", rng.choice(list(KINDS)))]), _events_rows),
        Scenario("events: site (hmeimim, ...)", api(lambda rng: [("site", rng.choice(sites_[:30]))]), _events_rows),
        Scenario("events: bbox Syria", api(lambda rng: [("bbox", _syria_box(rng))]), _events_rows),
        Scenario("events: small bbox (1 deg, often empty)", api(lambda rng: [("bbox", _small_box(rng))]),
                 _events_rows),
        Scenario("events: bbox + since",
                 api(lambda rng: [("bbox", _syria_box(rng)), ("since", _day(rng, back=730).isoformat())]),
                 _events_rows),
        Scenario("events: min_sources (3, ...)", api(lambda rng: [("min_sources", str(rng.choice([2, 3, 3, 4, 5])))]),
                 _events_rows),
        Scenario("events: deep paging (20 pages)", _Paging(20), _events_rows),
        Scenario("map page / (HTML)", at("/"), lambda _b: None),
        Scenario("map page / + 30 days", at("/", lambda rng: _period(rng, 30)), lambda _b: None),
        Scenario("map data /api/map", at("/api/map", lambda _rng: map_limit),
                 lambda b: len(b["events"]["features"])),
        Scenario("map data /api/map + 30 days", at("/api/map", lambda rng: [*_period(rng, 30), *map_limit]),
                 lambda b: len(b["events"]["features"])),
        Scenario("timeline /api/timeline 90 days", at("/api/timeline", lambda rng: _period(rng, 90)),
                 lambda b: len(b["days"])),
        Scenario("timeline /api/timeline last year", at("/api/timeline", lambda _rng: last(365)),
                 lambda b: len(b["days"])),
        Scenario("menus /api/filters (uncached)", at("/api/filters"),
                 lambda b: sum(len(v) for v in b.values())),
    ]


def measure(client: Client, scenario: Scenario, n: int, rng: random.Random) -> Figures:
    """n sequential requests after one warm-up; figures in milliseconds to the last byte."""
    times: list[float] = []
    rows: list[int] = []
    prev: Any = None
    for i in range(n + 1):
        path = scenario.path(rng, prev)
        ms, status, body, ctype = client.get(path)
        if status != 200:
            raise RuntimeError(f"{scenario.name}: GET {path} answered {status}: {body[:300]!r}")
        prev = json.loads(body) if ctype.startswith("application/json") else None
        if i == 0:
            continue  # warm-up
        times.append(ms)
        counted = scenario.rows(prev)
        if counted is not None:
            rows.append(counted)
    return Figures(scenario.name, n, percentile(times, 50), percentile(times, 95), max(times),
                   sum(rows) / len(rows) if rows else None)


def run_web_benchmark(*, n_events: int, store_path: Path, n_requests: int, out: TextIO,
                      seed: int = 3) -> list[Figures]:
    """Fills (or reuses) the store, serves it, measures every scenario and prints the table."""
    from sitrep.geo.gazetteer import read_sites

    info = ready_store(store_path, n_events)
    fill = f"reused, filled in {info.fill_s:.0f} s" if info.reused else f"filled in {info.fill_s:.0f} s"
    out.write(f"sitrep bench web: {info.events:,} fused events, store {info.size_mb:,.0f} MB ({fill}), "
              f"{info.path}\n  SQLite {sqlite3.sqlite_version}, {os.cpu_count()} cores, {n_requests} "
              f"sequential requests per scenario on one connection to `sitrep serve`\n")
    out.flush()
    rng = random.Random(seed)
    figures: list[Figures] = []
    with served(f"sqlite:///{info.path}") as port:
        client = Client(port)
        try:
            # The first map page after start compiles its templates and fills the filter menus
            # (cached 60 s afterwards): a cold start, measured once.
            ms, status, _body, _ctype = client.get("/")
            if status != 200:
                raise RuntimeError(f"GET / answered {status}")
            figures.append(Figures("map page / first after start", 1, ms, ms, ms, None, once=True))
            for scenario in scenarios(sorted(read_sites())):
                figures.append(measure(client, scenario, n_requests, rng))
        finally:
            client.close()
    out.write(format_table(figures))
    return figures


def format_table(figures: list[Figures]) -> str:
    lines = [f"  {'scenario':40} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'mean rows':>9}  "
             f"p95 < {TARGET_MS:.0f} ms"]
    for f in figures:
        rows = "-" if f.mean_rows is None else f"{f.mean_rows:.1f}"
        verdict = "(once)" if f.once else "yes" if f.meets_target else "NO"
        lines.append(f"  {f.name:40} {f.requests:8d} {f.p50_ms:8.1f} {f.p95_ms:8.1f} {f.max_ms:8.1f} {rows:>9}  {verdict}")
    held = [f for f in figures if not f.once]
    missed = [f.name for f in held if not f.meets_target]
    lines.append(f"  {len(held) - len(missed)} of {len(held)} scenarios meet the target"
                 + (f"; missed: {', '.join(missed)}" if missed else ""))
    return "\n".join(lines) + "\n"
