"""Watching: sources (feeds, pages, local files) -> fetched articles -> extract -> store.

Fetching runs in a thread pool (many hosts at once, each politely); extraction and writes run in
the calling thread, one report per transaction, so a stop (SIGTERM) between two reports loses
nothing and leaves nothing half-stored. A feed's validators are stored only after all its items
were handled: a watcher killed mid-poll polls the feed again, and the items it had stored are
skipped by URL without being fetched.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from sitrep.pipeline.alerts import known_changes, send_new_changes
from sitrep.pipeline.models import Extractor, Pipeline
from sitrep.records import Alert, Event, FetchedUrl, PollResult, Report, Skipped, WatchSource
from sitrep.settings import WatchSettings
from sitrep.sources.fetch import Fetched, Fetcher, FetchError, Stopped
from sitrep.sources.watchlist import is_url
from sitrep.sources.web import FeedItem, feed_items, looks_like_feed, read_article, url_key
from sitrep.store import Store

BATCH = 16  # articles handed to the parser at once (spaCy's nlp.pipe batch)
Extract = Callable[[list[Report]], Iterable[tuple[Report, list[Event]]]]


@dataclass
class SourceFetch:
    """What one poll of a source brought back, before extraction."""

    source: WatchSource
    emit: Callable[[tuple[SourceFetch, Report, FetchedUrl]], None]
    skipped: list[FetchedUrl] = field(default_factory=list)  # articles not worth fetching again
    state: FetchedUrl | None = None  # the feed's (or page's) validators, stored last
    result: PollResult = field(default_factory=lambda: PollResult(source=""))


def fetch_source(source: WatchSource, *, fetcher: Fetcher, store: Store, limits: WatchSettings,
                 emit: Callable[[tuple[SourceFetch, Report, FetchedUrl]], None]) -> SourceFetch:
    """Polls one source: its feed items not fetched before, or the page itself, each article
    handed to `emit` as it arrives (no store writes here)."""
    out = SourceFetch(source, emit=emit, result=PollResult(source=source.label))
    started = time.monotonic()
    try:
        _fetch_into(out, fetcher=fetcher, store=store, limits=limits)
    except FetchError as error:
        out.result.errors.append(f"{source.url}: {error.reason}")
    except Stopped:
        out.state = None  # not finished: the next run polls it again
    out.result.seconds = time.monotonic() - started
    return out


def _fetch_into(out: SourceFetch, *, fetcher: Fetcher, store: Store, limits: WatchSettings) -> None:
    source = out.source
    key = url_key(source.url) if is_url(source.url) else "file:" + str(Path(source.url).resolve())
    known = store.fetched([key]).get(key)
    fetched = _get_source(source.url, fetcher=fetcher, limits=limits, known=known)
    if fetched.status == 304:
        out.result.unchanged = True
        return
    kind = "feed" if looks_like_feed(fetched.body, fetched.content_type) else "page"
    out.state = FetchedUrl(url_key=key, url=source.url, kind=kind, fetched_at=datetime.now(UTC),
                           etag=fetched.etag, last_modified=fetched.last_modified, outcome="polled")
    if kind == "page":
        report = read_article(fetched.body, url=fetched.url, content_type=fetched.content_type,
                              outlet=source.outlet, language=source.language)
        if isinstance(report, Skipped):
            out.result.errors.append(f"{source.url}: {report.reason}")
        else:
            out.emit((out, report, _page_state(out.state, report.id)))
            out.state = None  # remembered with the page's report, in its transaction
        return
    items = feed_items(fetched.body, base_url=fetched.url, limit=limits.items_per_feed)
    if isinstance(items, Skipped):
        out.result.errors.append(f"{source.url}: {items.reason}")
        return
    seen = store.fetched(url_key(i.url) for i in items)
    for item in items:
        if url_key(item.url) in seen:
            out.result.known += 1
            continue
        _fetch_item(out, item, fetcher=fetcher)


def _fetch_item(out: SourceFetch, item: FeedItem, *, fetcher: Fetcher) -> None:
    """One feed item's article; its summary stands in when the page holds no text."""
    source = out.source
    try:
        page = fetcher.get(item.url)
    except FetchError as error:
        out.result.errors.append(f"{item.url}: {error.reason}")
        if not error.transient:
            out.skipped.append(_article_state(item.url, None, error.reason))
        return
    report = read_article(page.body, url=item.url, content_type=page.content_type, outlet=source.outlet,
                          language=source.language, fallback=item)
    if isinstance(report, Skipped):
        out.result.errors.append(f"{item.url}: {report.reason}")
        out.skipped.append(_article_state(item.url, None, report.reason))
    else:
        out.emit((out, report, _article_state(item.url, report.id, "stored")))


def _article_state(url: str, document_id: str | None, outcome: str) -> FetchedUrl:
    return FetchedUrl(url_key=url_key(url), url=url, kind="article", fetched_at=datetime.now(UTC),
                      document_id=document_id, outcome=outcome)


def _page_state(state: FetchedUrl, document_id: str) -> FetchedUrl:
    return replace(state, document_id=document_id, outcome="stored")


