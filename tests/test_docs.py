"""Documentation stays true: settings, commands and the event record are documented."""

import json
import re
from importlib import resources
from pathlib import Path

from sitrep.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def test_every_environment_setting_is_in_the_readme():
    settings_source = (ROOT / "src" / "sitrep" / "settings.py").read_text()
    names = set(re.findall(r'"(SITREP_[A-Z_]+)"', settings_source))
    readme = (ROOT / "README.md").read_text()
    assert names, "settings.py reads no SITREP_* variable?"
    assert {n for n in names if n not in readme} == set()


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    assert {name for name in cli.commands if f"sitrep {name}" not in readme} == set()


def test_every_schema_field_is_in_docs_events():
    schema = json.loads((resources.files("sitrep") / "data" / "event.schema.json").read_text())
    doc = (ROOT / "docs" / "events.md").read_text()
    assert {f for f in schema["properties"] if f"`{f}`" not in doc} == set()


def test_readme_quick_start_has_exactly_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"## Quick start\s+```sh\n(.*?)```", readme, re.S)
    assert block
    commands = [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[1] in (ROOT / ".ci" / "run").read_text()
