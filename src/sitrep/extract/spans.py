"""Fast per-sentence access to entities: spaCy's `Span.ents` rescans every entity of the
document on each call, which made extraction quadratic in document length."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

_KEY = "sitrep_ents_by_sentence"


def sentence_entities(sent: Any) -> list[Any]:
    """The entities inside a sentence (computed once per document, then looked up)."""
    doc = sent.doc
    table = doc.user_data.get(_KEY)
    if table is None:
        starts = [s.start for s in doc.sents]
        table = {start: [] for start in starts}
        for ent in doc.ents:
            table[starts[bisect_right(starts, ent.start) - 1]].append(ent)
        doc.user_data[_KEY] = table
    return list(table.get(sent.start, []))
