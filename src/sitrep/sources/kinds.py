"""Decides once what each input file holds, before any reader runs: a text report, imagery
observations, one of the flight formats (OpenSky state vectors, flight lists, aircraft registries,
ADS-B Exchange traces) or a community format (footage maps, ACLED/UCDP, FIRMS, AIS)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sitrep.records import InputFile, InputKind, Skipped
from sitrep.sources.ais import is_dma_csv, is_nmea
from sitrep.sources.datasets import dataset_layout
from sitrep.sources.discover import iter_input_files
from sitrep.sources.firms import is_firms_csv
from sitrep.sources.flights import sniff_flight_file
from sitrep.sources.footage import is_footage_geojson, is_timemap
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
    """What a file holds: a community format (footage maps, ACLED/UCDP, FIRMS, AIS, ADS-B Exchange
    traces) when its extension and content say so, imagery for observation files (.geojson, or
    .json/.csv whose content says so), a flight format for OpenSky-style files, else a text report
    (whose reader may still refuse it)."""
    community = community_kind(path)
    if community is not None:
        return community
    if path.suffix.lower() in {".jsonl", ".ndjson", ".gz"}:
        return _flight_kind(path) or InputKind.TEXT
    if _holds_observations(path):
        return InputKind.IMAGERY
    if path.suffix.lower() in {".json", ".csv"}:
        return _flight_kind(path) or InputKind.TEXT
    return InputKind.TEXT


def community_kind(path: Path) -> InputKind | None:
    """The community format a file holds, from its extension and first bytes, else None."""
    suffix = path.suffix.lower()
    if suffix in {".kml", ".kmz"}:
        return InputKind.FOOTAGE
    if suffix not in {".nmea", ".ais", ".txt", ".log", ".csv", ".json", ".geojson"}:
        return None
    try:
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
    except OSError:
        return None
    if suffix in {".nmea", ".ais", ".txt", ".log"}:
        return InputKind.AIS_NMEA if is_nmea(head) else None
    text = head.decode("utf-8-sig", errors="replace")
    if suffix == ".csv":
        header = next(csv.reader(io.StringIO(text)), [])
        layout = dataset_layout(header)
        if layout:
            return InputKind.ACLED if layout == "acled" else InputKind.UCDP
        return InputKind.FIRMS if is_firms_csv(header) else InputKind.AIS_DMA if is_dma_csv(header) else None
    if '"trace"' in text and '"icao"' in text:
        return InputKind.TRACE
    timemap = suffix == ".json" and (text.lstrip().startswith("[") or '"events"' in text[:200])
    if not timemap and '"FeatureCollection"' not in text:
        return None
    if path.stat().st_size > SNIFF_WHOLE_MAX:
        # Not parsed whole here (memory): the first bytes decide; observations carry "acquired".
        if timemap:
            return InputKind.FOOTAGE if '"latitude"' in text and '"date"' in text else None
        return InputKind.FOOTAGE if '"acquired"' not in text and '"date"' in text else None
    obj = _small_json(path)
    if timemap:
        return InputKind.FOOTAGE if obj is not None and is_timemap(obj) else None
    if obj is not None and not looks_like_observations(obj) and is_footage_geojson(obj):
        return InputKind.FOOTAGE
    return None


def _small_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return None


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
