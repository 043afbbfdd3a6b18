"""Web fixtures: a fresh copy of the ingested samples per test, the real app on it, a moderator."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from sitrep.cli import cli
from sitrep.settings import Settings
from sitrep.web.app import create_app
from sitrep.web.security import CSRF_COOKIE, csrf_token

MODERATOR = ("moderator", "correct horse battery")


@pytest.fixture
def db_path(tmp_path: Path, samples_db: dict[str, Any]) -> Path:
    """This test's own copy of the session's ingested samples (SQLite backup: consistent, fast)."""
    path = tmp_path / "web.db"
    with sqlite3.connect(samples_db["path"]) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    return path


@pytest.fixture
def db_url(db_path: Path) -> str:
    return f"sqlite:///{db_path}"


@pytest.fixture
def make_client(db_url: str) -> Callable[..., TestClient]:
    """A TestClient over create_app on this test's store; keyword arguments change web settings."""

    def make(**web: Any) -> TestClient:
        settings = Settings().with_db(db_url)
        settings = replace(settings, web=replace(settings.web, **web))
        return TestClient(create_app(settings))

    return make


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


@pytest.fixture
def sql(db_path: Path) -> Callable[..., list[tuple[Any, ...]]]:
    """Runs SQL on this test's store with plain sqlite3."""

    def run(query: str, *params: Any) -> list[tuple[Any, ...]]:
        with sqlite3.connect(db_path) as conn:
            return conn.execute(query, params).fetchall()

    return run


@pytest.fixture
def fused_event(sql: Callable[..., list[tuple[Any, ...]]]) -> dict[str, Any]:
    """A fused event made of several mentions: its id and its mention ids."""
    fused_id, = sql("SELECT fused_id FROM event_fusion GROUP BY fused_id HAVING count(*) > 1 "
                    "ORDER BY fused_id LIMIT 1")[0]
    mentions = sorted(r[0] for r in sql("SELECT event_id FROM event_fusion WHERE fused_id = ?", fused_id))
    return {"id": fused_id, "mention_ids": mentions}


def _csrf(client: TestClient) -> str:
    if CSRF_COOKIE not in client.cookies:
        client.get("/admin/login")  # a cheap page that sets the cookie
    return csrf_token(client.app.state.secret, client.cookies[CSRF_COOKIE])  # type: ignore[attr-defined]


@pytest.fixture
def csrf() -> Callable[[TestClient], str]:
    """The form token that goes with a client's CSRF cookie."""
    return _csrf


@pytest.fixture
def form_token() -> Callable[[str], str]:
    """The CSRF token written into a page's form."""

    def find(html: str) -> str:
        found = re.search(r'name="csrf" value="([^"]+)"', html)
        assert found, "no CSRF field in the form"
        return found.group(1)

    return find


@pytest.fixture
def post_comment() -> Callable[..., httpx.Response]:
    """POSTs the "Leave a reply" form of a page, with a valid CSRF token unless one is given."""

    def post(client: TestClient, kind: str, target: str, **fields: str) -> httpx.Response:
        data = {"name": "Ann Analyst", "email": "ann@example.org", "website": "", "body": "Seen it too.",
                **fields}
        data.setdefault("csrf", _csrf(client))
        return client.post(f"/discuss/{kind}/{target}", data=data, follow_redirects=False)

    return post


@pytest.fixture
def moderator(db_url: str) -> tuple[str, str]:
    """A moderator made with `sitrep admin create --password-stdin`."""
    name, password = MODERATOR
    result = CliRunner().invoke(cli, ["admin", "create", name, "--db", db_url, "--password-stdin"],
                                input=password + "\n", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return MODERATOR


def _sign_in(client: TestClient, name: str, password: str) -> httpx.Response:
    return client.post("/admin/login", data={"name": name, "password": password, "csrf": _csrf(client)},
                       follow_redirects=False)


@pytest.fixture
def sign_in() -> Callable[[TestClient, str, str], httpx.Response]:
    return _sign_in


@pytest.fixture
def moderator_client(make_client: Callable[..., TestClient], moderator: tuple[str, str]) -> TestClient:
    """A second browser, signed in as the moderator."""
    client = make_client()
    assert _sign_in(client, *moderator).status_code == 303
    return client


@pytest.fixture
def moderate() -> Callable[[TestClient, int, str], httpx.Response]:
    """POSTs a moderation button (approve, reject, delete) as this client."""

    def act(client: TestClient, comment_id: int, action: str) -> httpx.Response:
        return client.post(f"/admin/comments/{comment_id}/{action}", data={"csrf": _csrf(client)},
                           follow_redirects=False)

    return act
