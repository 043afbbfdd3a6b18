"""Bounded reading for every reader: a file (gunzipped when it ends in .gz) read through a counter
that stops at the size limit and at a decompression ratio, and lines read with a length cap, so
no input holds more than the limit in memory however large it is or inflates to."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TypeVar, cast

from sitrep.records import Skipped
from sitrep.settings import DEFAULT_MAX_RATIO

T = TypeVar("T")

# Text reports and flight files compress 3-15 times; a file that inflates DEFAULT_MAX_RATIO (100)
# times its size is a zip bomb or a file of padding, not data (SITREP_MAX_RATIO raises it).
# Below this a ratio means nothing (a few kB of one repeated line inflate 500 times).
RATIO_FLOOR = 1_000_000


class TooLarge(Exception):
    """A file or line over a limit; the message is the one-line reason."""


def human_size(size: int) -> str:
    """'5.0 MB', '2.0 kB', '900 bytes' (decimal units)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


class _Counted(io.RawIOBase):
    """Reads from `inner` and raises TooLarge past `max_bytes` or past `max_ratio` x `stored`."""

    def __init__(self, inner: IO[bytes], *, max_bytes: int, stored: int | None, max_ratio: int) -> None:
        self.inner, self.max_bytes, self.stored, self.max_ratio = inner, max_bytes, stored, max_ratio
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(len(buffer))
        self.count += len(data)
        if self.count > self.max_bytes:
            raise TooLarge(f"too large (more than the limit {human_size(self.max_bytes)})")
        if self.stored is not None and self.count > max(RATIO_FLOOR, self.stored * self.max_ratio):
            raise TooLarge(f"decompression bomb: inflates more than {self.max_ratio} times its "
                           f"{human_size(self.stored)} (limit {self.max_ratio}x)")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.inner.close()
        super().close()


def open_bounded(path: Path, *, max_bytes: int, max_ratio: int = DEFAULT_MAX_RATIO) -> io.BufferedReader:
    """The bytes of a file (inflated when it ends in .gz) that raise TooLarge past the limits."""
    inner, stored = cast(IO[bytes], path.open("rb")), None
    if path.suffix.lower() == ".gz":
        inner, stored = cast(IO[bytes], gzip.open(path, "rb")), path.stat().st_size
    return io.BufferedReader(_Counted(inner, max_bytes=max_bytes, stored=stored, max_ratio=max_ratio))


def open_bounded_text(path: Path, *, max_bytes: int, max_ratio: int = DEFAULT_MAX_RATIO) -> IO[str]:
    """A UTF-8 text stream of a file (inflated when .gz) that raises TooLarge past the limits."""
    return io.TextIOWrapper(open_bounded(path, max_bytes=max_bytes, max_ratio=max_ratio),
                            encoding="utf-8", newline="")


def bounded_lines(stream: IO[bytes], *, max_line: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line of a byte stream; None for a line longer than
    `max_line` bytes, which is read past in pieces rather than held."""
    number = 0
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            return
        number += 1
        if len(line) <= max_line or line.endswith(b"\n") and len(line) == max_line + 1:
            yield number, line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(1 << 20)
        yield number, None


# What a flight reader may meet in a file and report as its one-line reason.
READ_ERRORS = (OSError, UnicodeDecodeError, EOFError, TooLarge, RecursionError)


def unreadable(origin: str, err: BaseException) -> Skipped:
    """The Skipped of a file a reader had to stop in (size, bomb, encoding, I/O)."""
    if isinstance(err, TooLarge):
        return Skipped(origin, f"{err}; rows before that point were read")
    if isinstance(err, RecursionError):
        return Skipped(origin, "invalid JSON: nested too deeply")
    return Skipped(origin, f"unreadable: {err}")


def rows_or_errors(rows: Iterator[T]) -> Iterator[T | csv.Error]:
    """The rows of a csv reader, with a csv.Error in place of a row it refused (a field over
    the csv module's 128 kB limit, a NUL): the rows after it are still read."""
    while True:
        try:
            yield next(rows)
        except StopIteration:
            return
        except csv.Error as err:
            yield err
