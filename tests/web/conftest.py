"""Web fixtures: a fresh copy of the ingested samples per test, the real app on it, a moderator."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser import (  # tests/web is on sys.path (rootdir-less test folders)
    CHROMIUM,
    SHOTS,
    watched_page,
)
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


# The browser tests: `sitrep serve` on a copy of the samples, and Debian's Chromium.

BROWSER_MODERATOR = ("editor", "a long enough passphrase")


def _need_chromium() -> Any:
    """Playwright's sync API, or a skip (locally) / an error (in CI) when Chromium is missing."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium for these tests")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, samples_db: dict[str, Any]) -> Iterator[str]:
    """`sitrep serve` on a copy of the ingested samples, with one moderator; yields its base URL."""
    path = tmp_path_factory.mktemp("browser") / "web.db"
    with sqlite3.connect(samples_db["path"]) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    url = f"sqlite:///{path}"
    made = CliRunner().invoke(cli, ["admin", "create", BROWSER_MODERATOR[0], "--db", url, "--password-stdin"],
                              input=BROWSER_MODERATOR[1] + "\n")
    assert made.exit_code == 0, made.output
    port = _free_port()
    sitrep = Path(sys.executable).with_name("sitrep")
    proc = subprocess.Popen([str(sitrep), "serve", "--db", url, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/api/filters", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(f"sitrep serve exited: {proc.stdout.read() if proc.stdout else ''}") from None
                time.sleep(0.2)
        else:
            raise AssertionError("sitrep serve did not answer in 30 s")
        yield base
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
        assert f"http://127.0.0.1:{port}/" in out  # it says where the dashboard is
        # The server's own log must not carry commenters' emails either.
        assert "@example.org" not in out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = _need_chromium()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh browser context; fails the test on any script error, dialog or off-site request."""
    pg = watched_page(browser, server)
    yield pg
    pg.context.close()
    assert not pg.problems, pg.problems
