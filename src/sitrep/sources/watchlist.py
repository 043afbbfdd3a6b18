"""What `sitrep watch` polls: URLs and files from the command line, and the `[[source]]` tables
of a config file (TOML, read with tomllib):

    [[source]]
    name = "observatory"                       # shown in the poll lines (default: the url)
    url = "https://example.org/feed.xml"       # a feed, a page, or a local file
    outlet = "Example Observatory"             # optional: overrides the page's site name
    language = "en"                            # optional: overrides language identification
    interval = 600                             # optional: seconds between polls
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from sitrep.records import WatchSource

FIELDS = {"name", "url", "outlet", "language", "interval"}


class WatchlistError(ValueError):
    """A config file that cannot be used, with the file and the entry named."""


def read_watchlist(path: Path) -> list[WatchSource]:
    """The `[[source]]` entries of a TOML file (other tables, such as store settings, are left to
    whoever reads them)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise WatchlistError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise WatchlistError(f"{path}: not valid TOML ({exc})") from None
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise WatchlistError(f"{path}: 'source' must be an array of tables ([[source]])")
    return [_source(entry, f"{path}: source {n}") for n, entry in enumerate(entries, start=1)]


def _source(entry: Any, where: str) -> WatchSource:
    if not isinstance(entry, dict):
        raise WatchlistError(f"{where}: not a table")
    unknown = set(entry) - FIELDS
    if unknown:
        raise WatchlistError(f"{where}: unknown field(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(FIELDS))})")
    url = entry.get("url")
    if not isinstance(url, str) or not url.strip():
        raise WatchlistError(f"{where}: 'url' is required")
    for name in ("name", "outlet", "language"):
        if name in entry and not isinstance(entry[name], str):
            raise WatchlistError(f"{where}: '{name}' must be a string")
    interval = entry.get("interval")
    if interval is not None and (isinstance(interval, bool) or not isinstance(interval, int | float) or interval <= 0):
        raise WatchlistError(f"{where}: 'interval' must be a positive number of seconds")
    return WatchSource(url=url.strip(), name=entry.get("name"), outlet=entry.get("outlet"),
                       language=entry.get("language"), interval=float(interval) if interval else None)


def sources_from_args(targets: list[str]) -> list[WatchSource]:
    """Sources named on the command line: http(s) URLs, or local files."""
    return [WatchSource(url=t) for t in targets]


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))
