"""Rate limits hold against parallel requests and forged addresses, on a real `sitrep serve`:
each attempt is counted before it is checked, in one transaction, and X-Forwarded-For is believed
only from the proxies named by --forwarded-allow-ips."""

from __future__ import annotations

import re
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from sitrep.cli import cli

MODERATOR = ("moderator", "correct horse battery")
PARALLEL = 40


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    sitrep = Path(sys.executable).with_name("sitrep")
    proc = subprocess.Popen([str(sitrep), "serve", "--db", f"sqlite:///{db}", "--port", str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            httpx.get(base + "/api/filters", timeout=1)
            return proc, base
        except httpx.HTTPError:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            time.sleep(0.2)
    proc.terminate()
    raise AssertionError("sitrep serve did not answer in 30 s")


@pytest.fixture
def store(tmp_path: Path, samples_db: dict[str, Any]) -> Path:
    path = tmp_path / "web.db"
    with sqlite3.connect(samples_db["path"]) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    made = CliRunner().invoke(cli, ["admin", "create", MODERATOR[0], "--db", f"sqlite:///{path}",
                                    "--password-stdin"], input=MODERATOR[1] + "\n")
    assert made.exit_code == 0, made.output
    return path


@pytest.fixture
def server(store: Path) -> Iterator[str]:
    proc, base = _serve(store)
    try:
        yield base
    finally:
        proc.terminate()
        proc.communicate(timeout=10)


def _event_id(store: Path) -> str:
    with sqlite3.connect(store) as conn:
        return conn.execute("SELECT id FROM fused_events ORDER BY id LIMIT 1").fetchone()[0]


def _comment(base: str, event_id: str, n: int, headers: dict[str, str] | None = None) -> int:
    data = {"name": f"Reader {n}", "email": f"reader{n}@example.org", "body": f"Comment number {n}."}
    return httpx.post(f"{base}/api/events/{event_id}/comments", json=data, headers=headers or {},
                      timeout=30).status_code


def test_parallel_comments_get_exactly_the_limit(server, store):
    event_id = _event_id(store)
    with ThreadPoolExecutor(PARALLEL) as pool:
        codes = Counter(pool.map(lambda n: _comment(server, event_id, n), range(PARALLEL)))
    assert codes == {201: 5, 429: PARALLEL - 5}


def test_rotating_x_forwarded_for_does_not_reset_the_limit(server, store):
    event_id = _event_id(store)
    codes = Counter(_comment(server, event_id, n, {"X-Forwarded-For": f"203.0.113.{n}"}) for n in range(8))
    assert codes == {201: 5, 429: 3}


def _login_form(base: str) -> tuple[dict[str, str], str]:
    page = httpx.get(f"{base}/admin/login", headers={"accept": "text/html"}, timeout=30)
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token
    return dict(page.cookies), token.group(1)


def test_parallel_wrong_passwords_get_at_most_the_limit_of_checks(server):
    cookies, token = _login_form(server)

    def guess(n: int) -> int:
        return httpx.post(f"{server}/admin/login", cookies=cookies, timeout=60,
                          data={"name": MODERATOR[0], "password": f"guess {n}", "csrf": token}).status_code

    with ThreadPoolExecutor(PARALLEL) as pool:
        codes = Counter(pool.map(guess, range(PARALLEL)))
    assert codes == {401: 10, 429: PARALLEL - 10}


def test_a_configured_proxy_is_believed(store):
    proc, base = _serve(store, "--forwarded-allow-ips", "127.0.0.1")
    try:
        event_id = _event_id(store)
        codes = Counter(_comment(base, event_id, n, {"X-Forwarded-For": f"203.0.113.{n // 5}"})
                        for n in range(10))
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    assert codes == {201: 10}  # two visitors behind the proxy, five comments each


def _worker_pids(pid: int) -> set[int]:
    """The server's child processes that run the app (uvicorn's spawn helper, if any, aside)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return {int(c) for c in children
            if "multiprocessing.spawn" in Path(f"/proc/{c}/cmdline").read_bytes().decode(errors="replace")
            and "resource_tracker" not in Path(f"/proc/{c}/cmdline").read_bytes().decode(errors="replace")}


def test_limits_hold_across_worker_processes_serving_the_flagged_store(store):
    """`--workers 2`: two processes answer, on the store named by --db (handed to them), and the
    attempts they count land in that one store, so the limit holds across them."""
    proc, base = _serve(store, "--workers", "2")
    try:
        workers = _worker_pids(proc.pid)
        event_id = _event_id(store)
        assert httpx.get(f"{base}/api/events/{event_id}", timeout=30).status_code == 200
        with ThreadPoolExecutor(PARALLEL) as pool:
            codes = Counter(pool.map(lambda n: _comment(base, event_id, n), range(PARALLEL)))
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
    assert len(workers) == 2
    assert codes == {201: 5, 429: PARALLEL - 5}
