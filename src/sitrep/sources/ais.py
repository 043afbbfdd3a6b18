"""AIS ship positions: NMEA sentences (decoded with pyais; multi-sentence messages reassembled) and
the Danish Maritime Authority's daily CSV layout -> ShipPosition records, streamed.

NMEA carries no date: a line needs a tag block `\\c:<unix seconds>\\`, a leading time (ISO 8601 or
Unix seconds) or a trailing `,<unix seconds>` after the checksum (how receivers log). Names and
ship types come from static messages (types 5 and 24) and are attached to the positions after them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.records import ShipPosition, Skipped
from sitrep.sources.csvrecords import CsvLayout, read_csv_records
from sitrep.sources.fields import BadField, number, point
from sitrep.sources.flights import ErrorCap, ReadStats
from sitrep.sources.guard import READ_ERRORS, bounded_lines, open_bounded, unreadable

SENTENCE = re.compile(rb"!(?:AI|AB|BS)VD[MO],(\d),(\d),(\d?),([AB12]?),([^,]*),(\d)\*[0-9A-Fa-f]{2}")
TAG_TIME = re.compile(rb"\\(?:[^\\]*[,:])?c:(\d{9,10})")
LEAD_TIME = re.compile(rb"^\s*(\d{9,10}(?:\.\d+)?|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?)[\s,;]")
TRAIL_TIME = re.compile(rb"\*[0-9A-Fa-f]{2},(\d{9,10})(?:\.\d+)?\s*$")
POSITION_TYPES = {1, 2, 3, 18, 19, 27}
DMA_REQUIRED = ("# timestamp", "mmsi", "latitude", "longitude")
# The DMA files spell the ship type out; the AIS codes they stand for (ITU-R M.1371 table 53).
DMA_TYPES = {"military": 35, "law enforcement": 55, "sar": 51, "tug": 52, "pilot": 50, "port tender": 53,
             "cargo": 70, "tanker": 80, "passenger": 60, "fishing": 30, "pleasure": 37, "sailing": 36,
             "towing": 31, "dredging": 33, "diving": 34, "hsc": 40, "other": 90}


def is_nmea(head: bytes) -> bool:
    """True when the first lines hold AIS sentences."""
    return bool(SENTENCE.search(head))


def is_dma_csv(header: list[str]) -> bool:
    names = {h.strip().lower() for h in header}
    return set(DMA_REQUIRED) <= names


def read_nmea(path: Path, *, stats: ReadStats | None = None, max_errors: int = 20) -> Iterator[ShipPosition | Skipped]:
    """Positions from AIS sentences, in file order; a bad sentence is skipped naming its line."""
    from pyais import decode
    from pyais.exceptions import AISBaseException

    origin = str(path)
    stats = stats or ReadStats()
    errors = ErrorCap(origin, stats, max_errors)
    parts: dict[tuple[bytes, bytes], list[bytes]] = {}
    static: dict[int, tuple[str | None, int | None, str | None]] = {}
    try:
        with open_bounded(path, max_bytes=1 << 62) as stream:
            for line, raw in bounded_lines(stream, max_line=2000):
                if raw is None or not raw.strip():
                    continue
                m = SENTENCE.search(raw)
                if m is None:
                    continue  # receiver chatter ($PGHP, comments)
                stats.rows += 1
                total, number_, seq = int(m.group(1)), int(m.group(2)), m.group(3)
                sentence = m.group(0)
                if total > 1:
                    key = (seq, m.group(4))
                    got = parts.setdefault(key, []) if number_ == 1 else parts.get(key)
                    if number_ == 1:
                        got.clear()  # type: ignore[union-attr]
                    if got is None:
                        continue  # a later part without its first: dropped with the message
                    got.append(sentence)
                    if number_ < total:
                        continue
                    sentences = parts.pop(key)
                else:
                    sentences = [sentence]
                try:
                    t = _line_time(raw)
                    msg = decode(*sentences).asdict()
                    item = _message(msg, t, static, origin, line)
                except (BadField, AISBaseException, ValueError, KeyError, IndexError) as bad:
                    if skip := errors.error(f"line-{line}", f"line {line}: {bad}"):
                        yield skip
                    continue
                if item is not None:
                    stats.valid += 1
                    yield item
    except READ_ERRORS as err:
        yield unreadable(origin, err)
    if tail := errors.summary():
        yield tail


def _line_time(raw: bytes) -> float:
    for pattern in (TAG_TIME, TRAIL_TIME, LEAD_TIME):
        if m := pattern.search(raw):
            text = m.group(1).decode()
            if text[:10].isdigit() and "-" not in text:
                return float(text)
            return datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T")).replace(tzinfo=UTC).timestamp()
    raise BadField("time", "no time on the line (tag block c:, leading or trailing Unix time)")


def _message(msg: Mapping[str, Any], t: float, static: dict[int, tuple[str | None, int | None, str | None]],
             origin: str, line: int) -> ShipPosition | None:
    kind, mmsi = int(msg["msg_type"]), int(msg["mmsi"])
    if kind == 5 or kind == 24:
        name, ship_type, callsign = static.get(mmsi, (None, None, None))
        name = _clean(msg.get("shipname")) or name
        ship_type = int(msg["ship_type"]) if msg.get("ship_type") is not None else ship_type
        static[mmsi] = (name, ship_type, _clean(msg.get("callsign")) or callsign)
        return None
    if kind not in POSITION_TYPES:
        return None
    lat, lon = msg.get("lat"), msg.get("lon")
    if lat is None or lon is None or float(lat) == 91 or float(lon) == 181:
        return None  # "not available" by the AIS convention
    y, x = point(lat, lon)
    sog = msg.get("speed")
    name, ship_type, callsign = static.get(mmsi, (None, None, None))
    return ShipPosition(t, mmsi, y, x, None if sog is None or float(sog) >= 102.3 else float(sog),
                        name, ship_type, callsign, origin, line)


def _clean(value: object) -> str | None:
    text = str(value or "").replace("@", "").strip()
    return text or None


def read_dma(path: Path, *, stats: ReadStats | None = None, max_errors: int = 20) -> Iterator[ShipPosition | Skipped]:
    """Positions from a DMA AIS CSV ("# Timestamp" day first, "Ship type" spelled out)."""
    origin = str(path)

    def layout(header: list[str]) -> CsvLayout[ShipPosition] | None:
        if not is_dma_csv(header):
            return None
        ix = {h.strip().lower(): i for i, h in enumerate(header)}
        return CsvLayout(len(header), lambda row, line: _dma_row(row, ix, origin, line))

    return read_csv_records(path, layout, stats=stats, max_errors=max_errors,
                            refusal="not a DMA AIS CSV: the header needs # Timestamp, MMSI, Latitude, Longitude")


def _dma_row(row: list[str], ix: dict[str, int], origin: str, line: int) -> ShipPosition | None:
    def get(name: str) -> str:
        i = ix.get(name)
        return row[i].strip() if i is not None else ""

    stamp = get("# timestamp")
    try:
        t = datetime.strptime(stamp, "%d/%m/%Y %H:%M:%S").replace(tzinfo=UTC).timestamp()
    except ValueError:
        raise BadField("# Timestamp", f"{stamp[:30]!r} is not DD/MM/YYYY HH:MM:SS") from None
    mmsi_text = get("mmsi")
    if not mmsi_text.isdigit() or not 0 < int(mmsi_text) < 1_000_000_000:
        raise BadField("MMSI", f"{mmsi_text[:20]!r} is not a 9-digit MMSI")
    if get("latitude") in {"", "91", "91.0"} or get("longitude") in {"", "181", "181.0"}:
        return None  # no position in this row (static data only)
    lat, lon = point(get("latitude"), get("longitude"))
    sog = number(get("sog"), "SOG", 0, 102.2, required=False)
    kind = get("ship type").lower()
    return ShipPosition(t, int(mmsi_text), lat, lon, sog, _clean(get("name")), DMA_TYPES.get(kind),
                        _clean(get("callsign")), origin, line)
