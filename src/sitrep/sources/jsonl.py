"""JSON Lines of `{url, title, outlet, published, text}`: each line is one report."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from sitrep.records import Report, Skipped, content_id
from sitrep.sources.decode import decode_bytes, parse_metadata_date
from sitrep.sources.guard import bounded_lines, human_size


def read_jsonl(text: str, *, origin: str) -> Iterator[Report | Skipped]:
    """One report per line; a bad line is Skipped with its number and the rest still read."""
    # split("\n"), not splitlines(): JSON strings may hold U+2028/U+2029 unescaped.
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _line_report(line, f"{origin}#line-{number}")


def read_jsonl_file(path: Path, *, max_line: int) -> Iterator[Report | Skipped]:
    """read_jsonl streamed from a file: memory holds one line of at most `max_line` bytes; a
    longer line is Skipped and the lines after it are still read."""
    origin = str(path)
    try:
        with path.open("rb") as stream:
            for number, raw in bounded_lines(stream, max_line=max_line):
                line_origin = f"{origin}#line-{number}"
                if raw is None:
                    yield Skipped(line_origin, f"line too large (over the limit {human_size(max_line)})")
                    continue
                line = decode_bytes(raw)
                if line is None:
                    yield Skipped(line_origin, "unknown text encoding")
                elif line.strip():
                    yield _line_report(line, line_origin)
    except OSError as err:
        yield Skipped(origin, f"unreadable: {err.strerror or err}")


def _line_report(line: str, line_origin: str) -> Report | Skipped:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        return Skipped(line_origin, f"invalid JSON: {err.msg}")
    except RecursionError:
        return Skipped(line_origin, "invalid JSON: nested too deeply")
    if not isinstance(item, dict):
        return Skipped(line_origin, "line is not a JSON object")
    body = item.get("text")
    if not isinstance(body, str) or not body.strip():
        return Skipped(line_origin, "missing or empty 'text' field")
    body = body.strip()
    return Report(
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
