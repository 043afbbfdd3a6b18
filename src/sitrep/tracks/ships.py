"""Ship movements at ports and naval facilities from AIS positions: a streaming arrival/departure
detector, and naval or auxiliary vessels recognised from the AIS ship type (35: military
operations) or the shipped table of named vessels (`data/naval_vessels.csv`, public facts).

A ship is at a facility while its positions lie within the site's radius; it departs when it is
seen beyond the radius plus EXIT_MARGIN_KM (so a ship swinging at anchor on the edge does not
depart and return), and arrives when first seen inside after being seen outside. A ship first seen
inside is only noted as there (no arrival: we do not know when it came); a silence longer than
GAP_S forgets where it was. Memory: one small record per ship seen.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from sitrep.geo.near import SiteIndex, site_radius_km
from sitrep.geo.resolve import haversine_km
from sitrep.records import Evidence, EvidenceLayer, ShipPosition, Site, evidence_id

PORT_KINDS = frozenset({"naval_base", "port"})
EXIT_MARGIN_KM = 2.0
GAP_S = 2 * 86400.0
MILITARY_TYPES = {35: "military operations", 55: "law enforcement"}


@dataclass
class _Ship:
    site: Site | None
    last: float
    inside: ShipPosition | None = None  # the last position within the site's radius


def load_naval_vessels() -> dict[str, dict[str, str]]:
    """The shipped table of naval and auxiliary vessels, by folded name."""
    text = (resources.files("sitrep") / "data" / "naval_vessels.csv").read_text(encoding="utf-8")
    return {fold_name(r["name"]): r for r in csv.DictReader(text.splitlines())}


def fold_name(name: str) -> str:
    """A ship name as compared: upper case, letters and digits only ("SPARTA-IV" == "Sparta IV")."""
    return re.sub(r"[^A-Z0-9]", "", name.upper())


def naval_role(pos: ShipPosition, table: dict[str, dict[str, str]]) -> dict[str, Any] | None:
    """What makes the ship naval (its table row or its AIS type), or None."""
    row = table.get(fold_name(pos.name)) if pos.name else None
    if row is not None:
        return {"naval": True, "role": row["role"], "navy": row["navy"]}
    if pos.ship_type in MILITARY_TYPES:
        return {"naval": True, "role": MILITARY_TYPES[pos.ship_type]}
    return None


def detect_port_calls(positions: Iterable[ShipPosition], sites: Iterable[Site], *,
                      table: dict[str, dict[str, str]] | None = None) -> Iterator[Evidence]:
    """Arrivals and departures at port and naval sites, as Evidence of kind `ship`, in stream order."""
    index = SiteIndex(sites, kinds=PORT_KINDS)
    table = load_naval_vessels() if table is None else table
    ships: dict[int, _Ship] = {}
    for pos in positions:
        found = index.near(pos.lat, pos.lon)
        state = ships.get(pos.mmsi)
        if state is None or pos.time - state.last > GAP_S:
            ships[pos.mmsi] = _Ship(found[0] if found else None, pos.time, pos if found else None)
            continue
        if pos.time < state.last:
            continue  # out of order: the later position already decided
        state.last = pos.time
        if found is not None and (state.site is None or state.site.id == found[0].id):
            if state.site is None:
                yield _call(pos, found[0], "arrival", table)
            state.site, state.inside = found[0], pos
        elif state.site is not None and found is None and haversine_km(
                pos.lat, pos.lon, state.site.lat, state.site.lon) > site_radius_km(state.site) + EXIT_MARGIN_KM:
            # The departure is placed at the last position inside (the site's record) and timed
            # when the ship is first seen clear of the facility.
            last = state.inside or pos
            yield _call(last._replace(time=pos.time, row=pos.row), state.site, "departure", table)
            state.site, state.inside = None, None


def _call(pos: ShipPosition, site: Site, movement: str, table: dict[str, dict[str, str]]) -> Evidence:
    at = datetime.fromtimestamp(pos.time, UTC)
    role = naval_role(pos, table)
    details: dict[str, Any] = {"movement": movement, "mmsi": pos.mmsi, "name": pos.name, "ship_type": pos.ship_type,
                               "callsign": pos.callsign, "sog_kn": pos.sog, "naval": False, **(role or {})}
    who = pos.name or f"MMSI {pos.mmsi}"
    unit = "line" if pos.source.lower().endswith((".nmea", ".txt", ".ais", ".log")) else "row"
    return Evidence(
        id=evidence_id("ship", "AIS", pos.mmsi, movement, site.id, int(pos.time // 60)),
        kind=EvidenceLayer.SHIP, at=at, lat=pos.lat, lon=pos.lon, source="AIS",
        origin=f"{pos.source}#{unit}-{pos.row}", record_id=str(pos.mmsi), site_id=site.id,
        title=f"{who} {'arrives at' if movement == 'arrival' else 'leaves'} {site.name}"
              + (f" ({details['role']})" if role else ""),
        details={k: v for k, v in details.items() if v is not None})
