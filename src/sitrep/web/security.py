"""Secrets, keyed hashes and CSRF tokens for the web app (no user data leaves through them)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

from sqlalchemy import delete, select

from sitrep.store.db import Store
from sitrep.store.schema import app_secrets

CSRF_COOKIE = "sitrep_csrf"
log = logging.getLogger(__name__)


def app_secret(store: Store, configured: str | None, key_file: Path) -> bytes:
    """SITREP_SECRET when set, else the key in `key_file` (outside the store), made there once.

    A key an older sitrep kept in the store moves to the file (and out of the store), so the
    hashes made with it keep matching. Should the file already hold another key, the store's own
    is kept and a warning logged: switching keys would orphan this store's hashes."""
    if configured:
        return configured.encode()
    with store.engine.connect() as conn:
        stored = conn.execute(select(app_secrets.c.value).where(app_secrets.c.name == "web")).scalar()
    if not key_file.exists():
        _write_key(key_file, str(stored) if stored is not None else secrets.token_hex(32))
    key = _read_key(key_file)
    if stored is not None and str(stored) != key:
        log.warning("the store %s keeps its own web key, not the one in %s: set SITREP_SECRET_FILE to a new "
                    "file to move it out of the store", store.engine.url.render_as_string(), key_file)
        return str(stored).encode()
    if stored is not None:
        with store.engine.begin() as conn:
            conn.execute(delete(app_secrets).where(app_secrets.c.name == "web"))
    return key.encode()


def _write_key(path: Path, key: str) -> None:
    """Creates the key file readable by its owner only; another worker creating it first wins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key + "\n")


def _read_key(path: Path) -> str:
    if path.stat().st_mode & 0o077:
        raise PermissionError(f"{path} (the web key) is readable by others: chmod 600 {path}")
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise ValueError(f"{path} (the web key) holds fewer than 32 characters")
    return key


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
