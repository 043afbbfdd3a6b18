"""Decides once what each input file holds, before any reader runs: a text report, imagery
observations, or one of the flight formats (OpenSky state vectors, flight lists, aircraft registries)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.records import InputFile, InputKind, Skipped
from sitrep.sources.discover import iter_input_files
from sitrep.sources.flights import sniff_flight_file
from sitrep.sources.imagery import is_observation_csv, looks_like_observations

SNIFF_BYTES = 64_000
# A .json FeatureCollection larger than this is taken for observations without parsing it here
# (a 188 MB file took 1.7 GB to parse); the imagery reader then refuses it if over --max-bytes.
SNIFF_WHOLE_MAX = 1_000_000


def iter_inputs(paths: Iterable[Path], *, follow_symlinks: bool = False) -> Iterator[InputFile | Skipped]:
    """Every file under the paths (folders recursively, sorted) with its kind, or why not."""
    for item in iter_input_files(paths, follow_symlinks=follow_symlinks):
        yield item if isinstance(item, Skipped) else InputFile(item, input_kind(item))


def input_kind(path: Path) -> InputKind:
    """What a file holds: imagery for observation files (.geojson, or .json/.csv whose content says
    so), a flight format for OpenSky-style files, else a text report (whose reader may still refuse it)."""
    if path.suffix.lower() in {".jsonl", ".ndjson", ".gz"}:
        return _flight_kind(path) or InputKind.TEXT
    if _holds_observations(path):
        return InputKind.IMAGERY
    if path.suffix.lower() in {".json", ".csv"}:
        return _flight_kind(path) or InputKind.TEXT
    return InputKind.TEXT


def _flight_kind(path: Path) -> InputKind | None:
    kind = sniff_flight_file(path)
    return InputKind(kind) if kind else None


def _holds_observations(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".geojson":
        return True
    if suffix not in {".json", ".csv"}:
        return False
    try:
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    if suffix == ".csv":
        return is_observation_csv(next(csv.reader(io.StringIO(head)), []))
    if '"FeatureCollection"' not in head:
        return False
    try:
        if path.stat().st_size > SNIFF_WHOLE_MAX:
            return True  # parsed whole only when small: the observation reader applies the limit
        obj = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return True  # a broken FeatureCollection: the observation reader says what is wrong
    return looks_like_observations(obj)
