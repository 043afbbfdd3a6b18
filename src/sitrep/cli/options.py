"""Options and argument parsing shared by the command modules."""

from __future__ import annotations

import sys
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import click

from sitrep.settings import Settings

FORMATS_EVENTS = ["table", "jsonl", "csv", "geojson", "kml"]

db_option = click.option("--db", "db_url", metavar="URL", help="SQLAlchemy URL of the store (default: $SITREP_DB or sqlite:///sitrep.db).")


def err(message: str) -> None:
    """A message for people, on stderr (stdout carries only data)."""
    click.echo(message, err=True)


def parse_day(_ctx: Any, _param: Any, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in YYYY-MM-DD form") from None


def samples_dir() -> Path:
    return Path(str(resources.files("sitrep") / "data" / "samples"))


def load_pipeline(settings: Settings, *, with_nlp: bool = True) -> Any:
    """The loaded models, or exit 2 with the reason when the spaCy model is missing."""
    from sitrep.pipeline import ModelMissing, Pipeline

    try:
        return Pipeline.load(settings, with_nlp=with_nlp)
    except ModelMissing as error:
        err(f"error: {error}")
        sys.exit(2)


def resolve_site(store: Any, text: str) -> str:
    from sitrep.store.queries import find_site_id

    site_id = find_site_id(store, text)
    if site_id is None:
        raise click.BadParameter(f"no known site matches '{text}' (see `sitrep sites --all`)", param_hint="--site")
    return site_id


def resolve_point(text: str, settings: Settings) -> tuple[float, float]:
    from sitrep.geo import load_gazetteer, resolve_toponym

    parts = text.split(",")
    if len(parts) == 2:
        try:
            return float(parts[0]), float(parts[1])
        except ValueError:
            pass
    cand = resolve_toponym(text, gazetteer=load_gazetteer(cache_dir=settings.geo.cache_dir))
    if cand is None:
        raise click.BadParameter(f"unknown place '{text}'", param_hint="--near")
    return cand.lat, cand.lon
