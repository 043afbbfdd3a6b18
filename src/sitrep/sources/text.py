"""Plain text and Markdown reports, with an optional `---` front-matter header of `key: value` lines."""

from __future__ import annotations

from collections.abc import Iterator

from sitrep.records import Report, Skipped, content_id
from sitrep.sources.decode import parse_metadata_date

FRONT_MATTER_KEYS = {"title", "outlet", "url", "published", "date", "language", "lang"}


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Returns the front-matter fields and the body; no header gives ({}, text)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text.replace("\r\n", "\n").replace("\r", "\n")
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            fields = {}
            for entry in lines[1:i]:
                key, sep, value = entry.partition(":")
                if sep and key.strip().lower() in FRONT_MATTER_KEYS:
                    fields[key.strip().lower()] = value.strip().strip("\"'")
            return fields, "\n".join(lines[i + 1 :])
    return {}, "\n".join(lines)


def read_text(text: str, *, origin: str) -> Iterator[Report | Skipped]:
    """One report from a text file."""
    fields, body = split_front_matter(text)
    body = body.strip()
    if not body:
        yield Skipped(origin, "no report text")
        return
    yield Report(
        id=content_id(body),
        text=body,
        origin=origin,
        title=fields.get("title") or _first_heading(body),
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        published=parse_metadata_date(fields.get("published") or fields.get("date")),
        language=fields.get("language") or fields.get("lang"),
    )


def _first_heading(body: str) -> str | None:
    first = body.split("\n", 1)[0].strip()
    return first.lstrip("#").strip() if first.startswith("#") else None
