"""`sitrep bench neardup`: MinHash signatures and the syndication index at a million documents.

Signatures are computed for a sample of generated news-length texts (datasketch over word
3-grams, as stored documents get them). The store's band index (`document_bands`) is filled to N
documents with generated signatures (random for distinct texts: computing a million real ones
would only repeat the first figure), then timed as `sitrep watch` uses it: one document's
insert (its bands and its group) and lookups of planted copies and of new texts.
"""

from __future__ import annotations

import random
import resource
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

import numpy as np
from sqlalchemy import insert, select

from sitrep.fuse.neardup import NUM_PERM, bands, signature
from sitrep.store import open_store
from sitrep.store.schema import document_bands, documents
from sitrep.store.syndication import join_syndication_group

VOCAB = [f"w{i}" for i in range(20_000)]


def _text(rng: random.Random, n_words: int = 400) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(n_words))


def _copy(sig: bytes, rng: np.random.Generator, changed: float = 0.15) -> bytes:
    """A signature of a near copy: about `changed` of its values differ (similarity ~0.85)."""
    values = np.frombuffer(sig, dtype=np.uint32).copy()
    flip = rng.random(len(values)) < changed
    values[flip] = rng.integers(0, 2**32, flip.sum(), dtype=np.uint32)
    return values.tobytes()


def run_neardup_benchmark(*, n_docs: int, workdir: Path | None, out: TextIO, batch: int = 20_000) -> None:
    """Prints signature speed, bulk and single insert rates, and lookup latencies at n_docs."""
    rng = random.Random(7)
    texts = [_text(rng) for _ in range(500)]
    started = time.perf_counter()
    for text in texts:
        signature(text)
    per_sig = (time.perf_counter() - started) / len(texts)
    out.write(f"neardup: MinHash of a 400-word text ({NUM_PERM} permutations, word 3-grams): "
              f"{per_sig * 1000:.2f} ms ({1 / per_sig:.0f} documents/s)\n")
    folder = workdir or Path(tempfile.mkdtemp(prefix="sitrep-bench-neardup-"))
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(f"sqlite:///{folder / 'neardup.db'}")
    gen = np.random.default_rng(7)
    now = datetime.now(UTC)
    with store.engine.connect() as conn:
        have = conn.execute(select(documents.c.id).order_by(documents.c.id.desc()).limit(1)).scalar()
    start_at = int(have[1:], 16) + 1 if have else 0
    started = time.perf_counter()
    for lo in range(start_at, n_docs, batch):
        n = min(batch, n_docs - lo)
        sigs = gen.integers(0, 2**32, (n, NUM_PERM), dtype=np.uint32)
        docs, rows = [], []
        for k in range(n):
            doc_id, sig = f"d{lo + k:015x}", sigs[k].tobytes()
            docs.append({"id": doc_id, "origin": "bench", "text": "", "n_events": 0, "extractor": "bench",
                         "ingested_at": now, "minhash": sig})
            rows += [{"band": b, "document_id": doc_id} for b in set(bands(sig))]
        with store.engine.begin() as conn:
            conn.execute(insert(documents), docs)
            conn.execute(insert(document_bands), rows)
    filled = time.perf_counter() - started
    if n_docs > start_at:
        out.write(f"  bulk fill to {n_docs:,} documents: {filled:.0f} s ({(n_docs - start_at) / filled:,.0f} documents/s)\n")
    with store.engine.connect() as conn:
        sample = [r.minhash for r in conn.execute(select(documents.c.minhash).where(
            documents.c.id.in_([f"d{rng.randrange(n_docs):015x}" for _ in range(200)])))]
    timings: dict[str, list[float]] = {"insert of a copy (found, grouped)": [], "insert of a new text (no copy)": []}
    found = 0
    for n, original in enumerate(sample):
        for label, sig in (("insert of a copy (found, grouped)", _copy(original, gen)),
                           ("insert of a new text (no copy)", gen.integers(0, 2**32, NUM_PERM, dtype=np.uint32).tobytes())):
            doc_id = f"q{n:03d}{label[10]}"
            with store.writing() as conn:
                t = time.perf_counter()
                conn.execute(insert(documents).values(id=doc_id, origin="bench", text="", n_events=0, extractor="bench",
                                                      ingested_at=now, minhash=sig))
                group = join_syndication_group(conn, doc_id, sig)
                timings[label].append(time.perf_counter() - t)
                conn.rollback()  # leave the archive as it was for the next query
            found += label.startswith("insert of a copy") and group is not None
    for label, values in timings.items():
        values.sort()
        out.write(f"  {label:36s} p50 {statistics.median(values) * 1000:6.2f} ms  "
                  f"p95 {values[int(len(values) * 0.95)] * 1000:6.2f} ms\n")
    out.write(f"  copies found: {found} of {len(sample)} (similarity ~0.85); store {folder / 'neardup.db'} "
              f"{(folder / 'neardup.db').stat().st_size / 1e9:.2f} GB; "
              f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB\n")
