"""The tree reads like the pipeline: which package may import which (issue 11).

Stages import only earlier stages; `sitrep.pipeline` is the only package that joins stages;
nothing in the library imports `sitrep.bench`; modules stay readable in one sitting.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sitrep"

# What each part of the library may import (besides itself). Shared records, settings and the
# package root (version, extractor name) are open to all.
SHARED = {"records", "settings", "__init__"}
ALLOWED = {
    "geo": set(),
    "sources": {"geo"},  # coordinates and names of observation files are checked while read
    "extract": {"geo"},  # the entity ruler and toponyms read the gazetteer
    "tracks": {"geo"},
    "fuse": {"geo"},
    "store": {"fuse", "geo"},  # fusion runs inside the store's write transaction
    "output": set(),
    "web": {"store", "fuse", "geo", "output"},
    "pipeline": {"sources", "extract", "geo", "tracks", "fuse", "store"},
    "cli": {"pipeline", "store", "fuse", "geo", "output", "web", "bench"},
    "bench": {"pipeline", "sources", "extract", "geo", "tracks", "fuse", "store", "output", "web"},
}
MAX_LINES = 420


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _part(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _imported_parts(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "sitrep" else ["sitrep.__init__"]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            bits = name.split(".")
            if bits[0] == "sitrep" and len(bits) > 1:
                found.add(bits[1])
    return found


def test_every_part_of_the_library_is_known() -> None:
    parts = {_part(p) for p in _modules()} - SHARED
    assert parts == set(ALLOWED), "a new package needs its place in ALLOWED (and in DEVELOPERS.md)"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_pipeline(path: Path) -> None:
    part = _part(path)
    if part in SHARED:
        allowed: set[str] = set(SHARED)
    else:
        allowed = ALLOWED[part] | SHARED | {part}
    wrong = _imported_parts(path) - allowed
    assert not wrong, f"{path.relative_to(PACKAGE)} ({part}) imports {sorted(wrong)}"


def test_nothing_in_the_library_imports_the_benchmarks() -> None:
    users = [str(p.relative_to(PACKAGE)) for p in _modules()
             if "bench" in _imported_parts(p) and _part(p) not in {"bench", "cli"}]
    assert users == []


def test_tracks_never_import_the_readers() -> None:
    users = [str(p.relative_to(PACKAGE)) for p in _modules()
             if _part(p) == "tracks" and "sources" in _imported_parts(p)]
    assert users == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_readable_in_one_sitting(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines"


def test_the_checks_see_a_violation() -> None:
    """The import reader is not blind: a stage importing a later one is caught."""
    probe = PACKAGE / "geo" / "gazetteer.py"
    assert "records" in _imported_parts(probe)
    assert _part(probe) == "geo" and "store" not in ALLOWED["geo"]
