"""`sitrep sites` and `sitrep site`: site statuses and a site's timeline."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from sitrep.cli.options import db_option, err, open_read_store, parse_day, resolve_site
from sitrep.records import record_json
from sitrep.settings import Settings


@click.command()
@db_option
@click.option("--all", "include_all", is_flag=True, help="Also list sites with no events yet.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson"]), default="table", show_default=True)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", callback=parse_day,
              help="Statuses as they stood that day (events up to it; no status before any evidence).")
@click.pass_obj
def sites(settings: Settings, db_url: str | None, include_all: bool, fmt: str, as_of: date | None) -> None:
    """List known military sites with their status and latest event."""
    from sitrep.store.queries import list_sites

    settings = settings.with_db(db_url)
    rows = list_sites(open_read_store(settings.store.url), include_all=include_all, as_of=as_of)
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(record_json(row), ensure_ascii=False, sort_keys=True) + "\n")
    elif fmt == "geojson":
        from sitrep.output import write_sites_geojson

        write_sites_geojson(rows, sys.stdout)
    else:
        from sitrep.output import write_sites_table

        write_sites_table(rows, sys.stdout)
    err(f"{len(rows)} site(s)" + (f" as of {as_of.isoformat()}" if as_of else ""))


@click.command()
@click.argument("site_ref", metavar="ID")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", callback=parse_day,
              help="The site as it stood that day: changes confirmed by then, claims made by then.")
@click.pass_obj
def site(settings: Settings, site_ref: str, db_url: str | None, fmt: str, as_of: date | None) -> None:
    """One site's status timeline, with the quotes and sources behind every change."""
    from sitrep.store.queries import site_detail

    store = open_read_store(settings.with_db(db_url).store.url)
    detail = site_detail(store, resolve_site(store, site_ref, param_hint="ID"), as_of=as_of)
    if detail is None:
        raise click.BadParameter(f"no site '{site_ref}'", param_hint="ID")
    if fmt == "json":
        click.echo(json.dumps(record_json(detail), ensure_ascii=False, sort_keys=True))
        return
    from sitrep.output import write_site_timeline

    write_site_timeline(detail, sys.stdout)
