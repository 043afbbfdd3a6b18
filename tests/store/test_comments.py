"""Comment storage on real SQLite files: migration 0005 both ways, auto-approval, rate-limit attempts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib import resources

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from sitrep.store import open_store
from sitrep.store.comments import (
    NewComment,
    add_attempt,
    add_comment,
    approved_comments,
    count_attempts,
    set_status,
)
from sitrep.store.schema import metadata

TABLES = {"comments", "moderators", "moderator_sessions", "web_attempts"}


def alembic_config(conn) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("sitrep.store") / "migrations"))
    cfg.attributes["connection"] = conn
    return cfg


@pytest.fixture
def store(tmp_path):
    return open_store(f"sqlite:///{tmp_path / 'comments.db'}")


def comment(**changes) -> NewComment:
    fields = {"kind": "site", "target_id": "hmeimim-air-base", "name": "Ann", "email_hash": "e" * 64,
              "website": None, "body": "Hello.", "address_hash": "a" * 64, **changes}
    return NewComment(**fields)


def test_migration_0005_goes_down_and_up_again(store):
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0004")
    assert not TABLES & set(inspect(store.engine).get_table_names())
    with store.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    assert TABLES <= set(inspect(store.engine).get_table_names())


def test_schema_module_matches_the_migrations(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diff if any(t in repr(d) for t in TABLES)] == []


def test_first_comment_is_pending_and_later_ones_approved_once_one_is(store):
    first = add_comment(store, comment())
    assert first["status"] == "pending"
    assert add_comment(store, comment(body="Again."))["status"] == "pending"
    set_status(store, first["id"], "approved", "mod")
    assert add_comment(store, comment(body="Third."))["status"] == "approved"
    assert add_comment(store, comment(email_hash="f" * 64))["status"] == "pending"


def test_approved_comments_are_oldest_first_and_per_target(store):
    later = datetime(2025, 1, 2, tzinfo=UTC)
    a = add_comment(store, comment(email_hash="1" * 64, body="later"), now=later)
    b = add_comment(store, comment(email_hash="2" * 64, body="earlier"), now=later - timedelta(days=1))
    add_comment(store, comment(target_id="elsewhere", body="other target"))
    for c in (a, b):
        set_status(store, c["id"], "approved", "mod")
    found = approved_comments(store, "site", ["hmeimim-air-base"])
    assert [c["body"] for c in found] == ["earlier", "later"]
    assert found[0]["created_at"] == "2025-01-01T00:00:00Z"
    assert set(found[0]) == {"id", "name", "website", "body", "created_at", "status"}


def test_unknown_status_is_refused(store):
    with pytest.raises(ValueError):
        set_status(store, 1, "published", "mod")


def test_attempts_count_within_the_window_and_old_ones_are_forgotten(store):
    now = datetime.now(UTC)
    add_attempt(store, "comment", "x", 600, now=now - timedelta(seconds=700))
    add_attempt(store, "comment", "x", 600, now=now - timedelta(seconds=10))
    add_attempt(store, "login", "x", 600, now=now)
    assert count_attempts(store, "comment", "x", 600, now=now) == 1
    assert count_attempts(store, "comment", "x", 3600, now=now) == 1  # the 700 s one was pruned
    assert count_attempts(store, "comment", "y", 600, now=now) == 0
