"""Walks files and folders, guards against bad input, and dispatches each file to its reader."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from sitrep.records import Report, ReportDefaults, Skipped, TextFile
from sitrep.sources.decode import decode_bytes, looks_binary
from sitrep.sources.feeds import read_feed
from sitrep.sources.html import read_html
from sitrep.sources.jsonl import read_jsonl
from sitrep.sources.text import read_text

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Yields files under the given paths (folders recursively, sorted), or Skipped for bad paths."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.relative_to(path).parts):
                    yield child
        elif path.is_file():
            yield path
        elif path.exists():
            yield Skipped(str(path), "not a regular file")
        else:
            yield Skipped(str(path), "no such file or folder")


def read_path(path: Path, *, defaults: ReportDefaults, max_bytes: int) -> Iterator[Report | Skipped]:
    """Reads one file into reports (a feed or jsonl file gives several), or a Skipped reason."""
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Skipped(origin, f"unsupported file type '{suffix or path.name}'")
        return
    data = read_guarded(path, max_bytes=max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    if looks_binary(data):
        yield Skipped(origin, "binary content, not a text report")
        return
    text = decode_bytes(data)
    if text is None:
        yield Skipped(origin, "unknown text encoding")
        return
    for item in _dispatch(suffix, origin, text, data):
        yield _apply_defaults(item, defaults)


def read_guarded(path: Path, *, max_bytes: int) -> bytes | Skipped:
    """A file's bytes, or why not: empty, larger than the limit, unreadable."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            return Skipped(origin, "empty file")
        if size > max_bytes:
            return Skipped(origin, f"too large ({_human(size)} > limit {_human(max_bytes)})")
        return path.read_bytes()
    except OSError as err:
        return Skipped(origin, f"unreadable: {err.strerror or err}")


def read_inputs(
    paths: Iterable[Path], *, defaults: ReportDefaults, max_bytes: int
) -> Iterator[Report | Skipped]:
    """Reads every file under the paths, in a stable order."""
    for item in iter_input_files(paths):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_path(item, defaults=defaults, max_bytes=max_bytes)


def _dispatch(suffix: str, origin: str, text: str, data: bytes) -> Iterator[Report | Skipped]:
    if suffix in TEXT_SUFFIXES:
        yield from read_text(text, origin=origin)
    elif suffix in HTML_SUFFIXES:
        yield from read_html(text, origin=origin)
    elif suffix in FEED_SUFFIXES:
        yield from read_feed(data, origin=origin)
    else:
        yield from read_jsonl(text, origin=origin)


def _apply_defaults(item: Report | Skipped, defaults: ReportDefaults) -> Report | Skipped:
    if isinstance(item, Skipped):
        return item
    # Flags are the user's explicit word for this run, so they win over file metadata.
    if defaults.published is not None:
        item = replace(item, published=defaults.published)
    if defaults.outlet:
        item = replace(item, outlet=defaults.outlet)
    return item


def _human(size: int) -> str:
    """'5.0 MB', '2.0 kB', '900 bytes' (decimal units)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


def read_text_files(paths: Iterable[Path], *, max_bytes: int) -> Iterator[TextFile | Skipped]:
    """Plain-text files under the paths (folders recursively), decoded as UTF-8, or why not."""
    for item in iter_input_files(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        origin = str(item)
        if item.suffix.lower() not in TEXT_SUFFIXES:
            yield Skipped(origin, f"not a plain-text report ('{item.suffix or item.name}')")
            continue
        try:
            data = item.read_bytes()
        except OSError as err:
            yield Skipped(origin, f"unreadable: {err.strerror or err}")
            continue
        if not data.strip():
            yield Skipped(origin, "empty file")
        elif len(data) > max_bytes:
            yield Skipped(origin, f"too large ({len(data)} bytes > limit {max_bytes})")
        elif looks_binary(data):
            yield Skipped(origin, "binary content, not a text report")
        else:
            try:
                yield TextFile(origin, data.decode("utf-8"))
            except UnicodeDecodeError:
                yield Skipped(origin, "not UTF-8 text")
