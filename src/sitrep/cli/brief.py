"""`sitrep brief`: what changed over a period, as Markdown or HTML."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from sitrep.cli.options import check_period, db_option, open_read_store, parse_day
from sitrep.settings import Settings


@click.command()
@db_option
@click.option("--since", callback=parse_day, metavar="YYYY-MM-DD", required=True)
@click.option("--until", callback=parse_day, metavar="YYYY-MM-DD")
@click.option("--region", metavar="NAME", help="A country (name or ISO code) or a region: sahel, levant, middle east, ...")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True)
@click.pass_obj
def brief(settings: Settings, db_url: str | None, since: date, until: date | None, region: str | None,
          fmt: str) -> None:
    """What changed since a date: status changes, corroborated and new events, contested claims."""
    from sitrep.fuse.brief import build_brief, region_countries
    from sitrep.fuse.render import brief_html_with_charts, brief_markdown
    from sitrep.geo.countries import country_names
    from sitrep.store.queries import brief_inputs

    check_period(since, until)
    store = open_read_store(settings.with_db(db_url).store.url)
    try:
        countries = region_countries(region, country_names())
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--region") from None
    events_, details = brief_inputs(store, since=since, until=until, countries=countries)
    report = build_brief(since=since, until=until, region=region, events=events_, sites=details)
    if fmt == "md":
        sys.stdout.write(brief_markdown(report))
        return
    if fmt == "json":
        from sitrep.fuse.render import brief_json

        sys.stdout.write(json.dumps(brief_json(report), ensure_ascii=False, sort_keys=True) + "\n")
        return
    sys.stdout.write(brief_html_with_charts(report, events_, until=until))
