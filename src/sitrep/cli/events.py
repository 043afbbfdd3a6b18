"""`sitrep events`: stored events, one per happening or one per report sentence."""

from __future__ import annotations

import sys
from datetime import date

import click

from sitrep.cli.options import (
    FORMATS_EVENTS,
    check_period,
    check_type,
    db_option,
    err,
    open_read_store,
    parse_day,
    resolve_point,
    resolve_site,
)
from sitrep.settings import Settings


@click.command()
@db_option
@click.option("--site", metavar="S", help="Site id, name or spelling (e.g. qamishli-airport, Khmeimim).")
@click.option("--near", metavar="PLACE", help="Place name or 'lat,lon': events within --radius-km of it.")
@click.option("--radius-km", type=float, default=50.0, show_default=True)
@click.option("--since", callback=parse_day, metavar="YYYY-MM-DD")
@click.option("--until", callback=parse_day, metavar="YYYY-MM-DD")
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
    from sitrep.output import (
        write_csv,
        write_ged,
        write_geojson,
        write_jsonl,
        write_kml,
        write_table,
    )
    from sitrep.store import EventQuery
    from sitrep.store.queries import query_events

    check_period(since, until)
    event_type = check_type(event_type)
    settings = settings.with_db(db_url)
    store = open_read_store(settings.store.url)
    site_id = resolve_site(store, site) if site else None
    point = resolve_point(near, settings) if near else None
    query = EventQuery(site_id=site_id, near=point, radius_km=radius_km, since=since, until=until,
                       event_type=event_type, limit=limit, fused=not mentions)
    records = query_events(store, query)
    writer = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson, "table": write_table,
              "kml": write_kml, "ged": write_ged}[fmt]
    n = writer(records, sys.stdout)
    err(f"{n} event(s)")
