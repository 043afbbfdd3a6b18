"""Flight lists (OpenSky's REST /flights JSON, or CSV with firstSeen/lastSeen or the flightlist
dataset's columns) and aircraft registries (OpenSky's aircraft database CSV): the other end of a
flight and the type of an aircraft, which state vectors do not carry."""

from __future__ import annotations

import csv
import json
from collections.abc import Container, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.records import Airframe, Flight, Skipped
from sitrep.sources.flights import (
    MAX_ERRORS,
    MAX_TIME,
    MIN_TIME,
    ErrorCap,
    ReadStats,
    is_aircraft_registry,
    is_flight_list,
    is_hex,
    open_text,
)
from sitrep.sources.guard import DEFAULT_MAX_RATIO, READ_ERRORS, rows_or_errors, unreadable

MAX_FLIGHT_S = 24 * 3600  # a flight list entry longer than a day is a merged or broken record


DEPARTURE_KEYS = ("estdepartureairport", "origin", "departure")
ARRIVAL_KEYS = ("estarrivalairport", "destination", "arrival")


def read_flight_list(path: Path, *, known_airports: Container[str] | None = None, stats: ReadStats | None = None,
                     max_errors: int = MAX_ERRORS, max_bytes: int | None = None,
                     max_ratio: int = DEFAULT_MAX_RATIO) -> Iterator[Flight | Skipped]:
    """Flights of an OpenSky flight list (REST JSON array, or CSV with firstSeen/lastSeen or the
    flightlist dataset's firstseen/lastseen/origin/destination/typecode columns).

    An airport code not in `known_airports` is reported and that end dropped; the flight is kept.
    """
    stats = stats if stats is not None else ReadStats()
    origin = str(path)
    errors = ErrorCap(origin, stats, max_errors)
    try:
        with open_text(path, max_bytes=max_bytes, max_ratio=max_ratio) as stream:
            if path.name.lower().removesuffix(".gz").endswith(".csv"):
                items: Iterable[Any] = rows_or_errors(csv.DictReader(stream))
            else:
                try:
                    items = json.load(stream)
                except json.JSONDecodeError as err:
                    yield Skipped(origin, f"invalid JSON: {err.msg} (line {err.lineno})")
                    return
                if isinstance(items, dict):
                    items = [items]
                if not is_flight_list(items) and items:
                    yield Skipped(origin, "not an OpenSky flight list: objects lack icao24, firstSeen, lastSeen")
                    return
            for number, item in enumerate(items, start=1):
                stats.rows += 1
                if isinstance(item, csv.Error):
                    bad = errors.error(f"flight-{number}", f"not a CSV row: {item}")
                    yield from [bad] if bad else []
                    continue
                yield from _flight(item, f"{origin}#flight-{number}", known_airports, stats, errors, number)
    except READ_ERRORS as err:
        yield unreadable(origin, err)
    summary = errors.summary()
    if summary:
        yield summary


def _flight(item: Any, where: str, known: Container[str] | None, stats: ReadStats, errors: ErrorCap,
            number: int) -> Iterator[Flight | Skipped]:
    values = {str(k).strip().lower(): v for k, v in item.items()} if isinstance(item, dict) else {}
    icao24 = str(values.get("icao24") or "").strip().lower()
    callsign = str(values.get("callsign") or "").strip() or None
    label = f"flight {icao24 or '?'}" + (f" {callsign}" if callsign else "")
    try:
        if len(icao24) != 6 or not is_hex(icao24):
            raise ValueError(f"icao24 '{icao24}' is not 6 hex digits")
        first, last = _when(values.get("firstseen"), "firstSeen"), _when(values.get("lastseen"), "lastSeen")
        if last < first:
            raise ValueError(f"lastSeen {last:%Y-%m-%dT%H:%M:%SZ} is before firstSeen {first:%Y-%m-%dT%H:%M:%SZ}")
        if (last - first).total_seconds() > MAX_FLIGHT_S:
            raise ValueError(f"lasts {(last - first).total_seconds() / 3600:,.0f} hours: longer than any flight")
    except ValueError as err:
        bad = errors.error(f"flight-{number}", f"{label}: {err}")
        if bad:
            yield bad
        return
    ends = []
    for keys, what in ((DEPARTURE_KEYS, "departure"), (ARRIVAL_KEYS, "arrival")):
        code = next((str(values[k]).strip().upper() for k in keys if values.get(k)), None)
        if code and known is not None and code not in known:
            bad = errors.error(f"flight-{number}", f"{label}: unknown {what} airport '{code}'; flight kept without it")
            if bad:
                yield bad
            code = None
        ends.append(code)
    stats.valid += 1
    yield Flight(icao24, callsign, first, last, ends[0], ends[1],
                 str(values.get("typecode") or "").strip().upper() or None, where)


def _when(value: Any, name: str) -> datetime:
    """A UTC datetime from Unix seconds or an ISO 8601 string."""
    if value is None or value == "":
        raise ValueError(f"{name} is missing")
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        try:
            moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"{name} '{value}' is neither Unix seconds nor an ISO date") from None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        seconds = moment.timestamp()
    if not MIN_TIME <= seconds <= MAX_TIME:
        raise ValueError(f"{name} {value} out of range (not a Unix time)")
    return datetime.fromtimestamp(seconds, UTC)


# --- aircraft registry --------------------------------------------------------------------------


def read_aircraft_registry(path: Path, *, keep: Container[str] | None = None, max_bytes: int | None = None,
                           max_ratio: int = DEFAULT_MAX_RATIO) -> Iterator[Airframe | Skipped]:
    """Airframes of an aircraft database CSV (icao24, typecode, operatoricao; OpenSky's layout).

    `keep` limits the output to these type designators: the full database has half a million
    rows, of which a monitor needs the few thousand transports.
    """
    origin = str(path)
    try:
        with open_text(path, max_bytes=max_bytes, max_ratio=max_ratio) as stream:
            reader = csv.DictReader(stream)
            if reader.fieldnames is None or not is_aircraft_registry(reader.fieldnames):
                yield Skipped(origin, "not an aircraft registry CSV: the header lacks icao24, typecode")
                return
            for number, row in enumerate(rows_or_errors(reader), start=1):
                if isinstance(row, csv.Error):
                    yield Skipped(f"{origin}#row-{number}", f"not a CSV row: {row}")
                    continue
                values = {str(k).strip().lower(): (v or "").strip() for k, v in row.items() if k}
                icao24 = values.get("icao24", "").lower()
                if len(icao24) != 6 or not is_hex(icao24):
                    yield Skipped(f"{origin}#row-{number}", f"icao24 '{icao24}' is not 6 hex digits")
                    continue
                type_code = values.get("typecode", "").upper() or None
                if keep is not None and type_code not in keep:
                    continue
                yield Airframe(icao24, type_code, values.get("operatoricao", "").upper() or None)
    except READ_ERRORS as err:
        yield unreadable(origin, err)
