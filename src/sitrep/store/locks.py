"""One writer at a time: the lock a store write (and a migration) takes at the start of its
transaction, so that concurrent ingests into one store serialise instead of failing."""

from __future__ import annotations

from sqlalchemy import Connection, text

# PostgreSQL advisory lock keys (any fixed bigints; sitrep's own namespace in one database).
WRITE_KEY = 0x5174_7265_0001
MIGRATE_KEY = 0x5174_7265_0002


def lock_for_writing(conn: Connection, *, key: int = WRITE_KEY) -> None:
    """Takes the store's write lock for the rest of this (just begun) transaction.

    SQLite: `BEGIN IMMEDIATE` takes the database's write lock before the first read, so a check
    ("is this report stored?") and the write that follows see the same state; a deferred
    transaction would read, then fail at its first write once another writer committed (or both
    would pass the check and the second insert would fail on the primary key). A waiting writer
    waits up to busy_timeout. PostgreSQL: a transaction-scoped advisory lock does the same without
    blocking readers; it is released at commit or rollback.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
