"""Renders PLOVER records as JSON Lines, CSV, GeoJSON or a terminal table."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Any, TextIO

from sitrep.records import SiteDetail, SiteOverview, record_json
from sitrep.records.read import when

# ACLED-like columns first (analysts load them into the same sheets), then sitrep's own.
ACLED_COLUMNS = ["event_date", "event_type", "actor1", "actor2", "location", "latitude", "longitude",
                 "geo_precision", "source", "notes"]
GEO_PRECISION = {"site": 1, "city": 1, "district": 2, "province": 3, "country": 3, "region": 3}
CSV_COLUMNS = ACLED_COLUMNS + [
    "id", "date", "enddate", "date_precision", "event", "mode", "posture",
    "actor", "actor_code", "actor_sector", "recipient", "recipient_code",
    "place", "resolved_place", "lat", "lon", "country_code", "resolution", "site_id",
    "attribution_kind", "attribution_source", "attribution_provider", "confidence",
    "outlet", "url", "published", "citation", "event_text",
]


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# (=HYPERLINK(...) in an outlet name would be a live link); OWASP's advice is a leading quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that a spreadsheet shows as text rather than runs as a formula; numbers as given."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(rec: dict[str, Any]) -> dict[str, Any]:
    """One flat CSV row for a record (first actor and recipient spelled out), every text cell
    made spreadsheet-safe."""
    return {key: spreadsheet_safe(value) for key, value in _csv_values(rec).items()}


def _csv_values(rec: dict[str, Any]) -> dict[str, Any]:
    loc = rec.get("event_loc") or {}
    att = rec.get("attribution") or {}
    cite = rec.get("cite_info") or {}
    actor = (rec.get("actor") or [{}])[0] if rec.get("actor") else {}
    recipient = (rec.get("recipient") or [{}])[0] if rec.get("recipient") else {}
    sources = rec.get("sources") or [{"outlet": cite.get("publication")}]
    return {
        "event_date": rec.get("date") or cite.get("published"),
        "event_type": rec["event"],
        "actor1": "; ".join(a["entity_text"] for a in rec.get("actor") or []),
        "actor2": "; ".join(a["entity_text"] for a in rec.get("recipient") or []),
        "location": (rec.get("site") or {}).get("name") or loc.get("resolved_place"),
        "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": GEO_PRECISION.get(loc.get("resolution") or "", None),
        "source": "; ".join(sorted({s.get("outlet") or "?" for s in sources})),
        "notes": rec.get("event_text"),
        "id": rec["id"], "date": rec.get("date"), "enddate": rec.get("enddate"),
        "date_precision": rec.get("date_precision"), "event": rec["event"], "mode": rec.get("mode"),
        "posture": rec.get("posture"),
        "actor": "; ".join(a["entity_text"] for a in rec.get("actor") or []),
        "actor_code": actor.get("code"), "actor_sector": actor.get("sector"),
        "recipient": "; ".join(a["entity_text"] for a in rec.get("recipient") or []),
        "recipient_code": recipient.get("code"),
        "place": loc.get("extracted_place"), "resolved_place": loc.get("resolved_place"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "country_code": loc.get("country_code"),
        "resolution": loc.get("resolution"), "site_id": (rec.get("site") or {}).get("id"),
        "attribution_kind": att.get("kind"), "attribution_source": att.get("source"),
        "attribution_provider": att.get("provider"), "confidence": rec.get("confidence"),
        "outlet": cite.get("publication"), "url": cite.get("url"), "published": cite.get("published"),
        "citation": public_citation(cite.get("citation")), "event_text": rec.get("event_text"),
    }


# UCDP GED's column names where a movement event has a counterpart (a GED file's readers find
# their columns), then sitrep's own. GED's precision codes: where_prec 1 exact place, 2 within
# 25 km, 3 second-order admin unit, 4 first-order, 6 country, 7 wider area; date_prec 1 the day,
# 2 two to six days, 3 a week, 4 a month, 5 a year.
GED_COLUMNS = ["id", "year", "side_a", "side_b", "number_of_sources", "source_article", "source_office",
               "source_date", "source_headline", "where_prec", "where_coordinates", "adm_1", "latitude", "longitude",
               "country", "date_prec", "date_start", "date_end",
               "event", "posture", "actor_code", "recipient_code", "site_id", "confidence"]
GED_WHERE_PREC = {"site": 1, "city": 1, "district": 3, "province": 4, "country": 6, "region": 7}
GED_DATE_PREC = {"day": 1, "period": 2, "week": 3, "month": 4, "year": 5}


def ged_row(rec: dict[str, Any]) -> dict[str, Any]:
    """One GED-like CSV row for a fused event (spreadsheet-safe text cells)."""
    flat = _csv_values(rec)
    start = rec.get("date") or ""
    sources = rec.get("sources") or []
    values = {
        "id": rec["id"], "year": start[:4] or None, "side_a": flat["actor1"] or None, "side_b": flat["actor2"] or None,
        "number_of_sources": rec.get("independent_sources") or 1,
        "source_article": "; ".join(sorted({s["url"] for s in sources if s.get("url")})) or flat["url"],
        "source_office": flat["source"], "source_date": "; ".join(sorted({s["published"] for s in sources
                                                                            if s.get("published")})) or flat["published"],
        "source_headline": flat["notes"], "where_prec": GED_WHERE_PREC.get(flat["resolution"] or ""),
        "where_coordinates": flat["location"], "adm_1": None if flat["resolution"] in {"site", "city"} else flat["place"],
        "latitude": flat["lat"], "longitude": flat["lon"], "country": flat["country_code"],
        "date_prec": GED_DATE_PREC.get(rec.get("date_precision") or ""), "date_start": start or None,
        "date_end": rec.get("enddate") or start or None, "event": rec["event"], "posture": rec.get("posture"),
        "actor_code": flat["actor_code"], "recipient_code": flat["recipient_code"], "site_id": flat["site_id"],
        "confidence": rec.get("confidence"),
    }
    return {k: spreadsheet_safe(v) for k, v in values.items()}


def write_ged(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Fused events as a GED-like CSV (GED_COLUMNS); undated events have empty date columns."""
    return _write_rows(records, out, GED_COLUMNS, ged_row)


