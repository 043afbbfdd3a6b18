"""`sitrep ingest` and `sitrep extract`: reports in, events stored or printed."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from sitrep.cli.options import db_option, err, load_pipeline, parse_day, samples_dir
from sitrep.settings import Settings


@click.command()
@click.argument("paths", nargs=-1, metavar="PATH|URL...")
@db_option
@click.option("--published", callback=parse_day, metavar="YYYY-MM-DD", help="Publication date for every report of this run.")
@click.option("--outlet", metavar="NAME", help="Outlet name for every report of this run.")
@click.option("--max-bytes", type=int, help="Skip files larger than this (default 5 MB).")
@click.option("--follow-symlinks", is_flag=True, default=None, help="Read what symbolic links met in folders point to (default: skip them).")
@click.option("--samples", is_flag=True, help="Also ingest the sample reports bundled with sitrep.")
@click.option("--workers", type=int, help="spaCy worker processes (default 1, or $SITREP_WORKERS).")
@click.option("--scope", type=click.Choice(["movements", "all"]), help="Events kept: force movements and talks about them (default, or $SITREP_SCOPE), or every category sitrep recognises.")
@click.option("--cluster", metavar="local[:N]|tcp://HOST:8786", help="Extract on Dask workers: a local cluster of N processes (default: one per core), or the running cluster whose scheduler is at the address. This process still writes the store.")
@click.pass_obj
def ingest(settings: Settings, paths: tuple[str, ...], db_url: str | None, published: date | None,
           outlet: str | None, max_bytes: int | None, follow_symlinks: bool | None, samples: bool,
           workers: int | None, scope: str | None, cluster: str | None) -> None:
    """Read reports (files, folders, or feed and page URLs) and store them with their events."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from sqlalchemy.exc import OperationalError

    from sitrep.pipeline import list_inputs, needs_nlp
    from sitrep.records import ReportDefaults
    from sitrep.store import open_store

    settings = (settings.with_db(db_url).with_max_bytes(max_bytes).with_workers(workers).with_scope(scope)
                .with_follow_symlinks(follow_symlinks))
    urls = [p for p in paths if _is_url(p)]
    targets = [Path(p) for p in paths if not _is_url(p)] + ([samples_dir()] if samples else [])
    if not targets and not urls:
        raise click.UsageError("give at least one file, folder or URL (or --samples)")
    spec = parse_cluster(cluster) if cluster else None
    if urls:  # fetched like `sitrep watch --once` (politely, each article once)
        from sitrep.cli.watch import watch_sources
        from sitrep.records import WatchSource

        stored = watch_sources(settings, [WatchSource(url=u, outlet=outlet) for u in urls], once=True, cluster=spec)
        if not targets:
            sys.exit(1 if stored < 0 else 0)
    store = open_store(settings.store.url, status_rules=settings.status)
    inputs = list_inputs(targets, follow_symlinks=settings.ingest.follow_symlinks)
    pipeline = load_pipeline(settings, with_nlp=needs_nlp(inputs) and spec is None)  # workers load their own
    total = len(inputs)
    console = Console(stderr=True)
    progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, transient=True, disable=not console.is_terminal)
    task = progress.add_task("files", total=total)

    def on_skip(item: Any) -> None:
        progress.console.print(f"skipped {item.origin}: {item.reason}", markup=False, highlight=False,
                               soft_wrap=True)

    try:
        with progress:
            summary = run_ingest_on(spec, inputs, pipeline=pipeline, store=store,
                                    defaults=ReportDefaults(published=published, outlet=outlet),
                                    on_skip=on_skip, on_file=lambda: progress.advance(task))
    except KeyboardInterrupt:
        err("interrupted: every report stored so far is complete; run the same command again to finish.")
        sys.exit(130)
    except OperationalError as exc:  # another writer held the store past the busy timeout, or it went away
        reason = str(exc.orig).splitlines()[0] if exc.orig else type(exc).__name__
        err(f"error: the store refused a write ({reason}); every report stored so far is complete; "
            "run the same command again to finish.")
        sys.exit(1)
    except (OSError, TimeoutError) as exc:  # the scheduler could not be reached, or no worker joined it
        err(f"error: the cluster {cluster} failed ({type(exc).__name__}: {exc}); every report stored so far "
            "is complete; run the same command again to finish.")
        sys.exit(1)
    if summary.stored:
        store.refresh_statistics()
    counts = store.counts()
    err(f"ingested {summary.stored} new report(s) with {summary.events} event(s); "
         f"{summary.already} already stored; {summary.skipped} skipped. "
         f"Store {settings.store.url}: {counts['documents']} reports, {counts['events']} events.")
    if summary.undated:
        shown = ", ".join(summary.undated[:5]) + (f" and {len(summary.undated) - 5} more" if len(summary.undated) > 5 else "")
        err(f"warning: {len(summary.undated)} report(s) stored without a date (no front matter, page metadata or "
            f"date in the file name), so 'on Monday' and 'last week' in them stay unresolved: {shown}. "
            "Give --published YYYY-MM-DD (or a published: line) and ingest them again into a new store.")
    if summary.movements or summary.movements_known:
        err(f"flight tracks: {summary.movements} new landing(s) and take-off(s) at known airfields "
             f"({summary.movements_known} already stored); surges of military transports become airlift events.")
    if summary.evidence or summary.evidence_known:
        err(f"evidence: {summary.evidence} new record(s) (footage, dataset rows, thermal detections, ship calls); "
            f"{summary.evidence_known} already stored (sitrep evidence lists them).")
    if not summary.ok:
        err("error: nothing could be ingested")
        sys.exit(1)


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def parse_cluster(text: str) -> Any:
    """The --cluster value as a ClusterSpec, or a usage error naming the accepted forms."""
    from sitrep.pipeline.cluster import ClusterSpec

    try:
        return ClusterSpec.parse(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--cluster") from None


def run_ingest_on(spec: Any, inputs: Any, **kwargs: Any) -> Any:
    """run_ingest in this process, or with the extraction on the cluster `spec` names."""
    if spec is None:
        from sitrep.pipeline import run_ingest

        return run_ingest(inputs, **kwargs)
    from sitrep.pipeline.cluster import run_cluster_ingest

    return run_cluster_ingest(inputs, cluster=spec, **kwargs)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", callback=parse_day, metavar="YYYY-MM-DD", help="Publication date for relative dates.")
@click.option("--outlet", metavar="NAME", help="Outlet name for every report.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--max-bytes", type=int, help="Skip files larger than this (default 5 MB).")
@click.option("--workers", type=int, help="spaCy worker processes (default 1, or $SITREP_WORKERS).")
@click.option("--scope", type=click.Choice(["movements", "all"]), help="Events kept: force movements and talks about them (default, or $SITREP_SCOPE), or every category sitrep recognises.")
@click.option("--follow-symlinks", is_flag=True, default=None, help="Read what symbolic links met in folders point to (default: skip them).")
@click.pass_obj
def extract(settings: Settings, paths: tuple[Path, ...], published: date | None, outlet: str | None,
            fmt: str, max_bytes: int | None, workers: int | None, scope: str | None,
            follow_symlinks: bool | None) -> None:
    """Print the events of reports without storing anything."""
    from sitrep.output import write_jsonl, write_table
    from sitrep.pipeline import extract_paths
    from sitrep.records import ReportDefaults

    settings = (settings.with_max_bytes(max_bytes).with_workers(workers).with_scope(scope)
                .with_follow_symlinks(follow_symlinks))
    pipeline = load_pipeline(settings)
    n_reports = 0

    def records() -> Iterator[dict[str, Any]]:
        nonlocal n_reports
        for report, found in extract_paths(list(paths), pipeline=pipeline, defaults=ReportDefaults(published, outlet),
                                           on_skip=lambda s: err(f"skipped {s.origin}: {s.reason}")):
            n_reports += 1
            yield from (pipeline.record(e, report) for e in found)

    n = write_table(records(), sys.stdout, show_file=True) if fmt == "table" else write_jsonl(records(), sys.stdout)
    err(f"{n} event(s) from {n_reports} report(s)")
    if not n_reports:
        sys.exit(1)
