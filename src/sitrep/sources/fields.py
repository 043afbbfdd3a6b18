"""Field parsing shared by the readers of community formats (FIRMS, ACLED, UCDP, footage maps,
AIS): CSV rows numbered as a spreadsheet numbers them, dates in the layouts these sources use, and
bounded numbers; a bad field raises BadField naming it."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

from sitrep.sources.guard import open_bounded, rows_or_errors

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_DMY_TEXT = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
EARLIEST = date(1946, 1, 1)  # before any dataset, footage or satellite these readers meet


class BadField(ValueError):
    """A field that cannot be read; str() is "field: reason"."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")


def csv_rows(stream: IO[str]) -> Iterator[tuple[int, list[str] | csv.Error]]:
    """(line number, row) of a CSV stream, header included as line 1; a csv.Error in place of a
    row the csv module refused (the rows after it are still read)."""
    reader = csv.reader(stream)
    for row in rows_or_errors(reader):
        yield reader.line_num, row


def open_csv(path: Path) -> IO[str]:
    """A CSV file as text (BOM dropped, bad bytes replaced, gunzipped when .gz); streamed, so no
    size limit is needed."""
    return io.TextIOWrapper(open_bounded(path, max_bytes=sys.maxsize), encoding="utf-8-sig",
                            errors="replace", newline="")


def number(value: str | float | int | None, field: str, lo: float, hi: float, *, required: bool = True
           ) -> float | None:
    """A float within [lo, hi]; None for an empty optional value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise BadField(field, "missing")
        return None
    try:
        x = float(value.strip().replace(",", ".") if isinstance(value, str) else value)
    except (TypeError, ValueError):
        raise BadField(field, f"{str(value)[:40]!r} is not a number") from None
    if not lo <= x <= hi:  # also refuses NaN
        raise BadField(field, f"{x:g} is out of range ({lo:g}..{hi:g})")
    return x


def point(lat: object, lon: object) -> tuple[float, float]:
    """(lat, lon) checked for range; the field names are `latitude` and `longitude`."""
    y = number(lat if isinstance(lat, (str, float, int)) else None, "latitude", -90, 90)
    x = number(lon if isinstance(lon, (str, float, int)) else None, "longitude", -180, 180)
    assert x is not None and y is not None
    if x == 0 and y == 0:
        raise BadField("latitude, longitude", "0, 0 is a placeholder, not a place")
    return y, x


def parse_moment(value: object, field: str, *, day_first: bool = True) -> datetime:
    """A UTC datetime from ISO 8601, "14 December 2024", "14/12/2024 10:32" (day first) or
    "12/14/2024" (month first: `day_first=False`), or Unix seconds; midnight for a bare day."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _checked(datetime.fromtimestamp(float(value), UTC), field)
    text = str(value or "").strip()
    if not text:
        raise BadField(field, "missing")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return _checked(moment if moment.tzinfo else moment.replace(tzinfo=UTC), field)
    except ValueError:
        pass
    if m := _DMY_TEXT.match(text):
        month = MONTHS.get(m.group(2).lower()) or next(
            (n for name, n in MONTHS.items() if name.startswith(m.group(2).lower()[:3])), None)
        if month:
            return _day(int(m.group(3)), month, int(m.group(1)), field, text)
    if m := _NUMERIC.match(text):
        a, b, c = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year, month, day = (a, b, c) if m.group(1) and len(m.group(1)) == 4 else (c, b, a) if day_first else (c, a, b)
        moment = _day(year, month, day, field, text)
        if m.group(4):
            try:
                moment = moment.replace(hour=int(m.group(4)), minute=int(m.group(5)), second=int(m.group(6) or 0))
            except ValueError:
                raise BadField(field, f"{text!r} has an impossible time") from None
        return moment
    raise BadField(field, f"{text[:40]!r} is not a date")


def _day(year: int, month: int, day: int, field: str, text: str) -> datetime:
    try:
        return _checked(datetime(year, month, day, tzinfo=UTC), field)
    except ValueError:
        raise BadField(field, f"{text!r} is not a possible date") from None


def _checked(moment: datetime, field: str) -> datetime:
    moment = moment.astimezone(UTC)
    if moment.date() < EARLIEST or moment.date() > date.today().replace(year=date.today().year + 1):
        raise BadField(field, f"{moment.date().isoformat()} is out of range")
    return moment


def text_or_none(value: object, limit: int = 4000) -> str | None:
    """A stripped string, cut at `limit` characters, or None when empty."""
    text = str(value).strip() if value is not None else ""
    return text[:limit] or None
