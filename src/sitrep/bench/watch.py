"""`sitrep bench watch`: the watcher against N feeds x M items served on loopback by a server in
another process. Three rounds: the first poll (every feed and every article fetched and stored),
a re-poll answered 304 (ETag), and a re-poll where every feed changed and gained one item (feeds
parsed, known items skipped by URL, new articles fetched). Extraction is left out (the reports are
stored without events: `sitrep bench ingest` measures the parser); fetching, reading articles
(trafilatura, language), MinHash and store writes are all real.
"""

from __future__ import annotations

import multiprocessing
import random
import resource
import tempfile
import time
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TextIO

from sitrep.pipeline import Fetcher, poll_sources
from sitrep.records import Event, Report, WatchSource
from sitrep.settings import WatchSettings
from sitrep.store import open_store

VOCAB = [f"{a}{b}" for a in ("ka", "lo", "mi", "ne", "su", "ta", "ve", "zo", "ri", "pu") for b in range(500)]


def _article(feed: int, item: int) -> bytes:
    # Each article's words are drawn at random (seeded by its number) from 5,000, so no two
    # articles are near-duplicates, as in a real set of feeds.
    rng = random.Random(feed * 100_003 + item)
    words = [rng.choice(VOCAB) for _ in range(220)]
    paragraphs = "".join(f"<p>{' '.join(words[i:i + 40])}.</p>" for i in range(0, len(words), 40))
    return (f"<html lang='en'><head><title>Story {feed}-{item}</title><meta property='og:site_name' "
            f"content='Outlet {feed}'><meta property='article:published_time' content='2024-12-18'></head>"
            f"<body><nav>Home World</nav><article><h1>Story {feed}-{item}</h1>{paragraphs}</article></body></html>").encode()


def _serve(port_out: Any, n_items: int, version: Any) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            parts = self.path.strip("/").split("/")
            body, ctype, etag = b"", "text/html", None
            if parts[0] == "feed":
                feed, v = int(parts[1]), version.value
                etag = f'"{feed}-{v}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                host = self.headers.get("Host")
                items = "".join(f"<item><title>Story {feed}-{i}</title><link>http://{host}/article/{feed}/{i}</link>"
                                f"<pubDate>Wed, 18 Dec 2024 09:00:00 GMT</pubDate></item>"
                                for i in reversed(range(n_items + v)))  # newest first, as feeds are
                body, ctype = f"<rss version='2.0'><channel><title>Feed {feed}</title>{items}</channel></rss>".encode(), \
                    "application/rss+xml"
            elif parts[0] == "article":
                body = _article(int(parts[1]), int(parts[2]))
            elif parts[0] == "robots.txt":
                body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", ctype)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_out.put(server.server_address[1])
    server.serve_forever()


def _no_extraction(reports: list[Report]) -> Iterable[tuple[Report, list[Event]]]:
    return ((r, []) for r in reports)


def run_watch_benchmark(*, n_feeds: int, n_items: int, concurrency: int, workdir: Path | None, out: TextIO) -> None:
    """Prints polls/s, articles/s and peak memory for each round."""
    ctx = multiprocessing.get_context("spawn")
    port_q, version = ctx.Queue(), ctx.Value("i", 0)
    server = ctx.Process(target=_serve, args=(port_q, n_items, version), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{port_q.get(timeout=30)}"
    folder = workdir or Path(tempfile.mkdtemp(prefix="sitrep-bench-watch-"))
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(f"sqlite:///{folder / 'watch.db'}")
    # One host serves every feed here: the per-host delay is off and its cap is the concurrency.
    limits = WatchSettings(host_delay=0.0, host_concurrency=concurrency, concurrency=concurrency, retries=1)
    sources = [WatchSource(f"{base}/feed/{i}") for i in range(n_feeds)]
    out.write(f"watch: {n_feeds} feeds x {n_items} items on loopback, {concurrency} requests in flight, "
              f"store {folder / 'watch.db'} (no extraction)\n")
    try:
        with Fetcher(limits) as fetcher:
            for name in ("first poll", "re-poll, 304", "re-poll, changed"):
                if name == "re-poll, changed":
                    version.value = 1
                started = time.perf_counter()
                results = list(poll_sources(sources, fetcher=fetcher, store=store, extract=_no_extraction, limits=limits))
                took = time.perf_counter() - started
                new = sum(r.new for r in results)
                errors = sum(len(r.errors) for r in results)
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                out.write(f"  {name:17s} {took:8.1f} s  {len(results) / took:8.1f} polls/s  {new:6d} new articles "
                          f"({new / took:7.1f}/s)  {errors} errors  peak RSS {peak:.0f} MB\n")
    finally:
        server.terminate()
        server.join(5)
