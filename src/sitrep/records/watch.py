"""Records of the watcher: the sources it polls, what it remembers of each URL, each poll's tally."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class WatchSource:
    """A feed, a page or a local file polled by `sitrep watch` (from the command line or a
    `[[source]]` table of the config file)."""

    url: str  # http(s) URL, or a local path
    name: str | None = None
    outlet: str | None = None  # overrides the page's site name
    language: str | None = None  # overrides language identification
    interval: float | None = None  # seconds between polls; None: the watch default

    @property
    def label(self) -> str:
        return self.name or self.url


@dataclass(frozen=True)
class FetchedUrl:
    """What the store keeps of a fetched URL: validators for conditional requests (feeds,
    pages) and the report an article gave (so it is never fetched again)."""

    url_key: str
    url: str
    kind: str  # feed, page, article
    fetched_at: datetime
    document_id: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    outcome: str | None = None


@dataclass
class PollResult:
    """One poll of one source: one line on stderr."""

    source: str
    new: int = 0  # reports stored
    events: int = 0
    known: int = 0  # items already stored (not fetched again)
    unchanged: bool = False  # 304 or same validators
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        state = "not modified" if self.unchanged else f"{self.new} new, {self.known} known"
        errors = f", {len(self.errors)} error(s): " + "; ".join(self.errors[:3]) if self.errors else ""
        return f"poll {self.source}: {state}, {self.events} event(s){errors} ({self.seconds:.1f} s)"
