"""`sitrep geoparse`: every resolved place name of plain-text files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sitrep.cli.options import err, load_pipeline
from sitrep.settings import Settings


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--max-bytes", type=int, help="Skip files larger than this (default 5 MB).")
@click.pass_obj
def geoparse(settings: Settings, paths: tuple[Path, ...], fmt: str, max_bytes: int | None) -> None:
    """Print every resolved place name of plain-text files (offsets into the UTF-8 text)."""
    from sitrep.output import write_jsonl, write_toponym_table
    from sitrep.pipeline.geoparse import geoparse_paths

    pipeline = load_pipeline(settings.with_max_bytes(max_bytes))
    n_files, records = geoparse_paths(list(paths), pipeline=pipeline,
                                      on_skip=lambda s: err(f"skipped {s.origin}: {s.reason}"))
    n = write_toponym_table(records, sys.stdout) if fmt == "table" else write_jsonl(records, sys.stdout)
    err(f"{n} toponym(s) from {n_files} file(s)")
    if not n_files:
        sys.exit(1)
