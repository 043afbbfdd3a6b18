"""The `sitrep` command line: parses arguments, builds Settings once, calls the library."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import click

from sitrep import __version__
from sitrep.settings import Settings

FORMATS_EVENTS = ["table", "jsonl", "csv", "geojson"]


def _err(message: str) -> None:
    click.echo(message, err=True)


def _parse_day(_ctx: Any, _param: Any, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in YYYY-MM-DD form") from None


def _samples_dir() -> Path:
    return Path(str(resources.files("sitrep") / "data" / "samples"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """sitrep: turn open reports into sourced events and military-site status."""
    ctx.obj = Settings.from_env()


db_option = click.option("--db", "db_url", metavar="URL", help="SQLAlchemy URL of the store (default: $SITREP_DB or sqlite:///sitrep.db).")


def _load_pipeline(settings: Settings, *, with_nlp: bool = True) -> Any:
    from sitrep.extract import ModelMissing
    from sitrep.pipeline import Pipeline

    try:
        return Pipeline.load(settings, with_nlp=with_nlp)
    except ModelMissing as err:
        _err(f"error: {err}")
        sys.exit(2)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@click.option("--published", callback=_parse_day, metavar="YYYY-MM-DD", help="Publication date for every report of this run.")
@click.option("--outlet", metavar="NAME", help="Outlet name for every report of this run.")
@click.option("--max-bytes", type=int, help="Skip files larger than this (default 5 MB).")
@click.option("--samples", is_flag=True, help="Also ingest the sample reports bundled with sitrep.")
@click.option("--workers", type=int, help="spaCy worker processes (default 1, or $SITREP_WORKERS).")
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...], db_url: str | None, published: date | None,
           outlet: str | None, max_bytes: int | None, samples: bool, workers: int | None) -> None:
    """Read reports (files or folders) and store them with their events."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from sitrep.pipeline import needs_nlp, run_ingest
    from sitrep.sources import ReportDefaults, iter_input_files
    from sitrep.store import open_store

    settings = settings.with_db(db_url).with_max_bytes(max_bytes).with_workers(workers)
    targets = list(paths) + ([_samples_dir()] if samples else [])
    if not targets:
        raise click.UsageError("give at least one file or folder (or --samples)")
    store = open_store(settings.store.url)
    pipeline = _load_pipeline(settings, with_nlp=needs_nlp(targets))
    total = sum(1 for _ in iter_input_files(targets))
    console = Console(stderr=True)
    progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, transient=True, disable=not console.is_terminal)
    task = progress.add_task("files", total=total)

    def on_skip(item: Any) -> None:
        progress.console.print(f"skipped {item.origin}: {item.reason}", markup=False, highlight=False,
                               soft_wrap=True)

    try:
        with progress:
            summary = run_ingest(targets, pipeline=pipeline, store=store,
                                 defaults=ReportDefaults(published=published, outlet=outlet),
                                 on_skip=on_skip, on_file=lambda: progress.advance(task))
    except KeyboardInterrupt:
        _err("interrupted: every report stored so far is complete; run the same command again to finish.")
        sys.exit(130)
    if summary.stored:
        store.refresh_statistics()
    counts = store.counts()
    _err(f"ingested {summary.stored} new report(s) with {summary.events} event(s); "
         f"{summary.already} already stored; {summary.skipped} skipped. "
         f"Store {settings.store.url}: {counts['documents']} reports, {counts['events']} events.")
    if summary.movements or summary.movements_known:
        _err(f"flight tracks: {summary.movements} new landing(s) and take-off(s) at known airfields "
             f"({summary.movements_known} already stored); surges of military transports become airlift events.")
    if not summary.ok:
        _err("error: nothing could be ingested")
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", callback=_parse_day, metavar="YYYY-MM-DD", help="Publication date for relative dates.")
@click.option("--outlet", metavar="NAME", help="Outlet name for every report.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--max-bytes", type=int, help="Skip files larger than this (default 5 MB).")
@click.option("--workers", type=int, help="spaCy worker processes (default 1, or $SITREP_WORKERS).")
@click.pass_obj
def extract(settings: Settings, paths: tuple[Path, ...], published: date | None, outlet: str | None,
            fmt: str, max_bytes: int | None, workers: int | None) -> None:
    """Print the events of reports without storing anything."""
    from sitrep.output import write_jsonl, write_table
    from sitrep.records import Report, Skipped
    from sitrep.sources import ReportDefaults, read_inputs

    settings = settings.with_max_bytes(max_bytes).with_workers(workers)
    pipeline = _load_pipeline(settings)
    reports: list[Report] = []
    for item in read_inputs(list(paths), defaults=ReportDefaults(published, outlet), max_bytes=settings.ingest.max_bytes):
        if isinstance(item, Skipped):
            _err(f"skipped {item.origin}: {item.reason}")
        else:
            reports.append(item)
    records = (pipeline.record(e, r) for r, events in pipeline.extract_many(reports) for e in events)
    n = write_table(records, sys.stdout, show_file=True) if fmt == "table" else write_jsonl(records, sys.stdout)
    _err(f"{n} event(s) from {len(reports)} report(s)")
    if not reports:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--site", metavar="S", help="Site id, name or spelling (e.g. qamishli-airport, Khmeimim).")
