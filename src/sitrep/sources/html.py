"""HTML pages: main text and metadata via trafilatura (menus, share buttons, comment forms dropped)."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html
import trafilatura

from sitrep.records import Report, Skipped, content_id
from sitrep.sources.decode import parse_metadata_date


def read_html(html: str, *, origin: str) -> Iterator[Report | Skipped]:
    """One report from an HTML page; Skipped when no main text can be found."""
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as err:  # trafilatura raises assorted lxml errors on broken markup
        yield Skipped(origin, f"malformed HTML: {err}")
        return
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        yield Skipped(origin, "no main text found in HTML page")
        return
    yield Report(
        id=content_id(text),
        text=text,
        origin=origin,
        title=getattr(doc, "title", None),
        outlet=getattr(doc, "sitename", None),
        url=getattr(doc, "url", None),
        published=parse_metadata_date(getattr(doc, "date", None)),
        language=_page_language(html),
    )


def _page_language(html: str) -> str | None:
    """The two-letter language of <html lang>, when declared."""
    try:
        root = lxml.html.fromstring(html.encode("utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return None
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang.split("-")[0].lower() if lang else None
