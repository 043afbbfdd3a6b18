"""Walks files and folders, guards against bad input, and dispatches each file to its reader."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from sitrep.records import Report, ReportDefaults, Skipped, TextFile
from sitrep.sources.decode import decode_bytes, looks_binary, utf16_order
from sitrep.sources.feeds import read_feed
from sitrep.sources.guard import TooLarge, human_size, open_bounded
from sitrep.sources.html import read_html
from sitrep.sources.jsonl import read_jsonl, read_jsonl_file
from sitrep.sources.language import detect_language
from sitrep.sources.text import read_text

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES


def iter_input_files(paths: Iterable[Path], *, follow_symlinks: bool = False) -> Iterator[Path | Skipped]:
    """Yields files under the given paths (folders recursively, sorted), or Skipped for bad paths.

    A path given by name is read even when it is a link; links met while walking a folder are
    skipped unless `follow_symlinks` (a link in a shared folder can point at /etc/passwd)."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path, follow_symlinks=follow_symlinks)
        elif path.is_file():
            yield path
        elif path.exists():
            yield Skipped(str(path), "not a regular file")
        else:
            yield Skipped(str(path), "no such file or folder")


def _walk(root: Path, *, follow_symlinks: bool) -> list[Path | Skipped]:
    """Files under a folder in path order, hidden names left out; links skipped or followed once."""
    found: list[Path | Skipped] = []
    seen: set[Path] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_symlinks):
        here = Path(dirpath)
        seen.add(here.resolve())
        kept = []
        for name in dirnames:
            sub = here / name
            if name.startswith("."):
                continue
            if sub.is_symlink():
                if not follow_symlinks:
                    found.append(Skipped(str(sub), LINK_SKIPPED))
                    continue
                if sub.resolve() in seen:
                    found.append(Skipped(str(sub), "symbolic link to a folder already read"))
                    continue
            kept.append(name)
        dirnames[:] = kept
        found.extend(_file_or_skip(here / name, follow_symlinks) for name in filenames
                     if not name.startswith("."))
    return sorted(found, key=lambda item: Path(item.origin) if isinstance(item, Skipped) else item)


LINK_SKIPPED = "symbolic link, not followed (--follow-symlinks reads what links point to)"


def _file_or_skip(path: Path, follow_symlinks: bool) -> Path | Skipped:
    if path.is_symlink() and not follow_symlinks:
        return Skipped(str(path), LINK_SKIPPED)
    if path.is_file():
        return path
    return Skipped(str(path), "broken symbolic link" if path.is_symlink() else "not a regular file")


def read_path(path: Path, *, defaults: ReportDefaults, max_bytes: int) -> Iterator[Report | Skipped]:
    """Reads one file into reports (a feed or jsonl file gives several), or a Skipped reason.

    A JSON Lines file is streamed: the limit applies to each line (each report), so one huge
    line is skipped and the others are still read."""
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Skipped(origin, f"unsupported file type '{suffix or path.name}'")
        return
    if suffix in JSONL_SUFFIXES and _streamable(path):
        for item in read_jsonl_file(path, max_line=max_bytes):
            yield _apply_defaults(item, defaults)
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
        item = _apply_defaults(item, defaults)
        if isinstance(item, Report) and item.published is None and suffix in SINGLE_REPORT_SUFFIXES:
            item = replace(item, published=date_in_name(path.name))
        yield item


SINGLE_REPORT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_name(name: str) -> date | None:
    """A report's day from its file name ("2024-12-16_levant_monitor.txt", "report-20241216.html"):
    the last resort when neither front matter nor page metadata (htmldate, through trafilatura)
    gives one."""
    match = _NAME_DATE.search(name)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _streamable(path: Path) -> bool:
    """False for files the line reader cannot split (UTF-16, binary, empty, unreadable): the
    whole-file path says what is wrong with them."""
    try:
        with path.open("rb") as f:
            head = f.read(8192)
    except OSError:
        return False
    return bool(head.strip()) and not looks_binary(head) and utf16_order(head) is None


def read_guarded(path: Path, *, max_bytes: int) -> bytes | Skipped:
    """A file's bytes, or why not: empty, larger than the limit, unreadable."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            return Skipped(origin, "empty file")
        if size > max_bytes:
            return Skipped(origin, f"too large ({human_size(size)} > limit {human_size(max_bytes)})")
        with open_bounded(path, max_bytes=max_bytes) as stream:  # it may have grown since stat
            return stream.read()
    except TooLarge as err:
        return Skipped(origin, str(err))
    except OSError as err:
        return Skipped(origin, f"unreadable: {err.strerror or err}")


def read_inputs(
    paths: Iterable[Path], *, defaults: ReportDefaults, max_bytes: int, follow_symlinks: bool = False
) -> Iterator[Report | Skipped]:
    """Reads every file under the paths, in a stable order."""
    for item in iter_input_files(paths, follow_symlinks=follow_symlinks):
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
    if item.language is None:  # every document gets a language: identified from its text when undeclared
        item = replace(item, language=detect_language(item.text))
    return item


def read_text_files(paths: Iterable[Path], *, max_bytes: int, follow_symlinks: bool = False) -> Iterator[TextFile | Skipped]:
    """Plain-text files under the paths (folders recursively), decoded as UTF-8, or why not."""
    for item in iter_input_files(paths, follow_symlinks=follow_symlinks):
        if isinstance(item, Skipped):
            yield item
            continue
        origin = str(item)
        if item.suffix.lower() not in TEXT_SUFFIXES:
            yield Skipped(origin, f"not a plain-text report ('{item.suffix or item.name}')")
            continue
        data = read_guarded(item, max_bytes=max_bytes)
        if isinstance(data, Skipped):
            yield data
        elif not data.strip():
            yield Skipped(origin, "empty file")
        elif looks_binary(data):
            yield Skipped(origin, "binary content, not a text report")
        else:
            try:
                yield TextFile(origin, data.decode("utf-8"))
            except UnicodeDecodeError:
                yield Skipped(origin, "not UTF-8 text")
