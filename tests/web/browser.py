"""Helpers for the browser tests (their fixtures live in conftest.py): where screenshots go, a
poll that needs no eval (the app's CSP forbids it), and the axe-core accessibility check."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}


def wait_until(condition: Any, timeout: float = 15.0) -> None:
    """Polls from Python: the app's CSP (rightly) forbids the eval behind page.wait_for_function."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the page (axe-core 4.10, vendored; the page's
    context must bypass the CSP, which rightly forbids the injected script)."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result if v["impact"] in ("serious", "critical")]


def horizontal_overflow(page: Any) -> int:
    """How many pixels the page is wider than the window (0: nothing to scroll sideways)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def watched_page(browser: Any, server: str, *, size: tuple[int, int] = (1400, 900), **options: Any) -> Any:
    """A page in a fresh context that records script errors, dialogs and off-site requests in
    `page.problems` (the caller asserts it is empty and closes `page.context`)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, base_url=server, **options)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    pg.on("dialog", lambda d: (problems.append(f"dialog opened: {d.message}"), d.dismiss()))
    pg.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)

    def check_host(request: Any) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith("http") and host != "127.0.0.1":
            problems.append(f"request to another host: {request.url}")

    pg.on("request", check_host)
    pg.problems = problems  # a test that expects an error status removes its console line
    return pg
