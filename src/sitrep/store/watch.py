"""The watcher's memory: per canonical URL, its validators and the report it gave."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

from sqlalchemy import Connection, Engine, insert, select, update

from sitrep.records import FetchedUrl
from sitrep.store.schema import fetched_urls


def record_fetch(conn: Connection, fetched: FetchedUrl) -> None:
    """Upserts what was learnt about a URL, inside the caller's write transaction."""
    row = {"url": fetched.url, "kind": fetched.kind, "document_id": fetched.document_id,
           "etag": fetched.etag, "last_modified": fetched.last_modified, "outcome": fetched.outcome,
           "fetched_at": fetched.fetched_at}
    done = conn.execute(update(fetched_urls).where(fetched_urls.c.url_key == fetched.url_key).values(row))
    if not done.rowcount:
        conn.execute(insert(fetched_urls).values(url_key=fetched.url_key, **row))


def fetched_state(engine: Engine, keys: Iterable[str]) -> dict[str, FetchedUrl]:
    """What is known of these URL keys (those fetched before)."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, FetchedUrl] = {}
    with engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            rows = conn.execute(select(fetched_urls).where(fetched_urls.c.url_key.in_(wanted[i : i + 500])))
            for r in rows:
                at = r.fetched_at if r.fetched_at.tzinfo else r.fetched_at.replace(tzinfo=UTC)  # SQLite drops it
                found[r.url_key] = FetchedUrl(url_key=r.url_key, url=r.url, kind=r.kind, fetched_at=at,
                                              document_id=r.document_id, etag=r.etag,
                                              last_modified=r.last_modified, outcome=r.outcome)
    return found
