"""JSON Lines of `{url, title, outlet, published, text}`: each line is one report."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sitrep.records import Report, Skipped, content_id
from sitrep.sources.decode import parse_metadata_date


def read_jsonl(text: str, *, origin: str) -> Iterator[Report | Skipped]:
    """One report per line; a bad line is Skipped with its number and the rest still read."""
    # split("\n"), not splitlines(): JSON strings may hold U+2028/U+2029 unescaped.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}#line-{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(line_origin, f"invalid JSON: {err.msg}")
            continue
        if not isinstance(item, dict):
            yield Skipped(line_origin, "line is not a JSON object")
            continue
        body = item.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Skipped(line_origin, "missing or empty 'text' field")
            continue
        body = body.strip()
        yield Report(
            id=content_id(body),
            text=body,
            origin=line_origin,
            title=_str(item.get("title")),
            outlet=_str(item.get("outlet")),
            url=_str(item.get("url")),
            published=parse_metadata_date(item.get("published")),
            language=_str(item.get("language")),
        )


def _str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
