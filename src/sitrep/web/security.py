"""Secrets, keyed hashes and CSRF tokens for the web app (no user data leaves through them)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from sitrep.store.db import Store
from sitrep.store.schema import app_secrets

CSRF_COOKIE = "sitrep_csrf"


def app_secret(store: Store, configured: str | None) -> bytes:
    """SITREP_SECRET when set, else a random secret made once and kept in the store."""
    if configured:
        return configured.encode()
    with store.engine.begin() as conn:
        value = conn.execute(select(app_secrets.c.value).where(app_secrets.c.name == "web")).scalar()
        if value is None:
            value = secrets.token_hex(32)
            try:
                conn.execute(insert(app_secrets).values(name="web", value=value))
            except IntegrityError:  # another worker made it first
                conn.rollback()
                return app_secret(store, configured)
    return str(value).encode()


def keyed_hash(secret: bytes, purpose: str, value: str) -> str:
    """A keyed hash (HMAC-SHA256) that identifies a value without storing it."""
    return hmac.new(secret, f"{purpose}\0{value}".encode(), hashlib.sha256).hexdigest()


def new_csrf_cookie() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(secret: bytes, cookie: str) -> str:
    """The form token that goes with a browser's CSRF cookie (signed double submit)."""
    return keyed_hash(secret, "csrf", cookie)


def csrf_ok(secret: bytes, cookie: str | None, token: str | None) -> bool:
    if not cookie or not token:
        return False
    return hmac.compare_digest(csrf_token(secret, cookie), token)