def _write_rows(records: Iterable[dict[str, Any]], out: TextIO, columns: list[str],
                row: Callable[[dict[str, Any]], dict[str, Any]]) -> int:
    """A CSV with a header and one row per record; how many rows."""
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    n = 0
    for record in records:
        writer.writerow(row(record))
        n += 1
    return n


def public_citation(citation: str | None) -> str | None:
    """A citation as exports show it: a local file is named by its file name alone (its folder
    says where the analyst keeps files, nothing about the source)."""
    if not citation or "://" in citation:
        return citation
    if citation.startswith(("/", "~")) or (len(citation) > 2 and citation[1] == ":" and citation[2] in "\\/"):
        return PurePath(citation.replace("\\", "/")).name
    return citation


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    return _write_rows(records, out, CSV_COLUMNS, csv_row)


def write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A GeoJSON FeatureCollection (RFC 7946); events without a place get a null geometry."""
    features = []
    for rec in records:
        loc = rec.get("event_loc")
        geometry = None if not loc else {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
        features.append({"type": "Feature", "id": rec["id"], "geometry": geometry, "properties": rec})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def write_table(records: Iterable[dict[str, Any]], out: TextIO, *, show_file: bool = False) -> int:
    """A readable listing: one block per event with its quote, evidence and source."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, width=max(100, min(Console(file=out).width, 140)), highlight=False)
    n = 0
    for rec in records:
        loc = rec.get("event_loc") or {}
        att = rec.get("attribution") or {}
        cite = rec.get("cite_info") or {}
        place = (rec.get("site") or {}).get("name") or loc.get("resolved_place") or "(no place)"
        precision = f" [{loc['resolution']}]" if loc.get("resolution") and loc["resolution"] != "site" else ""
        actors = ", ".join(f"{a['entity_text']} ({a.get('code') or '?'} {a.get('sector') or '?'})"
                           for a in rec.get("actor") or []) or "(actor unknown)"
        posture = f" {rec['posture']}" if rec.get("posture") else ""
        source = cite.get("citation") if show_file else (cite.get("publication") or cite.get("citation"))
        evidence = f"{att.get('kind')}: {att.get('source') or '?'}" if att else "no attribution"
        console.print(
            f"[bold]{escape(when(rec))}[/bold]  [cyan]{rec['event']}{posture}[/cyan]  "
            f"[bold]{escape(place)}[/bold]{escape(precision)}  confidence {rec.get('confidence', 0):.2f}"
        )
        fused = f"; {rec['mentions']} mention(s), {rec['independent_sources']} independent source(s)" if "mentions" in rec else ""
        console.print(f"  {escape(actors)}; {escape(evidence)}; in {escape(source or '?')}{fused}")
        console.print(f"  [dim]\u201c{escape(rec.get('event_text', ''))}\u201d[/dim]")
        n += 1
    return n


