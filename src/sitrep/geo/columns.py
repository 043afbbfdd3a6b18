"""The gazetteer's cache file: columns and name index laid out flat and read through a memory map.

One file: an 8-byte header length, a marshal header (section offsets, small lists), then sections
aligned to 8 bytes. Numbers are packed arrays; strings are one UTF-8 blob with offsets, or, where
few values repeat (countries, feature codes, site ids), codes into a small list. The name index is
its sorted keys (a string table) with each key's rows. Nothing is decoded at load: a look-up
bisects the keys and decodes the twenty or so it compares, so start-up costs no parsing and the
memory is the operating system's page cache, shared between processes, not Python objects.
"""

from __future__ import annotations

import bisect
import marshal
import mmap
from array import array
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

FORMAT = "sitrep-gazetteer-2"
NUMBER_COLUMNS = {"lat": "d", "lon": "d", "population": "q", "resolution": "B", "admin1": "i", "admin2": "i"}
CODED_COLUMNS = ("country", "feature", "site")
_LOOKUP_CACHE = 50_000  # decoded look-ups kept (names recur across documents)


class StringTable(Sequence[str]):
    """Strings stored as one UTF-8 blob and their end offsets."""

    def __init__(self, blob: memoryview, ends: memoryview) -> None:
        self._blob = blob
        self._ends = ends

    def __len__(self) -> int:
        return len(self._ends)

    def raw(self, i: int) -> bytes:
        """The i-th string's UTF-8 bytes."""
        start = self._ends[i - 1] if i else 0
        return bytes(self._blob[start:self._ends[i]])

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return self.raw(i + len(self) if i < 0 else i).decode("utf-8")


class CodedStrings(Sequence[str]):
    """A column of few distinct strings: codes into a list of values."""

    def __init__(self, values: list[str], codes: memoryview) -> None:
        self._values = values
        self._codes = codes

    def __len__(self) -> int:
        return len(self._codes)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self._values[c] for c in self._codes[i]]
        return self._values[self._codes[i]]


class NameIndex(Mapping[str, "int | tuple[int, ...]"]):
    """Folded name -> row (one place) or rows (best first), over sorted keys."""

    def __init__(self, keys: StringTable, ends: memoryview, rows: memoryview) -> None:
        self._keys = keys
        self._ends = ends
        self._rows = rows
        self._cache: dict[str, int | tuple[int, ...] | None] = {}

    def _position(self, key: str) -> int:
        # Bisect on the UTF-8 bytes (their order is the code points' order): no decoding.
        raw = key.encode("utf-8")
        keys = self._keys
        i = bisect.bisect_left(range(len(keys)), raw, key=keys.raw)
        return i if i < len(keys) and keys.raw(i) == raw else -1

    def get(self, key: str, default: Any = None) -> Any:
        if key in self._cache:
            found = self._cache[key]
            return default if found is None else found
        i = self._position(key)
        found = None
        if i >= 0:
            start = self._ends[i - 1] if i else 0
            rows = tuple(self._rows[start:self._ends[i]])
            found = rows[0] if len(rows) == 1 else rows
        if len(self._cache) >= _LOOKUP_CACHE:
            self._cache.clear()
        self._cache[key] = found
        return default if found is None else found

    def __getitem__(self, key: str) -> int | tuple[int, ...]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def write_columns(path: Path, columns: dict[str, Any], index: Mapping[str, int | tuple[int, ...]]) -> None:
    """Writes columns and index in the flat layout that `read_columns` maps."""
    sections: list[tuple[str, bytes]] = []
    small: dict[str, Any] = {"capitals": list(columns.get("capitals", ()))}
    for name, code in NUMBER_COLUMNS.items():
        sections.append((name, array(code, columns[name]).tobytes()))
    for name in CODED_COLUMNS:
        values = sorted(set(columns[name]))
        position = {v: i for i, v in enumerate(values)}
        small[name] = values
        sections.append((name, array("I", (position[v] for v in columns[name])).tobytes()))
    sections += _string_sections("name", columns["name"])
    keys = sorted(index)
    sections += _string_sections("keys", keys)
    ends = array("I")
    rows = array("i")
    for key in keys:
        found = index[key]
        rows.extend((found,) if isinstance(found, int) else found)
        ends.append(len(rows))
    sections += [("key_ends", ends.tobytes()), ("key_rows", rows.tobytes())]
    layout: dict[str, tuple[int, int]] = {}
    offset = 0
    for name, data in sections:
        layout[name] = (offset, len(data))
        offset += len(data) + (-len(data) % 8)
    header = marshal.dumps({"format": FORMAT, "layout": layout, "small": small})
    header += b"\0" * (-(len(header) + 8) % 8)
    with path.open("wb") as out:
        out.write(len(header).to_bytes(8, "little"))
        out.write(header)
        for _, data in sections:
            out.write(data)
            out.write(b"\0" * (-len(data) % 8))


def _string_sections(name: str, strings: Sequence[str]) -> list[tuple[str, bytes]]:
    blob = bytearray()
    ends = array("I")
    for text in strings:
        blob += text.encode("utf-8")
        ends.append(len(blob))
    return [(f"{name}_blob", bytes(blob)), (f"{name}_ends", ends.tobytes())]


def read_columns(path: Path) -> tuple[dict[str, Any], NameIndex]:
    """Columns and index of a cache file, mapped, not read (ValueError when it is no such file)."""
    with path.open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    whole = memoryview(mapped)
    size = int.from_bytes(whole[:8], "little")
    try:
        header = marshal.loads(whole[8:8 + size])
    except (EOFError, TypeError, ValueError) as err:
        raise ValueError("not a gazetteer file") from err
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ValueError("not a gazetteer file of this version")
    base = 8 + size

    def section(name: str, code: str = "B") -> memoryview:
        offset, length = header["layout"][name]
        view: Any = whole[base + offset:base + offset + length]
        return view.cast(code)

    columns: dict[str, Any] = {name: section(name, code) for name, code in NUMBER_COLUMNS.items()}
    for name in CODED_COLUMNS:
        columns[name] = CodedStrings(header["small"][name], section(name, "I"))
    columns["name"] = StringTable(section("name_blob"), section("name_ends", "I"))
    columns["capitals"] = header["small"]["capitals"]
    keys = StringTable(section("keys_blob"), section("keys_ends", "I"))
    return columns, NameIndex(keys, section("key_ends", "I"), section("key_rows", "i"))
