"""Alerts while watching: after a poll round stored new reports, the site status changes that
were not there before are sent to each webhook (sources/webhooks.py) as JSON."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict

from sitrep.records import Alert
from sitrep.settings import WatchSettings
from sitrep.sources.webhooks import post_json
from sitrep.store import Store
from sitrep.store.alerts import status_alerts


def known_changes(store: Store) -> set[str]:
    """Keys of the status changes stored now."""
    return {a.key for a in status_alerts(store)}


def send_new_changes(store: Store, known: set[str], *, settings: WatchSettings, stop: threading.Event,
                     on_alert: Callable[[Alert, str | None], None]) -> set[str]:
    """Posts each status change not in `known` to every webhook; the keys known afterwards.
    `on_alert` hears of each change with the delivery failures (None when all were delivered)."""
    alerts = status_alerts(store)
    for alert in sorted((a for a in alerts if a.key not in known), key=lambda a: (a.day, a.key)):
        payload = {"type": "site_status_change", **asdict(alert)}
        failures = [f"{url}: {why}" for url in settings.webhooks
                    if (why := post_json(url, payload, settings=settings, stop=stop)) is not None]
        on_alert(alert, "; ".join(failures) or None)
    return {a.key for a in alerts}