@click.option("--near", metavar="PLACE", help="Place name or 'lat,lon': events within --radius-km of it.")
@click.option("--radius-km", type=float, default=50.0, show_default=True)
@click.option("--since", callback=_parse_day, metavar="YYYY-MM-DD")
@click.option("--until", callback=_parse_day, metavar="YYYY-MM-DD")
@click.option("--type", "event_type", metavar="T", help="PLOVER category, e.g. RETREAT.")
@click.option("--limit", type=int)
@click.option("--mentions", is_flag=True, help="Every report sentence on its own instead of fused events.")
@click.option("--format", "fmt", type=click.Choice(FORMATS_EVENTS), default="table", show_default=True)
@click.pass_obj
def events(settings: Settings, db_url: str | None, site: str | None, near: str | None, radius_km: float,
           since: date | None, until: date | None, event_type: str | None, limit: int | None, mentions: bool,
           fmt: str) -> None:
    """Query stored events: one per happening, with its sources (undated events count at their
    report's publication date)."""
    from sitrep.output import write_csv, write_geojson, write_jsonl, write_table
    from sitrep.store import EventQuery, open_store
    from sitrep.store.queries import query_events

    settings = settings.with_db(db_url)
    store = open_store(settings.store.url)
    site_id = _resolve_site(store, site) if site else None
    point = _resolve_point(near) if near else None
    query = EventQuery(site_id=site_id, near=point, radius_km=radius_km, since=since, until=until,
                       event_type=event_type, limit=limit, fused=not mentions)
    records = query_events(store, query)
    writer = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson, "table": write_table}[fmt]
    n = writer(records, sys.stdout)
    _err(f"{n} event(s)")


@cli.command()
@click.argument("site_ref", metavar="ID")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def site(settings: Settings, site_ref: str, db_url: str | None, fmt: str) -> None:
    """One site's status timeline, with the quotes and sources behind every change."""
    from sitrep.store import open_store
    from sitrep.store.queries import site_detail

    store = open_store(settings.with_db(db_url).store.url)
    detail = site_detail(store, _resolve_site(store, site_ref))
    if detail is None:
        raise click.BadParameter(f"no site '{site_ref}'", param_hint="ID")
    if fmt == "json":
        click.echo(json.dumps(detail, ensure_ascii=False, sort_keys=True))
        return
    from sitrep.output import write_site_timeline

    write_site_timeline(detail, sys.stdout)


@cli.command()
@db_option
@click.option("--since", callback=_parse_day, metavar="YYYY-MM-DD", required=True)
@click.option("--until", callback=_parse_day, metavar="YYYY-MM-DD")
@click.option("--region", metavar="NAME", help="A country (name or ISO code) or a region: sahel, levant, middle east, ...")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.pass_obj
def brief(settings: Settings, db_url: str | None, since: date, until: date | None, region: str | None,
          fmt: str) -> None:
    """What changed since a date: status changes, corroborated and new events, contested claims."""
    from sitrep.fuse.brief import build_brief, region_countries
    from sitrep.fuse.render import brief_html, brief_markdown
    from sitrep.geo.countries import country_names
    from sitrep.store import open_store
    from sitrep.store.queries import brief_inputs

    store = open_store(settings.with_db(db_url).store.url)
    try:
        countries = region_countries(region, country_names())
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--region") from None
    events_, details = brief_inputs(store, since=since, until=until, countries=countries)
    report = build_brief(since=since, until=until, region=region, events=events_, sites=details)
    if fmt == "md":
        sys.stdout.write(brief_markdown(report))
        return
    from sitrep.fuse.charts import change_map, status_timeline_chart

    days = [date.fromisoformat(c["since"]) for d in report.timelines for c in d["timeline"]]
    days += [date.fromisoformat(r["date"]) for r in events_ if r.get("date")]
    end = until or max(days, default=since)
    sys.stdout.write(brief_html(report, map_png=change_map(report.changes, events_),
                                timeline_png=status_timeline_chart(report.timelines, since, end)))


