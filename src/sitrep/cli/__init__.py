"""The `sitrep` command line: a thin shell. Each module parses one command's arguments, builds
Settings once and calls the library; rendering lives in `sitrep.output` and `sitrep.fuse.render`."""

from __future__ import annotations

from pathlib import Path

import click

from sitrep import __version__
from sitrep.cli.bench import bench
from sitrep.cli.brief import brief
from sitrep.cli.evaluate import evaluate
from sitrep.cli.events import events
from sitrep.cli.evidence import evidence
from sitrep.cli.geoparse import geoparse
from sitrep.cli.ingest import extract, ingest
from sitrep.cli.serve import admin, serve
from sitrep.cli.sites import site, sites
from sitrep.cli.watch import watch
from sitrep.settings import load_settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Settings file (default: $SITREP_CONFIG, else ./sitrep.toml when present).")
@click.pass_context
def cli(ctx: click.Context, config: Path | None) -> None:
    """sitrep: turn open reports into sourced events and military-site status."""
    try:
        ctx.obj = load_settings(config=config)
    except ValueError as err:
        raise click.UsageError(str(err)) from None


for command in (ingest, extract, events, evidence, site, brief, sites, serve, bench, evaluate, geoparse, admin, watch):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="sitrep")
