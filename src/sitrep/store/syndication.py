"""Syndication groups in the store: each new document's MinHash bands are looked up in
`document_bands` (an index, so the cost does not grow with the archive), candidates' signatures
compared (fuse/neardup.py), and a copy joins the group of the document it copies."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from sitrep.fuse.neardup import bands, best_copy
from sitrep.store.schema import document_bands, documents

MAX_CANDIDATES = 200  # a boilerplate band shared by thousands of documents is not worth reading


def join_syndication_group(conn: Connection, doc_id: str, sig: bytes | None) -> str | None:
    """Files the document's bands and, when it copies a stored document, puts both in one group
    (the first copy's id); returns the group or None. Inside the caller's transaction, before
    the document's events are fused (fusion reads the group)."""
    if sig is None:
        return None
    keys = bands(sig)
    found = conn.execute(select(document_bands.c.document_id).where(document_bands.c.band.in_(keys))
                         .distinct().limit(MAX_CANDIDATES)).scalars().all()
    group: str | None = None
    if found:
        rows = conn.execute(select(documents.c.id, documents.c.minhash, documents.c.syndication_group)
                            .where(documents.c.id.in_(found), documents.c.id != doc_id)).all()
        copy = best_copy(sig, [(r.id, r.minhash) for r in rows if r.minhash])
        if copy is not None:
            original = next(r for r in rows if r.id == copy)
            group = original.syndication_group or original.id
            if original.syndication_group is None:
                conn.execute(update(documents).where(documents.c.id == copy).values(syndication_group=group))
            conn.execute(update(documents).where(documents.c.id == doc_id).values(syndication_group=group))
    conn.execute(insert(document_bands), [{"band": k, "document_id": doc_id} for k in sorted(set(keys))])
    return group


def syndication_members(conn: Connection, group: str) -> list[tuple[str, str | None, str | None]]:
    """(document id, outlet, url) of every copy in a group, oldest first."""
    rows = conn.execute(select(documents.c.id, documents.c.outlet, documents.c.url)
                        .where(documents.c.syndication_group == group)
                        .order_by(documents.c.published, documents.c.ingested_at, documents.c.id))
    return [(r.id, r.outlet, r.url) for r in rows]
