"""Code quality gates that CI runs with the tests: ruff (lint) and mypy (types)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("command", [
    [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"],
    [sys.executable, "-m", "mypy", "src"],
])
def test_tool_passes(command):
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
