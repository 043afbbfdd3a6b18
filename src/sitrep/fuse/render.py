"""The brief as Markdown or self-contained HTML (charts embedded as data URIs)."""

from __future__ import annotations

import base64
import html
from datetime import date
from typing import Any

from sitrep.fuse.brief import Brief, SiteChange, brief_summary, event_day, named_actors
from sitrep.fuse.gloss import gloss_event
from sitrep.records import record_json


def brief_markdown(brief: Brief) -> str:
    """The brief in Markdown."""
    lines = [f"# Situation brief: {_period(brief)}", ""]
    lines += ["## Summary", ""] + [f"- {line}" for line in brief_summary(brief)] + [""]
    lines += ["## Site statuses over the period", ""]
    if brief.sites:
        lines += ["| site | at start | at end | changes | unconfirmed claims |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {s.site.name} | {s.start or '-'} | {s.end or '-'}{f' (since {s.end_since})' if s.end_since else ''} "
                  f"| {s.changes} | {s.unconfirmed} |" for s in brief.sites]
    else:
        lines += ["No site has a judged status."]
    lines += ["", "## Status changes", ""]
    lines += [_change_md(c) for c in brief.changes] or ["No site changed status in this period."]
    lines += ["", "## Contested claims", ""]
    lines += [_contested_md(c) for c in brief.contested] or ["No contested claims."]
    lines += ["", "## Corroborated events (two or more independent sources)", ""]
    lines += [_event_md(r) for r in brief.corroborated] or ["None."]
    lines += ["", "## Other new events", ""]
    lines += [_event_md(r) for r in brief.new_events] or ["None."]
    return "\n".join(lines) + "\n"


def brief_html_with_charts(brief: Brief, events: list[dict[str, Any]], *, until: date | None) -> str:
    """The HTML brief with its change map and status timeline drawn over the period (to the
    latest change or event when the period is open-ended)."""
    from sitrep.fuse.charts import change_map, status_timeline_chart

    days = [date.fromisoformat(c.since) for d in brief.timelines for c in d.timeline]
    days += [date.fromisoformat(r["date"]) for r in events if r.get("date")]
    end = until or max(days, default=brief.since)
    return brief_html(brief, map_png=change_map(brief.changes, events),
                      timeline_png=status_timeline_chart(brief.timelines, brief.since, end))


def brief_html(brief: Brief, *, map_png: bytes, timeline_png: bytes) -> str:
    """The brief as one HTML page: every text escaped, images inline, no external resources."""
    e = html.escape
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Situation brief: {e(_period(brief))}</title>",
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.45}"
        "blockquote{color:#444;border-left:3px solid #ccc;margin:.3rem 0 .3rem 1rem;padding-left:.6rem}"
        ".status{font-weight:bold}img{max-width:100%}</style></head><body>",
        f"<h1>Situation brief: {e(_period(brief))}</h1>",
        "<ul>" + "".join(f"<li>{e(line)}</li>" for line in brief_summary(brief)) + "</ul>",
        f"<img alt='Map of status changes' src='data:image/png;base64,{base64.b64encode(map_png).decode()}'>",
        f"<img alt='Status timeline' src='data:image/png;base64,{base64.b64encode(timeline_png).decode()}'>",
        "<h2>Site statuses over the period</h2>",
        _spans_html(brief),
        "<h2>Status changes</h2>",
    ]
    parts += [_change_html(c) for c in brief.changes] or ["<p>No site changed status in this period.</p>"]
    parts += ["<h2>Contested claims</h2>"]
    parts += [_change_html(c, contested=True) for c in brief.contested] or ["<p>No contested claims.</p>"]
    parts += ["<h2>Corroborated events</h2>"]
    parts += [_event_html(r) for r in brief.corroborated] or ["<p>None.</p>"]
    parts += ["<h2>Other new events</h2>"]
    parts += [_event_html(r) for r in brief.new_events] or ["<p>None.</p>"]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _period(brief: Brief) -> str:
    until = brief.until.isoformat() if brief.until else "now"
    region = f" ({brief.region})" if brief.region else ""
    return f"{brief.since.isoformat()} to {until}{region}"


