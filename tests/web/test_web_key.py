"""The key of the email and address hashes lives outside the store: a key file (SITREP_SECRET_FILE,
default in the cache dir) readable by its owner only; a key an older store kept moves out of it
and keeps matching the hashes made with it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from sitrep.web.security import keyed_hash

OLD_KEY = "a" * 64


def test_a_new_key_is_made_in_the_key_file_and_not_in_the_store(make_client, sql, tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "web-secret"
    client = make_client(secret_file=key_file)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert client.app.state.secret == key_file.read_text().strip().encode()  # type: ignore[attr-defined]
    assert len(key_file.read_text().strip()) >= 32
    assert sql("SELECT count(*) FROM app_secrets") == [(0,)]


def test_a_key_kept_in_the_store_moves_to_the_file_and_old_hashes_still_match(make_client, sql,
                                                                              tmp_path: Path) -> None:
    sql("INSERT INTO app_secrets (name, value) VALUES ('web', ?)", OLD_KEY)
    old_hash = keyed_hash(OLD_KEY.encode(), "email", "ann@example.org")
    key_file = tmp_path / "web-secret"
    client = make_client(secret_file=key_file)
    assert key_file.read_text().strip() == OLD_KEY
    assert sql("SELECT count(*) FROM app_secrets") == [(0,)]
    assert keyed_hash(client.app.state.secret, "email", "ann@example.org") == old_hash  # type: ignore[attr-defined]


def test_every_worker_reads_the_same_key(make_client, tmp_path: Path) -> None:
    key_file = tmp_path / "web-secret"
    first, second = make_client(secret_file=key_file), make_client(secret_file=key_file)
    assert first.app.state.secret == second.app.state.secret  # type: ignore[attr-defined]


def test_a_key_file_others_can_read_is_refused(make_client, tmp_path: Path) -> None:
    key_file = tmp_path / "web-secret"
    key_file.write_text("b" * 64)
    key_file.chmod(0o644)
    with pytest.raises(PermissionError, match="chmod 600"):
        make_client(secret_file=key_file)


def test_sitrep_secret_still_wins_and_no_file_is_made(make_client, tmp_path: Path) -> None:
    key_file = tmp_path / "web-secret"
    client = make_client(secret="c" * 40, secret_file=key_file)
    assert client.app.state.secret == b"c" * 40  # type: ignore[attr-defined]
    assert not key_file.exists()
