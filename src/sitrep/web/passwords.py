"""Moderator passwords: argon2id hashes (argon2-cffi defaults), checked in constant-ish time."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash("no such moderator")


def hash_password(password: str) -> str:
    """An argon2id hash of a password of at least MIN_LENGTH characters."""
    if len(password) < MIN_LENGTH:
        raise ValueError(f"a password needs at least {MIN_LENGTH} characters")
    return _hasher().hash(password)


def check_password(stored: str | None, password: str) -> tuple[bool, str | None]:
    """Whether the password matches, and a fresh hash when the stored one uses older parameters.
    An unknown moderator (stored None) costs as much as a wrong password, so timing tells nothing."""
    try:
        _hasher().verify(stored or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False, None
    if stored is None:
        return False, None
    return True, _hasher().hash(password) if _hasher().check_needs_rehash(stored) else None
