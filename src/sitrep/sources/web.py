"""Fetched bytes -> feed items or one article report (what `sitrep watch` reads from the web).

A feed's items are links to follow (their summaries stand in only when an article cannot be read);
an article's main text comes from trafilatura (menus, "Read also" lists, comment forms dropped),
its date from the page's metadata, else from htmldate (URL, visible dates), and its language from
fastText's identifier on the text itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from urllib.parse import urljoin, urlsplit, urlunsplit

import courlan
import feedparser

from sitrep.records import Report, Skipped, content_id
from sitrep.sources.decode import decode_bytes, looks_binary, parse_metadata_date
from sitrep.sources.feeds import entry_date, entry_text
from sitrep.sources.html import read_html
from sitrep.sources.language import detect_language

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json")


@dataclass(frozen=True)
class FeedItem:
    url: str  # canonical
    title: str | None
    published: date | None
    summary: str  # the item's own text, used when its article cannot be read


def canonical_url(url: str) -> str:
    """The one spelling of a URL: lower-case scheme and host, no default port, no tracking
    parameters (utm_*, fbclid, ...), no fragment (courlan's normalisation)."""
    try:
        clean = courlan.normalize_url(url.strip(), strict=True)
    except (ValueError, AttributeError):
        clean = url.strip()
    parts = urlsplit(clean)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def url_key(url: str) -> str:
    """A short fixed-length key for a canonical URL (URLs are too long to index everywhere)."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:40]


def looks_like_feed(body: bytes, content_type: str) -> bool:
    """True for RSS/Atom: by Content-Type, else by the first element of the document."""
    if content_type.startswith(FEED_TYPES) and content_type != "application/xml":
        return True
    head = body[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def feed_items(body: bytes, *, base_url: str, limit: int) -> list[FeedItem] | Skipped:
    """The feed's items, newest first, at most `limit`; Skipped for a malformed or empty feed."""
    feed = feedparser.parse(body)
    broken = f"malformed feed ({str(feed.bozo_exception).splitlines()[0][:120]})" if feed.get("bozo") else None
    if not feed.entries:
        return Skipped(base_url, broken or ("feed has no entries" if feed.get("version") else "not an RSS/Atom feed"))
    items = []
    for entry in feed.entries:
        link = entry.get("link") or (entry.get("id") if str(entry.get("id", "")).startswith("http") else None)
        if not link:
            continue
        items.append(FeedItem(url=canonical_url(urljoin(base_url, link)), title=entry.get("title"),
                              published=entry_date(entry), summary=entry_text(entry)))
    if not items:
        return Skipped(base_url, broken or "no feed entry has a link")
    items.sort(key=lambda i: i.published or date.min, reverse=True)
    return items[:limit]


def read_article(body: bytes, *, url: str, content_type: str, outlet: str | None = None,
                 language: str | None = None, fallback: FeedItem | None = None) -> Report | Skipped:
    """The page's main text as a report; the feed item's own text when the page has none."""
    report: Report | None = None
    reason = "no main text found in page"
    if looks_binary(body):
        reason = "binary content"
    elif content_type == "text/plain":
        text = (decode_bytes(body) or "").strip()
        report = Report(id=content_id(text), text=text, origin=url, url=url) if text else None
    else:
        html = decode_bytes(body)
        if html is None:
            reason = "undecodable page"
        else:
            for read in read_html(html, origin=url):
                if isinstance(read, Skipped):
                    reason = read.reason
                else:
                    report = read
            if report is not None and report.published is None:
                report = replace(report, published=page_date(html, url=url))
    if report is None and fallback is not None and fallback.summary:
        report = Report(id=content_id(fallback.summary), text=fallback.summary, origin=url)
    if report is None:
        return Skipped(url, reason)
    return replace(report, origin=url, url=url,
                 title=report.title or (fallback.title if fallback else None),
                 outlet=outlet or report.outlet or urlsplit(url).netloc,
                 published=report.published or (fallback.published if fallback else None),
                 language=language or detect_language(report.text) or report.language)


def page_date(html: str, *, url: str) -> date | None:
    """The publication date htmldate finds (URL, markup, visible dates); None when unsure."""
    import htmldate  # its import is slow (dateparser): only when a page lacks metadata

    try:
        found = htmldate.find_date(html, url=url, original_date=True, extensive_search=False,
                                   max_date=(date.today() + timedelta(days=1)).isoformat())
    except Exception:  # htmldate raises assorted lxml and parsing errors on broken markup
        return None
    return parse_metadata_date(found)
