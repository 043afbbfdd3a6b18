"""RSS and Atom feeds via feedparser: each entry is one report."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser
import lxml.html

from sitrep.records import Report, Skipped, content_id


def read_feed(data: bytes, *, origin: str) -> Iterator[Report | Skipped]:
    """One report per feed entry; Skipped for a file that is not a feed or an empty entry."""
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = "feed has no entries" if feed.get("version") else "not an RSS/Atom feed"
        yield Skipped(origin, reason)
        return
    outlet = feed.feed.get("title")
    language = (feed.feed.get("language") or "").split("-")[0].lower() or None
    for number, entry in enumerate(feed.entries, start=1):
        entry_origin = f"{origin}#entry-{number}"
        text = entry_text(entry)
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
            published=entry_date(entry),
            language=language,
        )


_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|tr)>", re.I)


def entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    raw = contents[0].get("value", "") if contents else entry.get("summary", "")
    if "<" in raw:
        # Block ends and <br> become line breaks, so paragraphs stay separate sentences.
        raw = _BLOCK_END.sub(lambda m: m.group(0) + "\n", raw)
        try:
            raw = lxml.html.fromstring(raw).text_content()
        except (ValueError, lxml.etree.ParserError):
            pass
    return "\n".join(line.strip() for line in raw.strip().splitlines() if line.strip())


def entry_date(entry: Any) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
