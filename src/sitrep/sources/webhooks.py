"""Webhooks: a JSON POST to each configured URL, retried with backoff (honouring Retry-After on
429 and 503) until it is accepted (2xx) or the retries run out."""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx

from sitrep.settings import WatchSettings
from sitrep.sources.fetch import RETRY_STATUS, retry_after


def post_json(url: str, payload: dict[str, Any], *, settings: WatchSettings,
              stop: threading.Event | None = None) -> str | None:
    """Delivers one payload; None when accepted, else why not (after the retries)."""
    stop = stop or threading.Event()
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": settings.user_agent}
    reason = "not tried"
    with httpx.Client(timeout=settings.timeout, follow_redirects=False) as client:
        for attempt in range(settings.retries + 1):
            wait: float | None = None
            try:
                response = client.post(url, content=body, headers=headers)
                if 200 <= response.status_code < 300:
                    return None
                reason = f"HTTP {response.status_code}"
                if response.status_code not in RETRY_STATUS and response.status_code < 500:
                    return reason  # the receiver refuses this payload: sending it again will not help
                wait = retry_after(response.headers.get("Retry-After"))
            except httpx.HTTPError as exc:
                reason = f"{type(exc).__name__}"
            if attempt == settings.retries:
                break
            wait = settings.backoff * 2 ** attempt if wait is None else min(wait, settings.max_retry_after)
            if stop.wait(wait):
                return f"{reason} (stopping)"
    return f"{reason} (gave up after {settings.retries + 1} tries)"
