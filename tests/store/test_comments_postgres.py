"""Comments, moderators and rate-limit attempts on a real PostgreSQL server (the same calls as on
SQLite). Skips locally, saying why, when no server is given; fails in CI rather than skip."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sitrep.store import open_store
from sitrep.store.comments import (
    NewComment,
    add_attempt,
    add_comment,
    approved_comments,
    count_attempts,
    delete_comment,
    moderation_queue,
    set_status,
)
from sitrep.store.moderators import add_moderator, session_moderator, start_session


@pytest.fixture(scope="module")
def store(fresh_pg_url):
    return open_store(fresh_pg_url)


def test_comments_round_trip_on_postgres(store):
    new = NewComment(kind="event", target_id="e1", name="Ann", email_hash="h" * 64, website=None,
                     body="Seen.", address_hash="a" * 64)
    first = add_comment(store, new)
    assert first["status"] == "pending" and first["created_at"].endswith("Z")
    assert set_status(store, first["id"], "approved", "mod")
    assert add_comment(store, new)["status"] == "approved"
    assert [c["id"] for c in approved_comments(store, "event", ["e0", "e1"])][0] == first["id"]
    assert moderation_queue(store)[0]["kind"] == "event"
    assert delete_comment(store, first["id"]) and not delete_comment(store, first["id"])


def test_attempts_and_sessions_on_postgres(store):
    now = datetime.now(UTC)
    add_attempt(store, "login", "x", 900, now=now - timedelta(seconds=1000))
    add_attempt(store, "login", "x", 900, now=now)
    assert count_attempts(store, "login", "x", 900) == 1
    assert add_moderator(store, "mod", "$argon2id$stub")
    start_session(store, "t" * 64, "mod", now + timedelta(hours=1))
    start_session(store, "u" * 64, "mod", now - timedelta(hours=1))
    assert session_moderator(store, "t" * 64) == "mod"
    assert session_moderator(store, "u" * 64) is None
