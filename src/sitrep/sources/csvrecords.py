"""The one loop of the community formats' CSV readers (ACLED/UCDP, FIRMS, DMA AIS): a header
decides the layout, then each row is built on its own; a bad row is reported naming its line and
field (the first MAX_ERRORS, then a count) and the rows around it are kept."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from sitrep.records import Skipped
from sitrep.sources.fields import BadField, csv_rows, open_csv
from sitrep.sources.flights import ErrorCap, ReadStats
from sitrep.sources.guard import READ_ERRORS, unreadable

T = TypeVar("T")


@dataclass(frozen=True)
class CsvLayout(Generic[T]):
    """How a CSV's rows are read, once its header is known."""

    width: int  # fields a row must have
    build: Callable[[list[str], int], T | None]  # (row, line) -> a record, or None to leave the row out
    first_row_is_data: bool = False  # a file without a header row (UCDP GED)


def read_csv_records(path: Path, layout_of: Callable[[list[str]], CsvLayout[T] | None], *, refusal: str,
                     stats: ReadStats | None = None, max_errors: int = 20) -> Iterator[T | Skipped]:
    """The records of a CSV whose first row `layout_of` recognises (else one Skipped saying
    `refusal`); rows are numbered by line, the header being line 1."""
    origin = str(path)
    stats = stats or ReadStats()
    errors = ErrorCap(origin, stats, max_errors)
    try:
        with open_csv(path) as stream:
            rows = csv_rows(stream)
            line0, first = next(rows, (0, []))
            layout = None if isinstance(first, csv.Error) else layout_of(first)
            if layout is None or isinstance(first, csv.Error):
                yield Skipped(origin, refusal)
                return
            if layout.first_row_is_data:
                rows = _chain((line0, first), rows)
            for line, row in rows:
                stats.rows += 1
                try:
                    if isinstance(row, csv.Error):
                        raise BadField("row", str(row))
                    if len(row) != layout.width:
                        raise BadField("row", f"{len(row)} fields, the header has {layout.width}")
                    item = layout.build(row, line)
                except BadField as bad:
                    if skip := errors.error(f"row-{line}", f"row {line}: {bad}"):
                        yield skip
                    continue
                if item is not None:
                    stats.valid += 1
                    yield item
    except READ_ERRORS as err:
        yield unreadable(origin, err)
    if tail := errors.summary():
        yield tail


def _chain(first: tuple[int, list[str]], rest: Iterator[tuple[int, list[str] | csv.Error]]
           ) -> Iterator[tuple[int, list[str] | csv.Error]]:
    yield first
    yield from rest
