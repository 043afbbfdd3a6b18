"""Flight-track readers: OpenSky Network state vectors (historical CSV, REST JSON, JSON Lines of
snapshots or of rows), and the checks that route a .csv/.json file to the right flight reader
(flight lists and aircraft registries: sources/flightlists.py).

Every reader streams: rows are parsed one at a time and memory holds only the last time of each
aircraft seen recently (to catch rows out of order), never the file. A bad row is a Skipped naming
the file, the row and the aircraft ("states.csv#row-1042", "icao24 4b1805: lat 123.4 out of
range"); the first MAX_ERRORS per file are reported one by one, the rest in one summary line.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sitrep.records import Skipped, StateVector
from sitrep.sources.guard import (
    DEFAULT_MAX_RATIO,
    READ_ERRORS,
    open_bounded_text,
    rows_or_errors,
    unreadable,
)

MAX_ERRORS = 20
MIN_TIME, MAX_TIME = 631_152_000, 4_102_444_800  # 1990-01-01 .. 2100-01-01 (Unix seconds)
MAX_SPEED = 1_000.0  # m/s: nothing that files a transponder position flies faster
MIN_ALT, MAX_ALT = -500.0, 25_000.0  # m: Dead Sea shore .. above any transport's ceiling
MAX_VERTRATE = 200.0  # m/s
ORDER_HORIZON_S = 3600.0  # rows this far behind the newest row are out of order for any aircraft
STATE_COLUMNS = ("time", "icao24", "lat", "lon", "velocity", "heading", "vertrate", "callsign", "onground",
                 "alert", "spi", "squawk", "baroaltitude", "geoaltitude", "lastposupdate", "lastcontact")
TRUE, FALSE = {"true", "1", "t"}, {"false", "0", "f"}


@dataclass
class ReadStats:
    """What a reader saw, for summaries and benchmarks (filled while it streams)."""

    rows: int = 0
    valid: int = 0
    errors: int = 0
    no_position: int = 0  # rows without lat/lon: common (no position yet), not an error
    duplicates: int = 0  # same aircraft, same time: dropped silently


class ErrorCap:
    """Reports the first MAX_ERRORS errors of a file and counts the rest."""

    def __init__(self, origin: str, stats: ReadStats, limit: int) -> None:
        self.origin, self.stats, self.limit, self.hidden = origin, stats, limit, 0

    def error(self, where: str, reason: str) -> Skipped | None:
        self.stats.errors += 1
        if self.stats.errors > self.limit:
            self.hidden += 1
            return None
        return Skipped(f"{self.origin}#{where}", reason)

    def summary(self) -> Skipped | None:
        if not self.hidden:
            return None
        return Skipped(self.origin, f"... and {self.hidden:,} more rows with errors")


class _Order:
    """Per-aircraft last time, forgetting aircraft idle for ORDER_HORIZON_S (bounded memory)."""

    def __init__(self) -> None:
        self.last: dict[str, float] = {}
        self.newest = 0.0
        self.swept = 0.0

    def explain(self, icao24: str, t: float) -> str:
        """Why check() refused this time (the refusal changed nothing, so asking again is safe)."""
        return self.check(icao24, t) or "out of order"

    def check(self, icao24: str, t: float) -> str | None:
        """None when in order, "duplicate" or an error reason otherwise."""
        if t > self.newest:
            self.newest = t
            if t - self.swept > ORDER_HORIZON_S:
                cutoff = t - ORDER_HORIZON_S
                self.last = {k: v for k, v in self.last.items() if v >= cutoff}
                self.swept = t
        previous = self.last.get(icao24)
        if previous is None:
            if t < self.newest - ORDER_HORIZON_S:
                return f"time {_iso(t)} is more than an hour before the file's newest row"
            self.last[icao24] = t
            return None
        if t == previous:
            return "duplicate"
        if t < previous:
            return f"time {_iso(t)} is earlier than this aircraft's previous row ({_iso(previous)}); row dropped"
        self.last[icao24] = t
        return None


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def open_text(path: Path, *, max_bytes: int | None = None, max_ratio: int = DEFAULT_MAX_RATIO) -> IO[str]:
    """A text stream of a file, gunzipped when it ends in .gz, that raises TooLarge past
    `max_bytes` (none: no size limit) or past the decompression ratio."""
    return open_bounded_text(path, max_bytes=sys.maxsize if max_bytes is None else max_bytes,
                             max_ratio=max_ratio)


# --- sniffing ---------------------------------------------------------------------------------


def _names(header: Sequence[str]) -> set[str]:
    return {h.strip().lower() for h in header}


def is_state_vector_csv(header: Sequence[str]) -> bool:
    """True for a header of OpenSky state vectors (time, icao24, lat, lon, ...)."""
    return {"time", "icao24", "lat", "lon"} <= _names(header)


def is_flight_list(header_or_item: Sequence[str] | Any) -> bool:
    """True for a flight-list CSV header or a parsed flights JSON (list of objects or one object)."""
    if isinstance(header_or_item, list) and header_or_item and isinstance(header_or_item[0], dict):
        header_or_item = header_or_item[0]
    if isinstance(header_or_item, dict):
        header_or_item = list(header_or_item)
    if not isinstance(header_or_item, (list, tuple)) or not all(isinstance(h, str) for h in header_or_item):
        return False
    return {"icao24", "firstseen", "lastseen"} <= _names(header_or_item)


def is_aircraft_registry(header: Sequence[str]) -> bool:
    """True for an aircraft database CSV (icao24, typecode, ...; no times)."""
    names = _names(header)
    return {"icao24", "typecode"} <= names and "time" not in names and "firstseen" not in names


def looks_like_opensky_json(obj: Any) -> str | None:
    """"states" for a REST state-vector snapshot, "flights" for a flight list, else None."""
    if isinstance(obj, dict) and "states" in obj and isinstance(obj["states"], list | None) and "time" in obj:
        return "states"
    if is_flight_list(obj):
        return "flights"
    return None


def sniff_flight_file(path: Path) -> str | None:
    """What a .csv/.json/.jsonl file holds: "states", "flights", "registry" or None (not ours)."""
    try:
        with open_text(path) as stream:
            head = stream.read(65536)
    except READ_ERRORS:
        return None
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".csv"):
        header = next(csv.reader([head.split("\n", 1)[0]]), [])
        if is_state_vector_csv(header):
            return "states"
        if is_flight_list(header):
            return "flights"
        return "registry" if is_aircraft_registry(header) else None
    first = head.lstrip()[:1]
    if name.endswith((".jsonl", ".ndjson")) or first == "{" and "\n{" in head:
        line = head.split("\n", 1)[0]
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            return None
        return looks_like_opensky_json(item) or ("states" if _state_object(item) else None)
    if first == "[":
        return "flights" if '"firstSeen"' in head or '"firstseen"' in head else None
    return "states" if first == "{" and '"states"' in head else None


def _state_object(item: Any) -> bool:
    return isinstance(item, dict) and {"time", "icao24", "lat", "lon"} <= set(item)


# --- state vectors ------------------------------------------------------------------------------


def read_state_vectors(path: Path, *, stats: ReadStats | None = None, max_errors: int = MAX_ERRORS,
                       max_bytes: int | None = None, max_ratio: int = DEFAULT_MAX_RATIO
                       ) -> Iterator[StateVector | Skipped]:
    """State vectors of one file (CSV, REST JSON or JSON Lines), in file order, with Skipped for
    bad rows; valid rows keep coming after a bad one. Past `max_bytes` (inflated) or the ratio
    the file is cut with a Skipped; the rows before it stand."""
    stats = stats if stats is not None else ReadStats()
    origin = str(path)
    errors = ErrorCap(origin, stats, max_errors)
    try:
        with open_text(path, max_bytes=max_bytes, max_ratio=max_ratio) as stream:
            name = path.name.lower().removesuffix(".gz")
            if name.endswith(".csv"):
                yield from _csv_states(stream, origin, stats, errors)
            elif name.endswith((".jsonl", ".ndjson")):
                yield from _jsonl_states(stream, origin, stats, errors)
            else:
                yield from _json_states(stream, origin, stats, errors)
    except READ_ERRORS as err:
        yield unreadable(origin, err)
    summary = errors.summary()
    if summary:
        yield summary


def _csv_states(stream: IO[str], origin: str, stats: ReadStats, errors: ErrorCap) -> Iterator[StateVector | Skipped]:
    reader = rows_or_errors(csv.reader(stream))
    header = next(reader, None)
    if header is None or isinstance(header, csv.Error) or not is_state_vector_csv(header):
        yield Skipped(origin, "not an OpenSky state-vector CSV: the header lacks time, icao24, lat, lon")
        return
    index = {h.strip().lower(): i for i, h in enumerate(header)}
    columns = [index.get(c) for c in STATE_COLUMNS]
    order = _Order()
    fast = _fast_csv_row(index)
    for number, cells in enumerate(reader, start=1):
        stats.rows += 1
        if isinstance(cells, csv.Error):
            bad = errors.error(f"row-{number}", f"not a CSV row: {cells}")
            if bad:
                yield bad
            continue
        vector = fast(cells, origin, number) if fast else None
        if vector is not None and order.check(vector.icao24, vector.time) is None:
            stats.valid += 1
            yield vector
            continue
        # The slow path says exactly what is wrong (or counts a duplicate or a missing position).
        values = {c: cells[i] if i is not None and i < len(cells) else "" for c, i in zip(STATE_COLUMNS, columns, strict=True)}
        item = _state(values, origin, number, stats, errors, order, checked=vector is not None)
        if item is not None:
            yield item


FAST_COLUMNS = ("time", "icao24", "lat", "lon", "velocity", "heading", "vertrate", "callsign", "onground",
                "baroaltitude", "geoaltitude")


def _fast_csv_row(index: dict[str, int]) -> Callable[[list[str], str, int], StateVector | None] | None:
    """A parser for well-formed rows of a full OpenSky CSV (None when a column is missing): about
    three times faster than the checked path, which still handles every row this one refuses."""
    if not all(c in index for c in FAST_COLUMNS):
        return None
    it, ii, ila, ilo, ive, ihe, ivr, ics, iog, iba, iga = (index[c] for c in FAST_COLUMNS)

    def parse(cells: list[str], origin: str, number: int) -> StateVector | None:
        try:
            t, icao24, lat, lon = float(cells[it]), cells[ii], float(cells[ila]), float(cells[ilo])
            v, h, vr, og, ba, ga = cells[ive], cells[ihe], cells[ivr], cells[iog], cells[iba], cells[iga]
            velocity, heading, vertrate = float(v) if v else None, float(h) if h else None, float(vr) if vr else None
            baro, geo = float(ba) if ba else None, float(ga) if ga else None
            int(icao24, 16)
        except (ValueError, IndexError):
            return None
        onground = True if og == "true" else False if og == "false" else None
        if (len(icao24) != 6 or not icao24.isalnum() or not (MIN_TIME <= t <= MAX_TIME and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0)
                or (og and onground is None)
                or (velocity is not None and not 0.0 <= velocity <= MAX_SPEED)
                or (heading is not None and not 0.0 <= heading <= 360.0)
                or (vertrate is not None and not -MAX_VERTRATE <= vertrate <= MAX_VERTRATE)
                or (baro is not None and not MIN_ALT <= baro <= MAX_ALT)
                or (geo is not None and not MIN_ALT <= geo <= MAX_ALT)):
            return None
        return StateVector(t, icao24.lower(), lat, lon, velocity, heading, vertrate, cells[ics].strip() or None,
                           onground, baro, geo, origin, number)

    return parse


def _jsonl_states(stream: IO[str], origin: str, stats: ReadStats, errors: ErrorCap) -> Iterator[StateVector | Skipped]:
    order = _Order()
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            stats.rows += 1
            bad = errors.error(f"line-{number}", f"invalid JSON: {err.msg}")
            if bad:
                yield bad
            continue
        if looks_like_opensky_json(obj) == "states":
            yield from _snapshot(obj, origin, f"line-{number}-state-", stats, errors, order)
        else:
            stats.rows += 1
            values = obj if _state_object(obj) else {}
            item = _state(values, origin, number, stats, errors, order, where=f"line-{number}")
            if item is not None:
                yield item


def _json_states(stream: IO[str], origin: str, stats: ReadStats, errors: ErrorCap) -> Iterator[StateVector | Skipped]:
    try:
        obj = json.load(stream)  # a REST answer holds one snapshot: at most some ten thousand states
    except json.JSONDecodeError as err:
        yield Skipped(origin, f"invalid JSON: {err.msg} (line {err.lineno})")
        return
    if looks_like_opensky_json(obj) != "states":
        yield Skipped(origin, "not an OpenSky state-vector JSON: no 'time' and 'states'")
        return
    yield from _snapshot(obj, origin, "state-", stats, errors, _Order())


# Positions of the REST API's state array.
REST = {"icao24": 0, "callsign": 1, "time_position": 3, "last_contact": 4, "lon": 5, "lat": 6, "baroaltitude": 7,
        "onground": 8, "velocity": 9, "heading": 10, "vertrate": 11, "geoaltitude": 13}


def _snapshot(obj: dict[str, Any], origin: str, prefix: str, stats: ReadStats, errors: ErrorCap,
              order: _Order) -> Iterator[StateVector | Skipped]:
    for k, state in enumerate(obj.get("states") or [], start=1):
        stats.rows += 1
        if not isinstance(state, list) or len(state) < 12:
            bad = errors.error(f"{prefix}{k}", "state is not an array of at least 12 values")
            if bad:
                yield bad
            continue
        values = {name: state[i] for name, i in REST.items() if i < len(state)}
        values["time"] = values.get("time_position") or values.get("last_contact") or obj.get("time")
        item = _state(values, origin, k, stats, errors, order, where=f"{prefix}{k}")
        if item is not None:
            yield item


def _state(values: dict[str, Any], origin: str, number: int, stats: ReadStats, errors: ErrorCap, order: _Order,
           where: str | None = None, checked: bool = False) -> StateVector | Skipped | None:
    """A valid StateVector, a Skipped (reported error), or None (dropped: duplicate, no position,
    unreported error). `checked`: the order was checked already and failed."""
    where = where or f"row-{number}"
    icao24 = str(values.get("icao24") or "").strip().lower()
    try:
        if len(icao24) != 6 or not is_hex(icao24):
            raise ValueError(f"icao24 '{icao24}' is not 6 hex digits")
        lat, lon = values.get("lat"), values.get("lon")
        if lat in (None, "") and lon in (None, ""):
            stats.no_position += 1
            return None
        vector = StateVector(
            _number(values.get("time"), "time", MIN_TIME, MAX_TIME, required=True),  # type: ignore[arg-type]
            icao24,
            _number(lat, "lat", -90.0, 90.0, required=True),  # type: ignore[arg-type]
            _number(lon, "lon", -180.0, 180.0, required=True),  # type: ignore[arg-type]
            _number(values.get("velocity"), "velocity", 0.0, MAX_SPEED),
            _number(values.get("heading"), "heading", 0.0, 360.0),
            _number(values.get("vertrate"), "vertrate", -MAX_VERTRATE, MAX_VERTRATE),
            str(values.get("callsign") or "").strip() or None,
            _flag(values.get("onground")),
            _number(values.get("baroaltitude"), "baroaltitude", MIN_ALT, MAX_ALT),
            _number(values.get("geoaltitude"), "geoaltitude", MIN_ALT, MAX_ALT),
            origin, number,
        )
    except ValueError as err:
        label = f"icao24 {icao24}: " if len(icao24) == 6 and is_hex(icao24) else ""
        return errors.error(where, f"{label}{err}")
    problem = order.check(icao24, vector.time) if not checked else order.explain(icao24, vector.time)
    if problem == "duplicate":
        stats.duplicates += 1
        return None
    if problem:
        return errors.error(where, f"icao24 {icao24}: {problem}")
    stats.valid += 1
    return vector


def _number(value: Any, name: str, lo: float, hi: float, *, required: bool = False) -> float | None:
    if value is None or value == "":
        if required:
            raise ValueError(f"{name} is missing")
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} '{value}' is not a number") from None
    if not lo <= number <= hi:  # also catches NaN
        raise ValueError(f"{name} {number:g} out of range" + (" (not a Unix time)" if name == "time" else ""))
    return number


def _flag(value: Any) -> bool | None:
    if value is None or value == "" or isinstance(value, bool):
        return value if isinstance(value, bool) else None
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(f"onground '{value}' is not true or false")


def is_hex(text: str) -> bool:
    """True for a hexadecimal string (an icao24 address)."""
    if not text.isalnum():
        return False
    try:
        int(text, 16)
    except ValueError:
        return False
    return True
