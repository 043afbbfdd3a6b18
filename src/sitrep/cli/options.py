"""Options and argument parsing shared by the command modules."""

from __future__ import annotations

import sys
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import click

from sitrep.settings import Settings

FORMATS_EVENTS = ["table", "jsonl", "csv", "geojson", "kml", "ged"]

def _store_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A plain file path (no "scheme://") is a SQLite store: `--db data/sitrep.db` works."""
    return f"sqlite:///{value}" if value and "://" not in value else value


db_option = click.option("--db", "db_url", metavar="URL|PATH", callback=_store_url,
                         help="SQLAlchemy URL of the store, or a SQLite file's path "
                              "(default: $SITREP_DB or sqlite:///sitrep.db).")


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


def open_read_store(url: str) -> Any:
    """The store a read command asks (events, sites, site, brief): never made anew, so a mistyped
    --db is an error (exit 2) rather than an empty store and "0 event(s)"."""
    from sitrep.store import open_store

    check_store_exists(url)
    return open_store(url)


def check_store_exists(url: str) -> None:
    """A usage error (exit 2) when `url` is unparsable or names a SQLite file that is not there."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - any unparsable URL is the user's to fix
        raise click.BadParameter(f"'{url}' is not a database URL (e.g. sqlite:///sitrep.db)", param_hint="--db") from None
    path = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if path and path != ":memory:" and not path.startswith("file:") and not Path(path).exists():
        raise click.BadParameter(f"no store at '{path}' (run `sitrep ingest` to make one, or check --db / $SITREP_DB)",
                                 param_hint="--db")


def check_period(since: date | None, until: date | None) -> None:
    """An empty date range is a mistake, not a question with no answer."""
    if since and until and since > until:
        raise click.BadParameter(f"--since {since.isoformat()} is after --until {until.isoformat()}: the period is empty",
                                 param_hint="--since/--until")


def check_type(value: str | None) -> str | None:
    """A PLOVER category (any letter case), or an error naming the value and the categories."""
    import difflib

    from sitrep.records import EventType

    if value is None:
        return None
    known = [t.value for t in EventType]
    if value.upper() in known:
        return value.upper()
    # Words analysts use for what PLOVER names otherwise (CAMEO and everyday names).
    synonyms = {"WITHDRAW": "RETREAT", "WITHDRAWAL": "RETREAT", "LEAVE": "RETREAT", "DEPLOY": "MOBILIZE",
                "DEPLOYMENT": "MOBILIZE", "ATTACK": "ASSAULT", "FIGHT": "ASSAULT", "DEMAND": "REQUEST",
                "MEET": "CONSULT", "TALKS": "CONSULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
    close = [synonyms[value.upper()]] if value.upper() in synonyms else \
        difflib.get_close_matches(value.upper(), known, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise click.BadParameter(f"'{value}' is not a PLOVER event type (one of {', '.join(known)}){hint}",
                             param_hint="--type")


def resolve_site(store: Any, text: str, param_hint: str = "--site") -> str:
    """A site id from an id, a name or a spelling; a unique partial name ("qamishli" for Qamishli
    Airport) is taken too; otherwise an error with the nearest names."""
    from sitrep.store.queries import find_site_id, site_suggestions

    site_id = find_site_id(store, text)
    if site_id is not None:
        return site_id
    partial, close = site_suggestions(store, text)
    if len(partial) == 1:
        return partial[0][0]
    names = [name for _id, name in (partial or close)][:5]
    hint = f"; did you mean {', '.join(names)}?" if names else ""
    raise click.BadParameter(f"no known site matches '{text}'{hint} (see `sitrep sites --all`)", param_hint=param_hint)


def resolve_point(text: str, settings: Settings) -> tuple[float, float]:
    from sitrep.geo import load_gazetteer, resolve_toponym

    parts = text.split(",")
    if len(parts) == 2:
        try:
            return float(parts[0]), float(parts[1])
        except ValueError:
            pass
    gazetteer = load_gazetteer(cache_dir=settings.geo.cache_dir)
    cand = resolve_toponym(text, gazetteer=gazetteer)
    if cand is None:
        close = [f"{c.name} ({c.country_code or '?'})" for c in gazetteer.similar(text)]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise click.BadParameter(f"unknown place '{text}' (a town, a site or 'lat,lon'){hint}", param_hint="--near")
    # Say which place the name was taken for: "Atlantis" is a town in South Africa.
    err(f"--near {text}: {cand.name}, {cand.country_code or '?'} ({cand.lat:.4f}, {cand.lon:.4f})")
    return cand.lat, cand.lon