TOPONYM_COLUMNS = ["file", "text", "start", "end", "resolved_place", "lat", "lon", "country_code",
                   "feature_code", "resolution", "site", "role"]


def write_toponym_table(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Toponym records (sitrep geoparse) as a tab-aligned text table; returns the number of rows."""
    rows = [[_cell(rec.get(col)) for col in TOPONYM_COLUMNS] for rec in records]
    widths = [max([len(col), *(len(row[i]) for row in rows)]) for i, col in enumerate(TOPONYM_COLUMNS)]
    out.write("  ".join(col.ljust(w) for col, w in zip(TOPONYM_COLUMNS, widths, strict=True)).rstrip() + "\n")
    for row in rows:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n")
    return len(rows)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def write_site_timeline(detail: SiteDetail, out: TextIO) -> int:
    """A site's status timeline: each change with its confidence, the weighed reasons and the
    quotes behind it; then the claims that did not change the status, and why."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, width=max(100, min(Console(file=out).width, 140)), highlight=False)
    console.print(f"[bold]{escape(detail.name)}[/bold] ({detail.id}, {detail.kind}, "
                  f"{detail.lat:.4f}, {detail.lon:.4f})")
    force = detail.force or "?"
    shown = detail.status if detail.status is not None else "none (no evidence yet)"
    console.print(("as of " + detail.as_of + ", " if detail.as_of else "") + f"status: [bold]{shown}[/bold]" +
                  (f" since {detail.status_since}" if detail.status_since else "") +
                  (f", confidence {detail.confidence:.2f}" if detail.confidence is not None else "") +
                  f" (force: {force})")
    n = 0
    for code, changes in [(force, detail.timeline), *detail.other_forces.items()]:
        if code != force:
            console.print(f"\n[bold]other force: {escape(str(code))}[/bold]")
        for change in changes:
            confirmed = f", confirmed {change.confirmed}" if change.confirmed and change.confirmed != change.since else ""
            confidence = f" (confidence {change.confidence:.2f}{confirmed})" if change.confidence is not None else ""
            console.print(f"\n[cyan]{change.since}  {change.status}[/cyan]{confidence}")
            if change.reasons:
                console.print("  because: " + escape("; ".join(
                    f"{r.kind} {r.weight:.2f}{' hedged' if r.hedged else ''} ({r.source or r.origin})"
                    for r in change.reasons)))
            for rec in change.evidence:
                _print_evidence(console, rec, "")
            for rec in change.contested_by:
                _print_evidence(console, rec, "contested by ")
            n += 1
    if detail.unconfirmed:
        console.print("\n[bold]unconfirmed claims[/bold] (did not change the status)")
        for claim in detail.unconfirmed:
            console.print(f"\n[yellow]{claim.day}  {claim.status}?[/yellow]  weight {claim.weight:.2f}: "
                          f"{escape(claim.reason)}" + (f" [force {escape(claim.force)}]" if claim.force else ""))
            if claim.event:
                _print_evidence(console, claim.event, "")
    return n


def _print_evidence(console: Any, rec: dict[str, Any], prefix: str) -> None:
    from rich.markup import escape

    sources = rec.get("sources") or []
    console.print(f"  {prefix}{rec['event']} {rec.get('posture') or ''} (confidence {rec.get('confidence', 0):.2f}, "
                  f"{rec.get('mentions', 1)} mention(s), {rec.get('independent_sources', 1)} independent source(s))")
    for src in sources or [{"outlet": (rec.get("cite_info") or {}).get("publication"), "event_text": rec.get("event_text")}]:
        att = src.get("attribution") or {}
        console.print(f"    - {escape(src.get('outlet') or '?')} {escape(src.get('published') or '')}"
                      f" \\[{escape(att.get('kind') or 'media')}: {escape(att.get('source') or '')}]")
        console.print(f"      [dim]\u201c{escape(src.get('event_text') or '')}\u201d[/dim]")


def write_sites_geojson(rows: Iterable[SiteOverview], out: TextIO) -> int:
    """Sites as a GeoJSON FeatureCollection (RFC 7946) with status and latest event."""
    features = []
    for row in rows:
        props = {k: v for k, v in record_json(row).items() if k not in {"lat", "lon"}}
        features.append({"type": "Feature", "id": row.id,
                         "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
                         "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def write_sites_table(rows: list[SiteOverview], out: TextIO) -> int:
    """Sites as a terminal table: status, since when, events, the latest event and its evidence."""
    from rich.console import Console
    from rich.table import Table

    table = Table(header_style="bold")
    for col in ("site", "status", "since", "conf.", "events", "latest", "event", "actor", "evidence"):
        table.add_column(col, overflow="fold")
    for row in rows:
        rec = row.latest_event or {}
        # The coded force beside the words ("they (RUS)"): a pronoun alone tells a reader nothing.
        actor = ", ".join(f"{a['entity_text']} ({a['code']})" if a.get("code") else a["entity_text"]
                          for a in rec.get("actor") or [])
        att = rec.get("attribution") or {}
        latest = f"{rec.get('event', '')} {rec.get('posture') or ''}".strip()
        status = (row.status or "-") + (f"\n[dim]+{row.unconfirmed} unconfirmed[/dim]" if row.unconfirmed else "")
        table.add_row(f"{row.name}\n[dim]{row.id}[/dim]", status, row.status_since or "",
                      f"{row.confidence:.2f}" if row.confidence is not None else "", str(row.events), when(rec) if rec else "", latest, actor,
                      ": ".join(x for x in (att.get("kind"), att.get("source")) if x) if att else "")
    Console(file=out, width=max(120, Console().width)).print(table)
    return len(rows)


# --- evidence records (`sitrep evidence`, /api/evidence): the contract's fields first ------------

EVIDENCE_COLUMNS = ["kind", "date", "time", "lat", "lon", "site", "source", "origin", "id", "record_id", "title",
                    "description", "links", "category", "details"]


def evidence_csv_row(rec: dict[str, Any]) -> dict[str, Any]:
    """A flat CSV row: links joined by spaces, details as JSON, cells safe for spreadsheets."""
    flat = {**rec, "links": " ".join(rec.get("links") or []),
            "details": json.dumps(rec.get("details") or {}, ensure_ascii=False, sort_keys=True)}
    return {k: spreadsheet_safe(flat.get(k)) for k in EVIDENCE_COLUMNS}


def write_evidence_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    return _write_rows(records, out, EVIDENCE_COLUMNS, evidence_csv_row)


def evidence_feature(rec: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "id": rec["id"], "geometry": {"type": "Point", "coordinates": [rec["lon"], rec["lat"]]},
            "properties": rec}


def write_evidence_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A GeoJSON FeatureCollection written feature by feature (any number of records)."""
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for n, rec in enumerate(records, 1):
        out.write(("\n" if n == 1 else ",\n") + json.dumps(evidence_feature(rec), ensure_ascii=False))
    out.write("]}\n")
    return n


def write_kml(records: Iterable[dict[str, Any]], out: TextIO, *, name: str = "sitrep") -> int:
    """KML for Google Earth: one Placemark per record with a point (evidence, or events with a
    place), its date as TimeStamp and its text and links as description; streamed Placemark by
    Placemark (each built with fastkml)."""
    from xml.sax.saxutils import escape

    from fastkml import Placemark
    from fastkml.times import KmlDateTime, TimeStamp
    from pygeoif.geometry import Point

    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n'
              f"<Document><name>{escape(name)}</name>\n")
    n = 0
    for rec in records:
        loc = rec.get("event_loc") or ({"lat": rec["lat"], "lon": rec["lon"]} if rec.get("lat") is not None else None)
        if not loc:
            continue
        title = rec.get("title") or rec.get("event_text") or rec.get("event") or rec.get("id")
        text = " ".join(str(x) for x in (rec.get("description"), rec.get("kind") and f"[{rec['kind']}: {rec.get('source')}]",
                                          " ".join(rec.get("links") or []), rec.get("origin")) if x)
        day = rec.get("date")
        mark = Placemark(id=f"e{rec['id'][:32]}", name=str(title)[:200], description=text or None,
                         geometry=Point(loc["lon"], loc["lat"]),
                         times=TimeStamp(timestamp=KmlDateTime.parse(day)) if day else None)
        out.write(mark.to_string(prettyprint=False).replace(' xmlns:kml="http://www.opengis.net/kml/2.2"', "")
                  .replace("kml:", "") + "\n")
        n += 1
    out.write("</Document>\n</kml>\n")
    return n
