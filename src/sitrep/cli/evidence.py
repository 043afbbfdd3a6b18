"""`sitrep evidence`: stored evidence of every kind (footage, dataset rows, thermal detections,
ship calls, flight movements, imagery observations) in one shape."""

from __future__ import annotations

import sys
from datetime import date

import click

from sitrep.cli.options import db_option, err, parse_day, resolve_site
from sitrep.settings import Settings

KINDS = ["geolocated", "dataset", "thermal", "ship", "flight", "imagery"]


@click.command()
@db_option
@click.option("--kind", type=click.Choice(KINDS), help="Only this kind of evidence.")
@click.option("--site", metavar="S", help="Site id, name or spelling: records within its radius.")
@click.option("--since", callback=parse_day, metavar="YYYY-MM-DD")
@click.option("--until", callback=parse_day, metavar="YYYY-MM-DD")
@click.option("--limit", type=int)
@click.option("--bbox", metavar="W,S,E,N", help="Only records inside this box (degrees: west,south,east,north).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "kml"]), default="jsonl",
              show_default=True)
@click.pass_obj
def evidence(settings: Settings, db_url: str | None, kind: str | None, site: str | None, since: date | None,
             until: date | None, limit: int | None, bbox: str | None, fmt: str) -> None:
    """List stored evidence records, oldest first: kind, date, lat, lon, site, source, origin, ..."""
    from sitrep.output import write_evidence_csv, write_evidence_geojson, write_jsonl, write_kml
    from sitrep.store import open_store
    from sitrep.store.osint import EvidenceQuery, iter_evidence
    from sitrep.web.filters import FilterError, parse_bbox

    try:
        box = parse_bbox(bbox)
    except FilterError as error:
        raise click.BadParameter(str(error), param_hint="--bbox") from None
    settings = settings.with_db(db_url)
    store = open_store(settings.store.url)
    site_id = resolve_site(store, site) if site else None
    records = iter_evidence(store, EvidenceQuery(kind=kind, site_id=site_id, since=since, until=until, limit=limit,
                                                 bbox=box))
    writer = {"jsonl": write_jsonl, "csv": write_evidence_csv, "geojson": write_evidence_geojson,
              "kml": lambda r, o: write_kml(r, o, name="sitrep evidence")}[fmt]
    n = writer(records, sys.stdout)
    err(f"{n} evidence record(s)")
