"""The web client behind `sitrep watch` and `sitrep ingest URL`: one polite httpx client.

Polite means: a User-Agent naming sitrep and its operator's contact, robots.txt obeyed (RFC 9309:
a missing robots.txt allows all, an unreachable one disallows all), conditional requests (ETag,
Last-Modified -> 304), a delay between two requests to one host and a cap on requests in flight
per host, timeouts, a size limit on bodies (counted after decompression, so a gzip bomb stops at
the limit), a redirect limit, and retries with exponential backoff that honour Retry-After on 429
and 503. Thread-safe: the watcher polls several hosts at once from a thread pool.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from sitrep.settings import WatchSettings

# What a watched URL may hold; anything else (images, PDFs, archives) is refused before its body is read.
READABLE = ("text/html", "application/xhtml+xml", "application/rss+xml", "application/atom+xml",
            "application/xml", "text/xml", "application/rdf+xml", "text/plain", "application/feed+json")
RETRY_STATUS = {429, 502, 503, 504}
DISALLOW_ALL = ["User-agent: *", "Disallow: /"]
ROBOTS_MAX_BYTES = 500_000
ROBOTS_TTL = 86_400.0  # RFC 9309: a cached robots.txt should not be used for more than a day
ROBOTS_RETRY = 600.0  # an unreachable one is asked again after ten minutes  # RFC 9309 asks crawlers to read at least 500 KiB of robots.txt


class FetchError(Exception):
    """A URL that could not be read, with a one-line reason. `transient` failures (timeouts,
    refused connections, 429/503 past the retries) are worth trying at the next poll; the others
    (404, a loop of redirects, an image, a page past the size limit, robots.txt) are not."""

    def __init__(self, reason: str, *, transient: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


class Stopped(Exception):
    """The watcher is stopping (SIGTERM): no new request is started."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 (not modified: body empty)
    body: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None


class _Host:
    """One host's politeness state: the next moment a request may start, the requests in flight."""

    def __init__(self, concurrency: int) -> None:
        self.lock = threading.Lock()
        self.next_start = 0.0
        self.slots = threading.BoundedSemaphore(concurrency)
        self.robots: RobotFileParser | None = None
        self.robots_until = 0.0  # monotonic time after which robots.txt is read again
        self.delay: float = 0.0


class Fetcher:
    """Reads URLs politely; `get` raises FetchError (or Stopped) rather than returning a failure."""

    def __init__(self, settings: WatchSettings, *, stop: threading.Event | None = None) -> None:
        self.settings = settings
        self.stop = stop or threading.Event()
        timeout = httpx.Timeout(settings.timeout)
        limits = httpx.Limits(max_connections=max(settings.concurrency, 1) * 2, max_keepalive_connections=64)
        self.client = httpx.Client(headers={"User-Agent": settings.user_agent}, timeout=timeout, limits=limits,
                                   follow_redirects=True, max_redirects=settings.max_redirects)
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The URL's body (or a 304 when the conditional headers still hold)."""
        if self.stop.is_set():
            raise Stopped()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(f"not an http(s) URL: {url}")
        host = self._host(parts.scheme, parts.netloc)
        if self.settings.robots and not self._robots(host, parts.scheme, parts.netloc).can_fetch(
                self.settings.user_agent, url):
            raise FetchError("disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._once(host, url, headers)
            except _Retry as retry:
                attempt += 1
                if attempt > self.settings.retries:
                    raise FetchError(f"{retry.reason} (gave up after {attempt} tries)", transient=True) from None
                wait = retry.after if retry.after is not None else self.settings.backoff * 2 ** (attempt - 1)
                if wait > self.settings.max_retry_after:
                    raise FetchError(f"{retry.reason}; asked to wait {wait:.0f} s, more than "
                                     f"{self.settings.max_retry_after:.0f} s", transient=True) from None
                if self.stop.wait(wait):
                    raise Stopped() from None

    def _once(self, host: _Host, url: str, headers: dict[str, str]) -> Fetched:
        with host.slots:
            self._wait_turn(host)
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    return self._read(response)
            except httpx.TooManyRedirects:
                raise FetchError(f"more than {self.settings.max_redirects} redirects (a loop?)") from None
            except httpx.TimeoutException:
                raise _Retry(f"no answer within {self.settings.timeout:g} s") from None
            except httpx.TransportError as exc:
                raise _Retry(f"connection failed: {type(exc).__name__}") from None

    def _wait_turn(self, host: _Host) -> None:
        with host.lock:
            now = time.monotonic()
            start = max(now, host.next_start)
            host.next_start = start + max(self.settings.host_delay, host.delay)
        if start > now and self.stop.wait(start - now):
            raise Stopped()
        if self.stop.is_set():
            raise Stopped()

    def _read(self, response: httpx.Response) -> Fetched:
        status = response.status_code
        if status in RETRY_STATUS:
            raise _Retry(f"HTTP {status}", retry_after(response.headers.get("Retry-After")))
        final = str(response.url)
        etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        if status == 304:
            return Fetched(final, 304, b"", "", etag, modified)
        if status >= 400:
            raise FetchError(f"HTTP {status}", transient=status >= 500)
        ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype and not ctype.startswith(READABLE) and not ctype.endswith("+xml"):
            raise FetchError(f"not a page or feed (Content-Type {ctype})")
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"larger than {limit:,} bytes (Content-Length {int(declared):,})")
        body = bytearray()
        for chunk in response.iter_bytes():  # decompressed: the limit holds for gzip too
            body += chunk
            if len(body) > limit:
                raise FetchError(f"larger than {limit:,} bytes")
            if self.stop.is_set():
                raise Stopped()
        return Fetched(final, status, bytes(body), ctype, etag, modified)

    def _host(self, scheme: str, netloc: str) -> _Host:
        key = f"{scheme}://{netloc}"
        with self._hosts_lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(max(1, self.settings.host_concurrency))
            return self._hosts[key]

    def _robots(self, host: _Host, scheme: str, netloc: str) -> RobotFileParser:
        with host.lock:
            if host.robots is not None and time.monotonic() < host.robots_until:
                return host.robots
        parser = RobotFileParser()
        ttl = ROBOTS_TTL
        try:
            with self.client.stream("GET", f"{scheme}://{netloc}/robots.txt") as response:
                if response.status_code >= 500:
                    parser.parse(DISALLOW_ALL)  # RFC 9309: an unreachable robots.txt disallows all
                    ttl = ROBOTS_RETRY
                elif response.status_code >= 400:
                    parser.parse([])  # none there (or not ours to read): everything is allowed
                else:
                    body = b""
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > ROBOTS_MAX_BYTES:
                            break
                    parser.parse(body.decode("utf-8", "replace").splitlines())
        except httpx.HTTPError as exc:  # the host is unreachable: nothing is cached, the next poll asks again
            raise FetchError(f"connection failed: {type(exc).__name__}", transient=True) from None
        delay = parser.crawl_delay(self.settings.user_agent)
        with host.lock:
            host.robots, host.robots_until = parser, time.monotonic() + ttl
            host.delay = float(delay) if delay else 0.0
        return parser


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())
