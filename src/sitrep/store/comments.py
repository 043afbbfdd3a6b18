"""Comments on events, sites and briefs, and the attempts counted by the web app's rate limits.

Commenters are known only by keyed hashes of their email and address (made in `sitrep.web`): the
store never sees either. Portable SQLAlchemy Core, so SQLite and PostgreSQL behave alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, and_, delete, func, insert, select, text, update

from sitrep.store.db import Store
from sitrep.store.schema import comments, event_fusion, web_attempts

KINDS = ("event", "site", "brief")
STATUSES = ("pending", "approved", "rejected", "spam")


@dataclass(frozen=True)
class NewComment:
    kind: str
    target_id: str
    name: str
    email_hash: str
    website: str | None
    body: str
    address_hash: str


def add_comment(store: Store, new: NewComment, *, now: datetime | None = None) -> dict[str, Any]:
    """Stores a comment, approved when its email hash already has an approved comment, else pending."""
    now = now or datetime.now(UTC)
    with store.engine.begin() as conn:
        known = conn.execute(
            select(comments.c.id).where(and_(comments.c.email_hash == new.email_hash,
                                             comments.c.status == "approved")).limit(1)).first()
        values = {"kind": new.kind, "target_id": new.target_id, "name": new.name,
                  "email_hash": new.email_hash, "website": new.website, "body": new.body,
                  "status": "approved" if known else "pending", "address_hash": new.address_hash,
                  "created_at": now}
        comment_id = conn.execute(insert(comments).values(values).returning(comments.c.id)).scalar_one()
    return public_comment({**values, "id": comment_id})


def public_comment(row: Row[Any] | dict[str, Any]) -> dict[str, Any]:
    """The fields anyone may see: never the hashes."""
    data = row if isinstance(row, dict) else row._mapping
    return {"id": int(data["id"]), "name": data["name"], "website": data["website"],
            "body": data["body"], "created_at": _iso(data["created_at"]), "status": data["status"]}


def approved_comments(store: Store, kind: str, target_ids: list[str]) -> list[dict[str, Any]]:
    """Approved comments on any of these targets, oldest first."""
    if not target_ids:
        return []
    stmt = (select(comments).where(and_(comments.c.kind == kind, comments.c.target_id.in_(target_ids),
                                        comments.c.status == "approved"))
            .order_by(comments.c.created_at, comments.c.id))
    with store.engine.connect() as conn:
        return [public_comment(r) for r in conn.execute(stmt)]


def moderation_queue(store: Store, *, limit: int = 200) -> list[dict[str, Any]]:
    """Pending comments (oldest first), then the most recent others, with their targets."""
    cols = [comments.c[name] for name in ("id", "kind", "target_id", "name", "website", "body",
                                          "status", "created_at", "moderated_at", "moderated_by")]
    pending = (select(*cols).where(comments.c.status == "pending")
               .order_by(comments.c.created_at, comments.c.id).limit(limit))
    others = (select(*cols).where(comments.c.status != "pending")
              .order_by(comments.c.created_at.desc(), comments.c.id.desc()).limit(limit))
    with store.engine.connect() as conn:
        rows = [*conn.execute(pending), *conn.execute(others)]
    return [{**public_comment(r), "kind": r.kind, "target_id": r.target_id,
             "moderated_at": _iso(r.moderated_at) if r.moderated_at else None,
             "moderated_by": r.moderated_by} for r in rows]


def set_status(store: Store, comment_id: int, status: str, moderator: str) -> bool:
    """Approves, rejects or marks a comment as spam; False when there is no such comment."""
    if status not in STATUSES:
        raise ValueError(f"unknown comment status '{status}'")
    with store.engine.begin() as conn:
        done = conn.execute(update(comments).where(comments.c.id == comment_id).values(
            status=status, moderated_at=datetime.now(UTC), moderated_by=moderator))
    return done.rowcount > 0


def delete_comment(store: Store, comment_id: int) -> bool:
    with store.engine.begin() as conn:
        return conn.execute(delete(comments).where(comments.c.id == comment_id)).rowcount > 0


def fused_ids(store: Store, mention_ids: list[str]) -> dict[str, str]:
    """The fused event each mention belongs to now (event comments are stored on mentions)."""
    if not mention_ids:
        return {}
    stmt = select(event_fusion.c.event_id, event_fusion.c.fused_id).where(
        event_fusion.c.event_id.in_(sorted(set(mention_ids))))
    with store.engine.connect() as conn:
        return {r.event_id: r.fused_id for r in conn.execute(stmt)}


def count_attempts(store: Store, purpose: str, address_hash: str, window: int,
                   *, now: datetime | None = None) -> int:
    """Attempts of this kind from this address in the last `window` seconds."""
    since = (now or datetime.now(UTC)) - timedelta(seconds=window)
    stmt = select(func.count()).select_from(web_attempts).where(and_(
        web_attempts.c.purpose == purpose, web_attempts.c.address_hash == address_hash,
        web_attempts.c.at > since))
    with store.engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def add_attempt(store: Store, purpose: str, address_hash: str, window: int,
                *, now: datetime | None = None) -> None:
    """Counts one attempt, and forgets this purpose's attempts older than `window` seconds."""
    now = now or datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(delete(web_attempts).where(and_(
            web_attempts.c.purpose == purpose, web_attempts.c.at <= now - timedelta(seconds=window))))
        conn.execute(insert(web_attempts).values(purpose=purpose, address_hash=address_hash, at=now))


def claim_attempt(store: Store, purpose: str, address_hash: str, *, limit: int, window: int,
                  now: datetime | None = None) -> int | None:
    """Counts one attempt and returns its id, or None when it is over `limit` in `window` seconds.

    Counting first and checking in the same transaction is what makes the limit hold against
    parallel requests: SQLite takes its write lock at the insert, and PostgreSQL takes an
    advisory lock per address, so no two attempts can both see the count before the other."""
    now = now or datetime.now(UTC)
    with store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                         {"key": f"{purpose}:{address_hash}"})
        conn.execute(delete(web_attempts).where(and_(
            web_attempts.c.purpose == purpose, web_attempts.c.at <= now - timedelta(seconds=window))))
        attempt_id = conn.execute(insert(web_attempts).values(
            purpose=purpose, address_hash=address_hash, at=now).returning(web_attempts.c.id)).scalar_one()
        used = conn.execute(select(func.count()).select_from(web_attempts).where(and_(
            web_attempts.c.purpose == purpose, web_attempts.c.address_hash == address_hash,
            web_attempts.c.at > now - timedelta(seconds=window)))).scalar_one()
    return int(attempt_id) if used <= limit else None


def release_attempt(store: Store, attempt_id: int) -> None:
    """Uncounts an attempt that turned out not to count (a successful sign-in)."""
    with store.engine.begin() as conn:
        conn.execute(delete(web_attempts).where(web_attempts.c.id == attempt_id))


def _iso(value: datetime) -> str:
    # SQLite hands back naive datetimes; everything is stored in UTC.
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
