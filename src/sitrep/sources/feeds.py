"""RSS and Atom feeds via feedparser: each entry is one report."""

from __future__ import annotations

from datetime import date
from typing import Any, Iterator

import feedparser
import lxml.html

from sitrep.records import Report, Skipped, content_id


def read_feed(data: bytes, *, origin: str) -> Iterator[Report | Skipped]:
    """One report per feed entry; Skipped for a file that is not a feed or an empty entry."""
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = "not an RSS/Atom feed" if feed.bozo else "feed has no entries"
        yield Skipped(origin, reason)
        return
    outlet = feed.feed.get("title")
    language = (feed.feed.get("language") or "").split("-")[0].lower() or None
    for number, entry in enumerate(feed.entries, start=1):
        entry_origin = f"{origin}#entry-{number}"
        text = _entry_text(entry)
        if not text:
            yield Skipped(entry_origin, "feed entry has no text")
            continue
        yield Report(
            id=content_id(text),
            text=text,
            origin=entry_origin,
            title=entry.get("title"),
            outlet=outlet,
            url=entry.get("link"),
            published=_entry_date(entry),
            language=language,
        )


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    raw = contents[0].get("value", "") if contents else entry.get("summary", "")
    if "<" in raw:
        try:
            raw = lxml.html.fromstring(raw).text_content()
        except (ValueError, lxml.etree.ParserError):
            pass
    return "\n".join(line.strip() for line in raw.strip().splitlines() if line.strip())


def _entry_date(entry: Any) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
