"""Moderator accounts (argon2 hashes, made by `sitrep admin create`) and their sign-in sessions.

Sessions are kept as sha256 hashes of the random cookie token, so a copy of the store signs no one in.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import and_, delete, insert, select, update

from sitrep.store.db import Store
from sitrep.store.schema import moderator_sessions, moderators


def add_moderator(store: Store, name: str, password_hash: str, *, replace: bool = False) -> bool:
    """Adds a moderator (or, with `replace`, sets a new password and ends their sessions);
    False when the name is taken and `replace` is not set."""
    with store.engine.begin() as conn:
        exists = conn.execute(select(moderators.c.name).where(moderators.c.name == name)).first()
        if exists and not replace:
            return False
        if exists:
            conn.execute(update(moderators).where(moderators.c.name == name)
                         .values(password_hash=password_hash))
            conn.execute(delete(moderator_sessions).where(moderator_sessions.c.moderator == name))
        else:
            conn.execute(insert(moderators).values(name=name, password_hash=password_hash,
                                                   created_at=datetime.now(UTC)))
    return True


def password_hash(store: Store, name: str) -> str | None:
    with store.engine.connect() as conn:
        value = conn.execute(select(moderators.c.password_hash).where(moderators.c.name == name)).scalar()
    return str(value) if value is not None else None


def update_password_hash(store: Store, name: str, new_hash: str) -> None:
    """Keeps a rehash made with newer argon2 parameters (same password)."""
    with store.engine.begin() as conn:
        conn.execute(update(moderators).where(moderators.c.name == name).values(password_hash=new_hash))


def start_session(store: Store, token_hash: str, moderator: str, expires_at: datetime) -> None:
    """Stores a session, and forgets the expired ones."""
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(delete(moderator_sessions).where(moderator_sessions.c.expires_at <= now))
        conn.execute(insert(moderator_sessions).values(token_hash=token_hash, moderator=moderator,
                                                       created_at=now, expires_at=expires_at))


def session_moderator(store: Store, token_hash: str) -> str | None:
    """The moderator signed in with this session, when it has not expired."""
    stmt = select(moderator_sessions.c.moderator).where(and_(
        moderator_sessions.c.token_hash == token_hash, moderator_sessions.c.expires_at > datetime.now(UTC)))
    with store.engine.connect() as conn:
        value = conn.execute(stmt).scalar()
    return str(value) if value is not None else None


def end_session(store: Store, token_hash: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(moderator_sessions).where(moderator_sessions.c.token_hash == token_hash))
