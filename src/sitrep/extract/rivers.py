"""River names in a sentence ("the Dnipro River", "the river Dnieper"): rivers share their names
with towns on their banks, and a move "across the Dnipro River" does not happen in the city of
Dnipro, nor at the river (a river is no event's place)."""

from __future__ import annotations

from typing import Any


def river_tokens(span: Any) -> set[int]:
    """Token indices of river names in a span ("the Dnipro River", "the river Dnieper"): rivers
    share their names with towns on their banks, and a move "across the Dnipro River" does not
    happen in the city of Dnipro."""
    doc = span.doc
    found: set[int] = set()
    for tok in span:
        if tok.lower_ not in {"river", "rivers"}:
            continue
        before = tok.i
        while before > max(span.start, tok.i - 4) and doc[before - 1].pos_ == "PROPN" and doc[before - 1].lower_ != "river":
            before -= 1
        after = tok.i + 1
        if before == tok.i and tok.i > span.start and doc[tok.i - 1].lower_ == "the":
            while after < min(span.end, tok.i + 4) and doc[after].pos_ == "PROPN":
                after += 1
        if before < tok.i or after > tok.i + 1:
            found.update(range(before, after))
    return found
