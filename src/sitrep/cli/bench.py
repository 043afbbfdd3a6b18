"""`sitrep bench ...`: benchmarks that print figures (bodies in `sitrep.bench`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sitrep.settings import Settings


@click.group()
def bench() -> None:
    """Benchmarks that print figures (they never assert times)."""


@bench.command("extract")
@click.option("--reports", "n_reports", type=int, default=1000, show_default=True)
@click.option("--workers", type=int, default=2, show_default=True, help="spaCy worker processes for the full extraction.")
@click.pass_obj
def bench_extract(settings: Settings, n_reports: int, workers: int) -> None:
    """Full extraction vs a plain spaCy pass over the same generated news-length reports."""
    from sitrep.bench.ingest import run_extract_benchmark

    run_extract_benchmark(settings.with_workers(workers), n_reports=n_reports, out=sys.stdout)


@bench.command("per-core")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--rounds", type=click.IntRange(1), default=3, show_default=True, help="Alternating rounds; medians shown.")
@click.pass_obj
def bench_per_core(settings: Settings, paths: tuple[Path, ...], rounds: int) -> None:
    """sitrep extract and ingest against a plain spaCy pass in one process, over real texts
    (default: the real-text corpus's texts if present, else the bundled samples); CPU and wall."""
    from sitrep.bench.per_core import run_per_core_benchmark
    from sitrep.cli.options import samples_dir

    if not paths:
        corpus = Path("tests/data/realtext/texts")
        paths = (corpus,) if corpus.is_dir() and any(corpus.iterdir()) else (samples_dir(),)
    try:
        run_per_core_benchmark(settings, paths=list(paths), rounds=rounds, out=sys.stdout)
    except ValueError as err:
        raise click.UsageError(str(err)) from err


@bench.command("languages")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.pass_obj
def bench_languages(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Memory the native route adds at its first report, and its speed per language (French,
    Russian, Ukrainian, Arabic) over gold folders (default tests/data/gold/languages)."""
    from sitrep.bench.languages import run_languages_benchmark

    run_languages_benchmark(settings, paths=paths or (Path("tests/data/gold/languages"),), out=sys.stdout)


@bench.command("fuse")
@click.option("--sizes", default="10000,100000", show_default=True, help="Archive sizes in events.")
@click.option("--day", "day_reports", type=int, default=300, show_default=True, help="Reports in the added day.")
def bench_fuse(sizes: str, day_reports: int) -> None:
    """Cost of adding a day of reports to archives of growing size (incremental fusion)."""
    from sitrep.bench.ingest import run_fuse_benchmark

    run_fuse_benchmark(sizes=tuple(int(s) for s in sizes.split(",")), day_reports=day_reports, out=sys.stdout)


@bench.command("pileup")
@click.option("--archive", type=int, default=2841, show_default=True, help="Reports about the site already stored.")
@click.option("--reports", "n_reports", type=int, default=300, show_default=True, help="Reports added.")
@click.option("--site", "site_id", default="hmeimim", show_default=True, help="The site they are about.")
def bench_pileup(archive: int, n_reports: int, site_id: str) -> None:
    """Cost of reports piling up about one site within days (fusion and status of a busy site)."""
    from sitrep.bench.ingest import run_pileup_benchmark

    run_pileup_benchmark(archive=archive, n_reports=n_reports, site_id=site_id, out=sys.stdout)


@bench.command("flights")
@click.option("--rows", "n_rows", type=int, default=10_000_000, show_default=True, help="Generated state vectors.")
@click.option("--workdir", type=click.Path(path_type=Path), help="Where to write the generated CSV (default: a temp dir).")
@click.option("--keep", is_flag=True, help="Keep the generated CSV.")
def bench_flights(n_rows: int, workdir: Path | None, keep: bool) -> None:
    """Stream generated OpenSky state vectors through reader + movement detector: rows/s, memory."""
    from sitrep.bench.flights import run_flights_benchmark

    run_flights_benchmark(n_rows=n_rows, workdir=workdir, out=sys.stdout, keep=keep)


@bench.command("ingest")
@click.option("--reports", "n_reports", type=int, default=2000, show_default=True)
@click.option("--workdir", type=click.Path(path_type=Path), help="Where to write the generated reports and store.")
@click.pass_obj
def bench_ingest(settings: Settings, n_reports: int, workdir: Path | None) -> None:
    """Generate reports, ingest them into a fresh store, print documents/s and peak memory."""
    from sitrep.bench.ingest import run_ingest_benchmark

    run_ingest_benchmark(settings, n_reports=n_reports, workdir=workdir, out=sys.stdout)


@bench.command("scale")
@click.option("--articles", "n_articles", type=click.IntRange(1), default=2000, show_default=True,
              help="Generated news-length articles.")
@click.option("--cluster", default="local", show_default=True, metavar="local[:N]|tcp://HOST:8786",
              help="Where extraction runs (as `sitrep ingest --cluster`).")
@click.option("--event-share", type=click.FloatRange(0, 1), default=0.3, show_default=True,
              help="Share of the articles that tell of a force movement.")
@click.pass_obj
def bench_scale(settings: Settings, n_articles: int, cluster: str, event_share: float) -> None:
    """Ingest with extraction on Dask workers: articles/s per worker, peak memory per worker, store size."""
    from sitrep.bench.scale import run_scale_benchmark
    from sitrep.cli.ingest import parse_cluster

    parse_cluster(cluster)  # a usage error before anything is generated
    run_scale_benchmark(settings, n_articles=n_articles, cluster=cluster, event_share=event_share, out=sys.stdout)


@bench.command("web")
@click.option("--events", "n_events", type=int, default=1_000_000, show_default=True, help="Fused events in the store.")
@click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite file to fill, or reuse when it holds as many events (default benchmarks/out/web-N.db).")
@click.option("--requests", "n_requests", type=int, default=200, show_default=True, help="Requests per scenario.")
@click.option("--clients", "n_clients", type=click.IntRange(1, 200), default=1, show_default=True,
              help="Concurrent clients, each on its own connection, sharing each scenario's requests.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (`sitrep serve --workers`).")
@click.option("--pg", "pg_url", metavar="URL",
              help="Fill and serve this PostgreSQL database instead of a SQLite file (its events are replaced).")
def bench_web(n_events: int, store_path: Path | None, n_requests: int, n_clients: int, workers: int,
              pg_url: str | None) -> None:
    """p50/p95 latency of /api/events with typical filters and of the map page, through a real server."""
    from sitrep.bench.web import run_web_benchmark

    store_path = store_path or Path("benchmarks") / "out" / f"web-{n_events}.db"
    run_web_benchmark(n_events=n_events, store_path=store_path, n_requests=n_requests, out=sys.stdout,
                      n_clients=n_clients, workers=workers, pg_url=pg_url)


@bench.command("geo")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--reports", "n_reports", type=int, default=300, show_default=True,
              help="Generated reports to use when no PATH is given.")
@click.pass_obj
def bench_geo(settings: Settings, paths: tuple[Path, ...], n_reports: int) -> None:
    """Gazetteer load time and toponyms resolved per second (generated reports, or PATH files)."""
    from sitrep.bench.geo import benchmark_texts, run_geo_benchmark

    run_geo_benchmark(benchmark_texts(list(paths), n_reports=n_reports), settings=settings, out=sys.stdout)


@bench.command("firms")
@click.option("--rows", "n_rows", type=int, default=1_000_000, show_default=True, help="Generated VIIRS detections.")
@click.option("--workdir", type=click.Path(path_type=Path), help="Where to write the generated CSV (default: a temp dir).")
def bench_firms(n_rows: int, workdir: Path | None) -> None:
    """FIRMS CSV through the reader and the near-a-site filter: rows/s and peak memory."""
    from sitrep.bench.osint import bench_firms as run

    r = run(n_rows, workdir)
    click.echo(f"FIRMS: {r['rows']:,.0f} rows ({r['mb']:.0f} MB) in {r['seconds']:.1f} s = {r['rows_per_s']:,.0f} rows/s; "
               f"{r['kept']:,.0f} near a site kept; {_memory(r)}")


@bench.command("ais")
@click.option("--messages", "n_msgs", type=int, default=10_000_000, show_default=True, help="Generated AIS sentences.")
@click.option("--workdir", type=click.Path(path_type=Path), help="Where to write the generated file (default: a temp dir).")
def bench_ais(n_msgs: int, workdir: Path | None) -> None:
    """AIS NMEA through pyais and the port-call detector: messages/s and peak memory."""
    from sitrep.bench.osint import bench_ais as run

    r = run(n_msgs, workdir)
    click.echo(f"AIS: {r['rows']:,.0f} sentences ({r['mb']:.0f} MB) in {r['seconds']:.1f} s = {r['rows_per_s']:,.0f}/s; "
               f"{r['kept']:,.0f} arrivals and departures; {_memory(r)}")


def _memory(r: dict[str, float]) -> str:
    return (f"memory {r['start_rss_mb']:.0f} MB at the start, at most {r['max_rss_mb']:.0f} MB along the stream, "
            f"{r['end_rss_mb']:.0f} MB at the end; peak of the process {r['peak_mb']:.0f} MB")


@bench.command("watch")
@click.option("--feeds", "n_feeds", type=int, default=1000, show_default=True)
@click.option("--items", "n_items", type=int, default=50, show_default=True, help="Items per feed.")
@click.option("--concurrency", type=int, default=16, show_default=True, help="Requests in flight.")
@click.option("--workdir", type=click.Path(path_type=Path), help="Where to put the store (default: a temp dir).")
def bench_watch(n_feeds: int, n_items: int, concurrency: int, workdir: Path | None) -> None:
    """Polls/s and memory of the watcher on N feeds x M items served locally (first poll, 304s, changed feeds)."""
    from sitrep.bench.watch import run_watch_benchmark

    run_watch_benchmark(n_feeds=n_feeds, n_items=n_items, concurrency=concurrency, workdir=workdir, out=sys.stdout)


@bench.command("neardup")
@click.option("--docs", "n_docs", type=int, default=1_000_000, show_default=True, help="Documents in the band index.")
@click.option("--workdir", type=click.Path(path_type=Path), help="Where to put the store (reused when it holds documents).")
def bench_neardup(n_docs: int, workdir: Path | None) -> None:
    """MinHash signature speed; insert and lookup in the syndication index at N documents."""
    from sitrep.bench.neardup import run_neardup_benchmark

    run_neardup_benchmark(n_docs=n_docs, workdir=workdir, out=sys.stdout)
