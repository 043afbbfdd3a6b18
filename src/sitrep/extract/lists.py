"""Place names that share a list ("Ohio, Utah, Washington and Wisconsin"): an item of a list of
states is a state, and no capital acting as a government (geo/resolve.py reads them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def list_neighbours(doc: Any, spans: Sequence[Any]) -> dict[int, tuple[str, ...]]:
    """Names sharing a list with each span ("Ohio, Utah, Washington and Wisconsin"): runs of names
    joined only by commas, "and", "or"."""
    order = sorted(range(len(spans)), key=lambda i: spans[i].start)
    runs: list[list[int]] = []
    for prev, cur in zip([None, *order], order, strict=False):
        joined = prev is not None and 0 < spans[cur].start - spans[prev].end <= 2 and all(
            t.text in {",", "and", "or"} for t in doc[spans[prev].end:spans[cur].start])
        if joined and runs:
            runs[-1].append(cur)
        else:
            runs.append([cur])
    out: dict[int, tuple[str, ...]] = {}
    for run in runs:
        if len(run) >= 3:
            names = [doc[spans[i].start:spans[i].end].text for i in run]
            for k, i in enumerate(run):
                out[i] = tuple(names[:k] + names[k + 1:])
    return out
