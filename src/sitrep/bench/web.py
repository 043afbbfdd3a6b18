"""`sitrep bench web`: latency of the API and the map over a store of a million fused events.

The store is filled with synthetic fused events by bulk SQL (no NLP, no fusion: only what the
measured routes read), then a real server (`sitrep serve` in a subprocess) answers sequential
requests on one persistent HTTP connection, as a browser tab would send them (or, with
`--clients N`, N such connections send each scenario's requests at the same time). Figures only:
the benchmark never asserts times.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlencode

from sitrep.bench.webstore import (
    ACTORS,
    KINDS,
    LAST_DAY,
    SPAN_DAYS,
    TARGET_MS,
    TYPES,
    Figures,
    Scenario,
    ready_store,
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(db_url: str, *, workers: int = 1, timeout_s: float = 120.0) -> Iterator[int]:
    """`sitrep serve` (with `workers` processes) on a free loopback port in a subprocess; yields
    the port once it answers."""
    port = _free_port()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "sitrep.cli", "serve", "--db", db_url, "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(workers)],
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
        try:
            self.conn.request("GET", path, headers=headers)
            resp = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closes a keep-alive connection idle for 5 s (a client waiting for the
            # others): reconnect, as a browser does, and time the request from there.
            self.conn.close()
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


def _timed(client: Client, scenario: Scenario, n: int, rng: random.Random,
           start: threading.Barrier | None = None) -> tuple[list[float], list[int]]:
    """n requests after one warm-up (then waits at `start`, so concurrent clients overlap):
    milliseconds to the last byte and the rows of each answer."""
    try:
        return _requests(client, scenario, n, rng, start)
    except BaseException:
        if start is not None:
            start.abort()  # the other clients stop waiting for this one
        raise


def _requests(client: Client, scenario: Scenario, n: int, rng: random.Random,
              start: threading.Barrier | None) -> tuple[list[float], list[int]]:
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
            if start is not None:
                start.wait()
            continue  # warm-up
        times.append(ms)
        counted = scenario.rows(prev)
        if counted is not None:
            rows.append(counted)
    return times, rows


def _figures(name: str, times: list[float], rows: list[int]) -> Figures:
    return Figures(name, len(times), percentile(times, 50), percentile(times, 95), max(times),
                   sum(rows) / len(rows) if rows else None)


def measure(client: Client, scenario: Scenario, n: int, rng: random.Random) -> Figures:
    """n sequential requests after one warm-up; figures in milliseconds to the last byte."""
    return _figures(scenario.name, *_timed(client, scenario, n, rng))


def measure_concurrent(clients: list[Client], scenario_sets: list[list[Scenario]], index: int, n: int,
                       seed: int) -> Figures:
    """The scenario at `index` sent by every client at once, each on its own connection and with
    its own request stream, n requests in all (at least one each): figures over every request."""
    per_client = max(1, math.ceil(n / len(clients)))
    start = threading.Barrier(len(clients))
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        runs = list(pool.map(lambda i: _timed(clients[i], scenario_sets[i][index], per_client,
                                               random.Random(seed * 1000 + i), start), range(len(clients))))
    return _figures(scenario_sets[0][index].name, [t for times, _ in runs for t in times],
                    [r for _, rows in runs for r in rows])


def run_web_benchmark(*, n_events: int, store_path: Path, n_requests: int, out: TextIO,
                      seed: int = 3, n_clients: int = 1, workers: int = 1, pg_url: str | None = None) -> list[Figures]:
    """Fills (or reuses) the store (a SQLite file, or the PostgreSQL database `pg_url`), serves it,
    measures every scenario and prints the table; with n_clients > 1 the clients send each
    scenario's requests at the same time."""
    from sitrep.geo.gazetteer import read_sites

    if pg_url:
        from sitrep.bench.webstore_pg import ready_pg_store

        info = ready_pg_store(pg_url, n_events)
        db_url, engine = pg_url, "PostgreSQL"
    else:
        info = ready_store(store_path, n_events)
        db_url, engine = f"sqlite:///{info.path}", f"SQLite {sqlite3.sqlite_version}"
    fill = f"reused, filled in {info.fill_s:.0f} s" if info.reused else f"filled in {info.fill_s:.0f} s"
    how = (f"{n_requests} sequential requests per scenario on one connection" if n_clients == 1 else
           f"{n_requests} requests per scenario from {n_clients} concurrent clients (one connection each)")
    out.write(f"sitrep bench web: {info.events:,} fused events, store {info.size_mb:,.0f} MB ({fill}), "
              f"{info.path}\n  {engine}, {os.cpu_count()} cores, {how} to `sitrep serve "
              f"--workers {workers}`\n")
    out.flush()
    rng = random.Random(seed)
    figures: list[Figures] = []
    site_ids = sorted(read_sites())
    with served(db_url, workers=workers) as port:
        clients = [Client(port) for _ in range(n_clients)]
        try:
            # The first map page after start compiles its templates and fills the filter menus
            # (cached 60 s afterwards): a cold start, measured once.
            ms, status, _body, _ctype = clients[0].get("/")
            if status != 200:
                raise RuntimeError(f"GET / answered {status}")
            figures.append(Figures("map page / first after start", 1, ms, ms, ms, None, once=True))
            if n_clients == 1:
                figures += [measure(clients[0], scenario, n_requests, rng) for scenario in scenarios(site_ids)]
            else:
                sets = [scenarios(site_ids) for _ in clients]
                figures += [measure_concurrent(clients, sets, i, n_requests, seed) for i in range(len(sets[0]))]
        finally:
            for client in clients:
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
