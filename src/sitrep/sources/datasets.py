"""Conflict datasets -> Evidence of kind `dataset`: ACLED CSV exports (31 columns) and UCDP GED CSV
(with its header row, or without it in the GED column order).

Each row stays an external event record (its own id, sources and fatalities), kept apart from
sitrep's extractions; `category` is the PLOVER category where the source's type maps honestly
(ACLED "Battles" -> ASSAULT), else None ("Strategic developments: Other" says too little).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from sitrep.records import Evidence, EvidenceLayer, Skipped, evidence_id
from sitrep.sources.csvrecords import CsvLayout, read_csv_records
from sitrep.sources.fields import (
    BadField,
    number,
    parse_moment,
    point,
    text_or_none,
)
from sitrep.sources.flights import ReadStats

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
GED_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob")
# ACLED event type (or "type: sub-event type") -> PLOVER. Fights, strikes and attacks on civilians
# are ASSAULT; protests and riots PROTEST; of the strategic developments only those with a clear
# PLOVER reading are mapped (a base established: MOBILIZE; a territory handed over: RETREAT).
ACLED_PLOVER = {
    "battles": "ASSAULT", "explosions/remote violence": "ASSAULT", "violence against civilians": "ASSAULT",
    "protests": "PROTEST", "riots": "PROTEST",
    "strategic developments: agreement": "AGREE",
    "strategic developments: headquarters or base established": "MOBILIZE",
    "strategic developments: non-violent transfer of territory": "RETREAT",
    "strategic developments: arrests": "COERCE",
    "strategic developments: looting/property destruction": "COERCE",
}
# UCDP GED counts lethal organised violence only: state-based, non-state and one-sided violence
# are all PLOVER ASSAULT.
GED_VIOLENCE = {"1": "state-based", "2": "non-state", "3": "one-sided"}


def dataset_layout(header: Sequence[str]) -> str | None:
    """"acled", "ucdp" (header row) or "ucdp-headerless" (a GED data row first), else None."""
    names = {h.strip().lower() for h in header}
    if {"event_id_cnty", "event_date", "event_type", "latitude", "longitude"} <= names:
        return "acled"
    if {"type_of_violence", "date_start", "latitude", "longitude", "best"} <= names:
        return "ucdp"
    if len(header) == len(GED_COLUMNS) and header[0].strip().isdigit() and header[5].strip() in GED_VIOLENCE:
        return "ucdp-headerless"
    return None


def read_dataset(path: Path, *, stats: ReadStats | None = None, max_errors: int = 20
                 ) -> Iterator[Evidence | Skipped]:
    """The rows of an ACLED or UCDP GED CSV; a bad row is skipped naming its field."""
    origin = str(path)

    def layout(first: list[str]) -> CsvLayout[Evidence] | None:
        kind = dataset_layout(first)
        if kind is None:
            return None
        header = list(GED_COLUMNS) if kind == "ucdp-headerless" else [h.strip().lower() for h in first]
        build = _acled if kind == "acled" else _ged

        def row_record(row: list[str], line: int) -> Evidence:
            return build(dict(zip(header, (v.strip() for v in row), strict=True)), f"{origin}#row-{line}")

        return CsvLayout(len(header), row_record, first_row_is_data=kind == "ucdp-headerless")

    return read_csv_records(path, layout, refusal="not an ACLED or UCDP GED CSV", stats=stats, max_errors=max_errors)


def acled_category(event_type: str, sub_event_type: str) -> str | None:
    """The PLOVER category of an ACLED type and sub-event type, or None where none fits honestly."""
    kind, sub = event_type.strip().lower(), sub_event_type.strip().lower()
    return ACLED_PLOVER.get(f"{kind}: {sub}") or ACLED_PLOVER.get(kind)


def _acled(r: dict[str, str], origin: str) -> Evidence:
    if not r.get("event_id_cnty"):
        raise BadField("event_id_cnty", "missing")
    lat, lon = point(r.get("latitude"), r.get("longitude"))
    at = parse_moment(r.get("event_date"), "event_date")
    fatalities = number(r.get("fatalities"), "fatalities", 0, 1_000_000, required=False)
    actors = [a for a in (r.get("actor1"), r.get("actor2")) if a]
    details = {"event_type": r.get("event_type"), "sub_event_type": r.get("sub_event_type"), "actor1": r.get("actor1"),
               "actor2": r.get("actor2"), "country": r.get("country"), "admin1": r.get("admin1"),
               "location": r.get("location"), "fatalities": int(fatalities) if fatalities is not None else None,
               "geo_precision": r.get("geo_precision"), "time_precision": r.get("time_precision"),
               "sources": r.get("source")}
    return Evidence(
        id=evidence_id("dataset", "ACLED", r["event_id_cnty"]), kind=EvidenceLayer.DATASET, at=at, lat=lat,
        lon=lon, source="ACLED", origin=origin, record_id=r["event_id_cnty"],
        title=f"{r.get('sub_event_type') or r.get('event_type')}: {' vs '.join(actors)} at {r.get('location')}",
        description=text_or_none(r.get("notes")), category=acled_category(r.get("event_type", ""),
                                                                             r.get("sub_event_type", "")),
        details={k: v for k, v in details.items() if v not in (None, "")})


def _ged(r: dict[str, str], origin: str) -> Evidence:
    if not r.get("id"):
        raise BadField("id", "missing")
    violence = GED_VIOLENCE.get(r.get("type_of_violence", ""))
    if violence is None:
        raise BadField("type_of_violence", f"{r.get('type_of_violence', '')[:10]!r} is not 1, 2 or 3")
    lat, lon = point(r.get("latitude"), r.get("longitude"))
    at = parse_moment(r.get("date_start", "")[:19], "date_start")
    end = parse_moment(r.get("date_end", "")[:19], "date_end") if r.get("date_end") else at
    if end < at:
        raise BadField("date_end", "before date_start")
    best = number(r.get("best"), "best", 0, 10_000_000)
    details = {"type_of_violence": violence, "conflict_name": r.get("conflict_name"), "dyad_name": r.get("dyad_name"),
               "side_a": r.get("side_a"), "side_b": r.get("side_b"), "country": r.get("country"),
               "where_prec": r.get("where_prec"), "date_prec": r.get("date_prec"), "date_end": end.date().isoformat(),
               "deaths_best": int(best or 0), "deaths_low": r.get("low"), "deaths_high": r.get("high"),
               "sources": r.get("source_office"), "source_article": r.get("source_article")}
    return Evidence(
        id=evidence_id("dataset", "UCDP GED", r["id"]), kind=EvidenceLayer.DATASET, at=at, lat=lat, lon=lon,
        source="UCDP GED", origin=origin, record_id=r["id"],
        title=f"{violence} violence: {r.get('dyad_name') or r.get('side_a')} at {r.get('where_coordinates')}",
        description=text_or_none(r.get("source_headline")), category="ASSAULT",
        details={k: v for k, v in details.items() if v not in (None, "")})