def _get_source(target: str, *, fetcher: Fetcher, limits: WatchSettings, known: FetchedUrl | None) -> Fetched:
    """A URL through the polite client, or a local file (its modification time and size stand
    for an ETag, so an unchanged file is not read again)."""
    if is_url(target):
        return fetcher.get(target, etag=known.etag if known else None,
                           last_modified=known.last_modified if known else None)
    path = Path(target)
    try:
        info = path.stat()
        stamp = f"{info.st_mtime_ns}-{info.st_size}"
        if known is not None and known.etag == stamp:
            return Fetched(str(path), 304, b"", "")
        if info.st_size > limits.max_bytes:
            raise FetchError(f"larger than {limits.max_bytes:,} bytes")
        body = path.read_bytes()
    except OSError as exc:
        raise FetchError(f"cannot read ({exc.strerror or exc})") from None
    ctype = "text/html" if path.suffix.lower() in (".html", ".htm") else "text/plain"
    return Fetched(str(path.resolve()), 200, body, ctype, etag=stamp)


def _store_articles(articles: list[tuple[SourceFetch, Report, FetchedUrl]], *, store: Store,
                    extract: Extract) -> None:
    """Extracts and stores fetched articles, one transaction each (a report with its events and
    its URL), counting them in their source's poll."""
    fresh: dict[str, tuple[SourceFetch, Report, FetchedUrl]] = {}
    stored_ids = store.known_documents(r.id for _, r, _ in articles)
    for batch, report, state in articles:
        if report.id in stored_ids or report.id in fresh:
            batch.result.known += 1  # the same text under another URL: remembered, not stored twice
            store.remember_fetch(replace(state, document_id=None, outcome="already stored"))
        else:
            fresh[report.id] = (batch, report, state)
    with store.batch():  # a site several articles touch is judged once, after them
        for report, found in extract([r for _, r, _ in fresh.values()]):
            batch, _, state = fresh.pop(report.id)
            if store.save_report(report, found, fetched=state):
                batch.result.new += 1
                batch.result.events += len(found)
            else:
                batch.result.known += 1
    for _, _, state in fresh.values():  # reports the extractor skipped (too long, parser failure)
        store.remember_fetch(replace(state, document_id=None, outcome="not parsed"))


def _finish(batch: SourceFetch, *, store: Store) -> PollResult:
    """After a source's last article: its skipped articles and its validators are remembered."""
    for state in batch.skipped:
        store.remember_fetch(state)
    if batch.state is not None and not batch.result.unchanged:
        store.remember_fetch(batch.state)
    return batch.result


def poll_sources(sources: Sequence[WatchSource], *, fetcher: Fetcher, store: Store, extract: Extract,
                 limits: WatchSettings) -> Iterator[PollResult]:
    """Polls each source once: fetching in a thread pool, each article stored (in this thread)
    as soon as it arrives, in small batches for the parser; one result per source as it ends."""
    arrivals: queue.Queue[tuple[SourceFetch, Report, FetchedUrl] | SourceFetch] = queue.Queue()

    def work(source: WatchSource) -> None:
        arrivals.put(fetch_source(source, fetcher=fetcher, store=store, limits=limits, emit=arrivals.put))

    with ThreadPoolExecutor(max_workers=max(1, limits.concurrency), thread_name_prefix="watch") as pool:
        futures = [pool.submit(work, s) for s in sources]
        left = len(sources)
        try:
            while left:
                got = [arrivals.get()]
                while len(got) < BATCH and not arrivals.empty():
                    got.append(arrivals.get_nowait())
                articles = [g for g in got if isinstance(g, tuple)]
                if articles:
                    _store_articles(articles, store=store, extract=extract)
                for done in (g for g in got if isinstance(g, SourceFetch)):
                    left -= 1
                    yield _finish(done, store=store)
        finally:  # closed early (an error): polls not started are dropped, running ones stop
            for future in futures:
                future.cancel()
            if left:
                fetcher.stop.set()


def run_watch(sources: Sequence[WatchSource], *, pipeline: Pipeline, store: Store, fetcher: Fetcher,
              once: bool, on_poll: Callable[[PollResult], None], on_round: Callable[[], None] = lambda: None,
              on_skip: Callable[[Skipped], None] = lambda s: None,
              on_alert: Callable[[Alert, str | None], None] = lambda a, e: None,
              extractor: Extractor | None = None) -> int:
    """Polls the sources until `fetcher.stop` is set (or once); each source at its own interval;
    after a round that stored reports, new site status changes go to the webhooks.
    Returns the number of reports stored."""
    limits = fetcher.settings
    stop = fetcher.stop
    store.sync_sites(pipeline.gazetteer.sites.values())
    store.rejudge_sites()
    known = known_changes(store)

    def extract(reports: list[Report]) -> Iterable[tuple[Report, list[Event]]]:
        # On a cluster's workers (`watch --cluster`), else with this process's models.
        return (extractor or pipeline).extract_many(reports, on_skip=on_skip) if reports else []

    due = {s.url: 0.0 for s in sources}
    stored = 0
    while not stop.is_set():
        now = time.monotonic()
        ready = [s for s in sources if due[s.url] <= now]
        new = 0
        for result in poll_sources(ready, fetcher=fetcher, store=store, extract=extract, limits=limits):
            new += result.new
            on_poll(result)
        stored += new
        if new:
            on_round()
            known = send_new_changes(store, known, settings=limits, stop=stop, on_alert=on_alert)
        for s in ready:
            due[s.url] = time.monotonic() + (s.interval or limits.interval)
        if once:
            break
        stop.wait(max(0.0, min(due.values()) - time.monotonic()))
    return stored
