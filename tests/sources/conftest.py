"""Shared helpers: write small inputs into tmp_path and read them through the public API."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitrep
from sitrep.sources import ReportDefaults, read_path

MAX_BYTES = 1_000_000
SAMPLES = Path(sitrep.__file__).parent / "data" / "samples"


@pytest.fixture
def write(tmp_path):
    """write(name, content) puts str (as UTF-8, or `encoding`) or bytes into tmp_path/name."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode(encoding)
        path.write_bytes(data)
        return path

    return _write


@pytest.fixture
def read():
    """read(path) runs read_path with no defaults and a 1 MB limit, as a list."""

    def _read(path: Path, defaults: ReportDefaults = ReportDefaults(), max_bytes: int = MAX_BYTES):
        return list(read_path(path, defaults=defaults, max_bytes=max_bytes))

    return _read


@pytest.fixture
def samples() -> Path:
    return SAMPLES
