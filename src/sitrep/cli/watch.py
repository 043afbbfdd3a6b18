"""`sitrep watch` (and `sitrep ingest URL`): poll feeds and pages, store new reports, one line per poll."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from typing import Any

import click

from sitrep.cli.ingest import parse_cluster
from sitrep.cli.options import db_option, err, load_pipeline
from sitrep.settings import Settings


@click.command()
@click.argument("targets", nargs=-1, metavar="URL|FILE...")
@click.option("--config", "config", type=click.Path(path_type=Path), metavar="sitrep.toml",
              help="A TOML file whose [[source]] tables list sources (name, url, outlet, language, interval).")
@db_option
@click.option("--interval", type=click.FloatRange(min=1), help="Seconds between polls of a source (default 900, or $SITREP_WATCH_INTERVAL).")
@click.option("--once", is_flag=True, help="Poll every source once and exit (for cron and tests).")
@click.option("--contact", help="Contact address named in the User-Agent (default $SITREP_CONTACT).")
@click.option("--cluster", metavar="local[:N]|tcp://HOST:8786",
              help="Extract on Dask workers (as `sitrep ingest --cluster`); this process polls and writes the store.")
@click.pass_obj
def watch(settings: Settings, targets: tuple[str, ...], config: Path | None, db_url: str | None,
          interval: float | None, once: bool, contact: str | None, cluster: str | None) -> None:
    """Poll RSS/Atom feeds and pages; store each new article with its events. SIGTERM or Ctrl-C
    stops after the report in hand is stored."""
    from sitrep.pipeline import WatchlistError, read_watchlist, sources_from_args

    sources = sources_from_args(list(targets))
    if config is not None:
        try:
            sources += read_watchlist(config)
        except WatchlistError as error:
            err(f"error: {error}")
            sys.exit(2)
    if not sources:
        raise click.UsageError("give at least one URL or file, or --config with [[source]] tables")
    spec = parse_cluster(cluster) if cluster else None
    settings = settings.with_db(db_url).with_watch(interval=interval, contact=contact)
    stored = watch_sources(settings, sources, once=once, cluster=spec)
    if once and stored < 0:
        sys.exit(1)


def watch_sources(settings: Settings, sources: list[Any], *, once: bool, cluster: Any = None) -> int:
    """Runs the watcher with signal handling (its extraction on the `cluster` ClusterSpec names,
    when given); the number of reports stored, -1 when every poll failed."""
    if cluster is None:
        return _watch(settings, sources, once=once, extractor=None)
    from sitrep.pipeline.cluster import ClusterExtractor, open_client

    with open_client(cluster) as client:
        return _watch(settings, sources, once=once, extractor=ClusterExtractor(client, settings))


def _watch(settings: Settings, sources: list[Any], *, once: bool, extractor: Any) -> int:
    from sitrep.pipeline import Fetcher, run_watch
    from sitrep.store import open_store

    store = open_store(settings.store.url, status_rules=settings.status)
    pipeline = load_pipeline(settings, with_nlp=extractor is None)  # the workers hold the models
    stop = threading.Event()
    polls = {"ok": 0, "failed": 0}

    def on_signal(signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # a second signal: stop now (the open transaction rolls back)
        err(f"stopping ({signal.Signals(signum).name}): finishing the report in hand")
        stop.set()

    def on_poll(result: Any) -> None:
        polls["failed" if result.errors and not (result.new or result.known or result.unchanged) else "ok"] += 1
        err(result.line())

    def on_alert(alert: Any, failure: str | None) -> None:
        sent = f"webhook failed: {failure}" if failure else (
            f"sent to {len(settings.watch.webhooks)} webhook(s)" if settings.watch.webhooks else "no webhook")
        err(f"change {alert.title} ({sent})")

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        with Fetcher(settings.watch, stop=stop) as fetcher:
            stored = run_watch(sources, pipeline=pipeline, store=store, fetcher=fetcher, once=once,
                               on_poll=on_poll, on_round=store.refresh_statistics,
                               on_skip=lambda s: err(f"skipped {s.origin}: {s.reason}"), on_alert=on_alert,
                               extractor=extractor)
    except KeyboardInterrupt:
        err("stopped: every report stored so far is complete; run again to resume.")
        sys.exit(130)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    err(f"watch: {stored} new report(s) stored from {len(sources)} source(s)" + (" (stopped)" if stop.is_set() else ""))
    return -1 if polls["failed"] and not polls["ok"] else stored