@cli.command()
@db_option
@click.option("--all", "include_all", is_flag=True, help="Also list sites with no events yet.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson"]), default="table", show_default=True)
@click.pass_obj
def sites(settings: Settings, db_url: str | None, include_all: bool, fmt: str) -> None:
    """List known military sites with their status and latest event."""
    from sitrep.store import open_store
    from sitrep.store.queries import list_sites

    settings = settings.with_db(db_url)
    rows = list_sites(open_store(settings.store.url), include_all=include_all)
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    elif fmt == "geojson":
        from sitrep.output import write_sites_geojson

        write_sites_geojson(rows, sys.stdout)
    else:
        _print_sites(rows)
    _err(f"{len(rows)} site(s)")


def _print_sites(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    from sitrep.output import when

    table = Table(header_style="bold")
    for col in ("site", "status", "since", "events", "latest", "event", "actor", "evidence"):
        table.add_column(col, overflow="fold")
    for row in rows:
        rec = row["latest_event"] or {}
        actor = ", ".join(a["entity_text"] for a in rec.get("actor") or [])
        att = rec.get("attribution") or {}
        latest = f"{rec.get('event', '')} {rec.get('posture') or ''}".strip()
        table.add_row(f"{row['name']}\n[dim]{row['id']}[/dim]", row["status"], row["status_since"] or "",
                      str(row["events"]), when(rec) if rec else "", latest, actor,
                      f"{att.get('kind', '')}: {att.get('source') or ''}" if att else "")
    Console(width=max(120, Console().width)).print(table)


def _resolve_site(store: Any, text: str) -> str:
    from sitrep.store.queries import find_site_id

    site_id = find_site_id(store, text)
    if site_id is None:
        raise click.BadParameter(f"no known site matches '{text}' (see `sitrep sites --all`)", param_hint="--site")
    return site_id


def _resolve_point(text: str) -> tuple[float, float]:
    from sitrep.geo import load_gazetteer, resolve_toponym

    parts = text.split(",")
    if len(parts) == 2:
        try:
            return float(parts[0]), float(parts[1])
        except ValueError:
            pass
    cand = resolve_toponym(text, gazetteer=load_gazetteer())
    if cand is None:
        raise click.BadParameter(f"unknown place '{text}'", param_hint="--near")
    return cand.lat, cand.lon


@cli.command()
@db_option
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.pass_obj
def serve(settings: Settings, db_url: str | None, host: str | None, port: int | None) -> None:
    """Serve the web app (map, timeline, sites, events, briefs, API at /docs) on the store."""
    import gc
    import socket

    import uvicorn

    from sitrep.web.app import create_app

    settings = settings.with_db(db_url).with_web(host=host, port=port)
    web = settings.web
    try:  # a busy port deserves one clear line, not uvicorn's traceback
        with socket.socket(socket.AF_INET6 if ":" in web.host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((web.host, web.port))
    except OSError as err:
        _err(f"error: cannot listen on {web.host}:{web.port} ({err.strerror}); try --port {web.port + 1}")
        sys.exit(1)
    app = create_app(settings)
    # The app's long-lived objects (templates, gazetteer names) need no more scanning: freezing
    # them keeps full collections out of request latency (p95 of /api/map 71 -> 24 ms).
    gc.collect()
    gc.freeze()
    shown = "127.0.0.1" if web.host in {"0.0.0.0", "::"} else web.host
    click.echo(f"sitrep dashboard on http://{shown}:{web.port}/  (store {settings.store.url}; "
               "API docs at /docs; Ctrl-C stops)")
    uvicorn.run(app, host=web.host, port=web.port, log_level="warning")


@cli.group()
def bench() -> None:
    """Benchmarks that print figures (they never assert times)."""


@bench.command("extract")
@click.option("--reports", "n_reports", type=int, default=1000, show_default=True)
@click.option("--workers", type=int, default=2, show_default=True, help="spaCy worker processes for the full extraction.")
@click.pass_obj
def bench_extract(settings: Settings, n_reports: int, workers: int) -> None:
    """Full extraction vs a plain spaCy pass over the same generated news-length reports."""
    from sitrep.bench import run_extract_benchmark

    run_extract_benchmark(settings.with_workers(workers), n_reports=n_reports, out=sys.stdout)


@bench.command("fuse")
@click.option("--sizes", default="10000,100000", show_default=True, help="Archive sizes in events.")
@click.option("--day", "day_reports", type=int, default=300, show_default=True, help="Reports in the added day.")
def bench_fuse(sizes: str, day_reports: int) -> None:
    """Cost of adding a day of reports to archives of growing size (incremental fusion)."""
    from sitrep.bench import run_fuse_benchmark

    run_fuse_benchmark(sizes=tuple(int(s) for s in sizes.split(",")), day_reports=day_reports, out=sys.stdout)


@bench.command("flights")
@click.option("--rows", "n_rows", type=int, default=10_000_000, show_default=True, help="Generated state vectors.")
@click.option("--workdir", type=click.Path(path_type=Path), help="Where to write the generated CSV (default: a temp dir).")
@click.option("--keep", is_flag=True, help="Keep the generated CSV.")
def bench_flights(n_rows: int, workdir: Path | None, keep: bool) -> None:
    """Stream generated OpenSky state vectors through reader + movement detector: rows/s, memory."""
    from sitrep.bench_flights import run_flights_benchmark

    run_flights_benchmark(n_rows=n_rows, workdir=workdir, out=sys.stdout, keep=keep)


@bench.command("ingest")
@click.option("--reports", "n_reports", type=int, default=2000, show_default=True)
@click.option("--workdir", type=click.Path(path_type=Path), help="Where to write the generated reports and store.")
@click.pass_obj
def bench_ingest(settings: Settings, n_reports: int, workdir: Path | None) -> None:
    """Generate reports, ingest them into a fresh store, print documents/s and peak memory."""
    from sitrep.bench import run_ingest_benchmark

    run_ingest_benchmark(settings, n_reports=n_reports, workdir=workdir, out=sys.stdout)


@bench.command("web")
@click.option("--events", "n_events", type=int, default=1_000_000, show_default=True, help="Fused events in the store.")
@click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite file to fill, or reuse when it holds as many events (default benchmarks/out/web-N.db).")
@click.option("--requests", "n_requests", type=int, default=200, show_default=True, help="Requests per scenario.")
def bench_web(n_events: int, store_path: Path | None, n_requests: int) -> None:
    """p50/p95 latency of /api/events with typical filters and of the map page, through a real server."""
    from sitrep.web.bench import run_web_benchmark

    store_path = store_path or Path("benchmarks") / "out" / f"web-{n_events}.db"
    run_web_benchmark(n_events=n_events, store_path=store_path, n_requests=n_requests, out=sys.stdout)


@cli.group("eval")
def evaluate() -> None:
    """Evaluations against gold data: they print figures."""


@evaluate.command("extract")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--errors", "show_errors", is_flag=True, help="Also list every missed, extra and wrong event.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--veto", type=float, help="Classifier veto threshold (0 = rules only; default 0.6 or $SITREP_VETO).")
@click.pass_obj
def eval_extract(settings: Settings, gold: tuple[Path, ...], show_errors: bool, fmt: str, veto: float | None) -> None:
    """Precision/recall/F1 of event detection, accuracy of type, actor, place, date, attribution."""
    from sitrep.extract.evaluate import evaluate_extraction, read_gold

    settings = settings.with_veto(veto)
    reports = read_gold(gold)
    pipeline = _load_pipeline(settings)
    scores = evaluate_extraction(reports, pipeline.extract_many)
    if fmt == "json":
        click.echo(json.dumps(scores.as_dict(), sort_keys=True))
    else:
        figures = scores.as_dict()
        click.echo(f"gold events {scores.gold}, predicted {scores.predicted}, matched {scores.matched} "
                   f"({len(reports)} reports)")
        click.echo(f"detection  precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  "
                   f"F1 {figures['f1']:.3f}")
        for name in ("type", "actor", "place", "date", "attribution"):
            click.echo(f"{name:12} accuracy {figures[name + '_accuracy']:.3f}")
    if show_errors:
        for line in scores.errors:
            click.echo(line, err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--max-bytes", type=int, help="Skip files larger than this (default 5 MB).")
@click.pass_obj
def geoparse(settings: Settings, paths: tuple[Path, ...], fmt: str, max_bytes: int | None) -> None:
    """Print every resolved place name of plain-text files (offsets into the UTF-8 text)."""
    from sitrep.geoparse import TextFile, geoparse_files, read_text_files
    from sitrep.output import write_jsonl, write_toponym_table

    settings = settings.with_max_bytes(max_bytes)
    files: list[TextFile] = []
    for item in read_text_files(list(paths), max_bytes=settings.ingest.max_bytes):
        if isinstance(item, TextFile):
            files.append(item)
        else:
            _err(f"skipped {item.origin}: {item.reason}")
    pipeline = _load_pipeline(settings)
    records = geoparse_files(files, pipeline=pipeline)
    n = write_toponym_table(records, sys.stdout) if fmt == "table" else write_jsonl(records, sys.stdout)
    _err(f"{n} toponym(s) from {len(files)} file(s)")
    if not files:
        sys.exit(1)


@evaluate.command("geo")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--limit", type=int, help="Only the first N articles.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def eval_geo(settings: Settings, corpus: Path, limit: int | None, fmt: str) -> None:
    """Geoparsing against LGL (lgl.xml) or GeoVirus (GeoVirus.xml): accuracy@161 km, errors, AUC, P/R."""
    from sitrep.geo.evaluate import read_corpus
    from sitrep.geoparse import evaluate_geoparsing

    articles = read_corpus(corpus, limit=limit)
    figures = evaluate_geoparsing(articles, pipeline=_load_pipeline(settings)).as_dict()
    if fmt == "json":
        click.echo(json.dumps(figures, sort_keys=True))
        return
    click.echo(f"{corpus.name}: {figures['articles']} articles, {figures['gold_toponyms']} gold toponyms")
    click.echo(f"recognition  precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  "
               f"F1 {figures['f1']:.3f}")
    click.echo(f"resolution over the {figures['recognised']} recognised geocoded gold toponyms "
               f"({figures['unresolved']} left unresolved count as 20,039 km):")
    click.echo(f"  acc@161km {figures['accuracy_161']:.3f}  mean {figures['mean_km']:.0f} km  "
               f"median {figures['median_km']:.1f} km  AUC {figures['auc']:.3f}")
    click.echo(f"over all geocoded gold toponyms ({figures['unrecognised']} unrecognised count as 20,039 km):")
    click.echo(f"  acc@161km {figures['all_accuracy_161']:.3f}  mean {figures['all_mean_km']:.0f} km  "
               f"median {figures['all_median_km']:.1f} km  AUC {figures['all_auc']:.3f}")


@bench.command("geo")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--reports", "n_reports", type=int, default=300, show_default=True,
              help="Generated reports to use when no PATH is given.")
@click.pass_obj
def bench_geo(settings: Settings, paths: tuple[Path, ...], n_reports: int) -> None:
    """Gazetteer load time and toponyms resolved per second (generated reports, or PATH files)."""
    from sitrep.geoparse import benchmark_texts, run_geo_benchmark

    run_geo_benchmark(benchmark_texts(list(paths), n_reports=n_reports), settings=settings, out=sys.stdout)


@cli.group()
def admin() -> None:
    """Moderator accounts for the web app's discussion (comments are moderated at /admin/comments)."""


@admin.command("create")
@click.argument("name")
@db_option
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin (for scripts).")
@click.option("--replace", is_flag=True, help="Set a new password for an existing moderator (ends their sessions).")
@click.pass_obj
def admin_create(settings: Settings, name: str, db_url: str | None, password_stdin: bool, replace: bool) -> None:
    """Create a moderator NAME; the password is asked twice (hidden) and stored as an argon2 hash."""
    import re

    from sitrep.store import open_store
    from sitrep.store.moderators import add_moderator
    from sitrep.web.passwords import MIN_LENGTH, hash_password

    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", name):
        raise click.BadParameter("use 1-40 letters, digits, '.', '_' or '-'", param_hint="NAME")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_LENGTH:
        _err(f"error: the password needs at least {MIN_LENGTH} characters")
        sys.exit(2)
    store = open_store(settings.with_db(db_url).store.url)
    if not add_moderator(store, name, hash_password(password), replace=replace):
        _err(f"error: moderator '{name}' exists (use --replace to set a new password)")
        sys.exit(1)
    _err(f"moderator '{name}' saved; sign in at /admin/login")


def main() -> None:
    cli(prog_name="sitrep")


if __name__ == "__main__":
    main()
