"""The samples give the same machine output as the committed expectation, byte for byte.

Guards refactors (issue 11: "no behaviour change"): `events --format jsonl`, `sites --all --format
jsonl` and the Markdown brief are compared with tests/data/expected/. A deliberate change in
extraction or fusion updates them: `SITREP_UPDATE_EXPECTED=1 pytest tests/pipeline/test_output_identity.py`,
then review the diff like any other change.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

EXPECTED = Path(__file__).resolve().parents[1] / "data" / "expected"
COMMANDS = {
    "samples-events.jsonl": ["events", "--format", "jsonl"],
    "samples-sites.jsonl": ["sites", "--all", "--format", "jsonl"],
    "samples-brief.md": ["brief", "--since", "2024-12-01"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_samples_output_is_unchanged(name: str, invoke: Callable[..., Result], samples_db: dict[str, Any],
                                     samples_dir: Path) -> None:
    result = invoke(*COMMANDS[name], "--db", samples_db["url"])
    assert result.exit_code == 0, result.stderr
    # Citations name the samples folder of this checkout: the comparison is about everything else.
    got = result.stdout.replace(str(samples_dir), "<samples>")
    assert "<samples>" in got or name.endswith(".md")
    path = EXPECTED / name
    if os.environ.get("SITREP_UPDATE_EXPECTED"):
        path.write_text(got, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert got.splitlines() == expected.splitlines()
    assert got == expected
