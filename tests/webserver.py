"""A real HTTP server on loopback for the watcher's tests: routes set per test, requests recorded.

Only the internet is faked: sitrep's client talks HTTP over a socket to this server, which answers
with what each route says (status, headers, body, delay, gzip, ETag/Last-Modified validation).
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes | Callable[[], bytes] = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    gzip: bool = False
    etag: str | None = None  # answered with 304 when the client sends it back
    last_modified: str | None = None
    stream: Callable[[], Iterator[bytes]] | None = None  # a body sent chunk by chunk
    # Answers to give first, one per request, before the route's own answer (e.g. two 429s).
    before: list[tuple[int, dict[str, str]]] = field(default_factory=list)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float
    status: int = 0
    sent: int = 0  # body bytes written before the client went away
    method: str = "GET"
    body: bytes = b""  # what a POST carried


class FakeWeb:
    """Routes by path; `url(path)` gives the address; `seen` lists every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {"/robots.txt": Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")}
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                web.answer(self)

            def do_POST(self) -> None:  # noqa: N802
                web.answer(self)

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, path: str) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.path == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?")[0]
        seen = Seen(path=handler.path, headers={k.lower(): v for k, v in handler.headers.items()}, at=time.monotonic(),
                    method=handler.command)
        if handler.command == "POST":
            seen.body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        with self.lock:
            self.seen.append(seen)
            route = self.routes.get(path)
            early = route.before.pop(0) if route is not None and route.before else None
        try:
            self._send(handler, route, early, seen)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up (a size limit, a timeout): what was sent is in `seen.sent`

    def _send(self, handler: BaseHTTPRequestHandler, route: Route | None, early: tuple[int, dict[str, str]] | None,
              seen: Seen) -> None:
        if route is None:
            return self._head(handler, seen, 404, {"Content-Type": "text/plain", "Content-Length": "9"}, b"not found")
        if early is not None:
            return self._head(handler, seen, early[0], {"Content-Length": "0", **early[1]}, b"")
        if route.delay:
            time.sleep(route.delay)
        validators = {k: v for k, v in (("ETag", route.etag), ("Last-Modified", route.last_modified)) if v}
        if (route.etag and seen.headers.get("if-none-match") == route.etag) or (
                route.last_modified and not route.etag and seen.headers.get("if-modified-since") == route.last_modified):
            return self._head(handler, seen, 304, validators, b"")
        headers = {"Content-Type": route.content_type, **validators, **route.headers}
        if route.stream is not None:
            seen.status = route.status
            handler.send_response(route.status)
            for k, v in headers.items():
                handler.send_header(k, v)
            handler.end_headers()
            for chunk in route.stream():
                handler.wfile.write(chunk)
                seen.sent += len(chunk)
            return None
        body = route.body() if callable(route.body) else route.body
        if route.gzip:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        headers.setdefault("Content-Length", str(len(body)))
        return self._head(handler, seen, route.status, headers, body)

    @staticmethod
    def _head(handler: BaseHTTPRequestHandler, seen: Seen, status: int, headers: dict[str, str], body: bytes) -> None:
        seen.status = status  # before the client can have the answer and read `seen` (a bodiless 304 races)
        handler.send_response(status)
        for k, v in headers.items():
            handler.send_header(k, v)
        handler.end_headers()
        if body:
            handler.wfile.write(body)
            seen.sent += len(body)


def rss(items: list[tuple[str, str, str]], *, title: str = "Test Wire") -> bytes:
    """An RSS 2.0 feed of (link, title, pubDate) items."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
                      f"<description>{t}</description></item>" for link, t, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.invalid/</link><description>test</description>{entries}</channel></rss>").encode()


def article(title: str, paragraphs: list[str], *, site: str = "Test Wire", date: str | None = "2024-12-18",
            extra: str = "") -> bytes:
    """An article page with navigation, a "Read also" list and a comment form around the text."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="en"><head><title>{title}</title>
<meta property="og:site_name" content="{site}">{meta}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>{title}</h1>{body}{extra}</article>
<aside><h2>Read also</h2><ul><li><a href="/x">Markets close higher on Friday</a></li>
<li><a href="/y">Ten recipes for the holidays</a></li></ul></aside>
<form class="comment-form"><label>Leave a comment</label><textarea></textarea><button>Post comment</button></form>
<footer>Copyright Test Wire. All rights reserved.</footer></body></html>""".encode()