def _sources_text(record: dict[str, Any]) -> str:
    names = sorted({s.get("outlet") or "?" for s in record.get("sources") or []})
    return ", ".join(names) or ((record.get("cite_info") or {}).get("publication") or "?")


def _change_md(c: SiteChange) -> str:
    was = f" (was {c.previous})" if c.previous else ""
    out = [f"- **{c.site.name}**: {c.status} since {c.since}{was}"]
    for record in c.evidence:
        out.append(f"  - {_quote(record)} ({_sources_text(record)}; {record.get('independent_sources', 1)} independent)")
    return "\n".join(out)


def _contested_md(c: SiteChange) -> str:
    out = [f"- **{c.site.name}** on {c.since}: {c.status}, but"]
    for record in c.contested_by:
        out.append(f"  - {record.get('posture')}: {_quote(record)} ({_sources_text(record)})")
    return "\n".join(out)


def _event_md(r: dict[str, Any]) -> str:
    """One event line; the place and the actors only when known ("at ? by He" says nothing)."""
    place = (r.get("site") or {}).get("name") or (r.get("event_loc") or {}).get("resolved_place")
    actors = ", ".join(named_actors(r))
    day = r.get("date") or f"~{event_day(r) or '?'}"
    head = " ".join(x for x in (day, r["event"], r.get("posture") or "") if x)
    head += (f" at {place}" if place else "") + (f" by {actors}" if actors else "")
    return f"- {head}: {_quote(r)} ({_sources_text(r)}; {r.get('independent_sources', 1)} independent)"


def brief_json(brief: Brief) -> dict[str, Any]:
    """The brief as JSON data (what `/api/brief` and `sitrep brief --format json` give)."""
    return {
        "since": brief.since.isoformat(), "until": brief.until.isoformat() if brief.until else None,
        "region": brief.region, "summary": brief_summary(brief),
        "changes": [record_json(c) for c in brief.changes],
        "contested": [record_json(c) for c in brief.contested],
        "sites": [record_json(s) for s in brief.sites],
        "corroborated": list(brief.corroborated), "new_events": list(brief.new_events),
    }


def _quote(record: dict[str, Any]) -> str:
    """The sentence, quoted; for a report not in English, followed by an English gloss of the event."""
    text = " ".join((record.get("event_text") or "").split())
    language = (record.get("cite_info") or {}).get("language")
    if language and language != "en":
        return f"\u201c{text}\u201d [{language}; in English: {gloss_event(record)}]"
    return f"\u201c{text}\u201d"


def _change_html(c: SiteChange, contested: bool = False) -> str:
    e = html.escape
    was = f" (was {e(c.previous)})" if c.previous else ""
    items = c.contested_by if contested else c.evidence
    body = "".join(f"<blockquote>{e(_quote(r))}<br><small>{e(_sources_text(r))}; "
                   f"{int(r.get('independent_sources', 1))} independent; {e(str(r.get('posture')))}</small></blockquote>"
                   for r in items)
    label = "contested by" if contested else "evidence"
    return (f"<p><b>{e(c.site.name)}</b>: <span class='status'>{e(c.status)}</span> since {e(c.since)}{was}"
            f" &mdash; {label}:</p>{body}")


def _event_html(r: dict[str, Any]) -> str:
    return f"<p>{html.escape(_event_md(r)[2:])}</p>"


def _spans_html(brief: Brief) -> str:
    e = html.escape
    if not brief.sites:
        return "<p>No site has a judged status.</p>"
    rows = "".join(f"<tr><td>{e(s.site.name)}</td><td>{e(s.start or '-')}</td><td class='status'>{e(s.end or '-')}"
                   f"{e(f' (since {s.end_since})') if s.end_since else ''}</td><td>{s.changes}</td><td>{s.unconfirmed}</td></tr>"
                   for s in brief.sites)
    return ("<table><thead><tr><th>site</th><th>at start</th><th>at end</th><th>changes</th>"
            f"<th>unconfirmed claims</th></tr></thead><tbody>{rows}</tbody></table>")
