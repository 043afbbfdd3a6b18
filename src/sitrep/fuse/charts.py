"""Offline charts for the HTML brief (matplotlib, Agg backend): a map of the changes and a status
timeline per site. PNG bytes out; no fonts or tiles fetched."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sitrep.records import EventRecord, SiteChange, SiteDetail

STATUS_COLOURS = {"present": "#2e7d32", "returned": "#1565c0", "drawing down": "#ef6c00",
                  "vacated": "#c62828", "unknown": "#9e9e9e"}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    # No creation date in the file: the same brief gives the same bytes.
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    _pyplot().close(fig)
    return buffer.getvalue()


def change_map(changes: Sequence[SiteChange], events: list[EventRecord]) -> bytes:
    """Sites whose status changed, coloured by their new status, over the period's events."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 5.5))
    for record in events:
        loc = record.get("event_loc")
        if loc:
            ax.scatter(loc["lon"], loc["lat"], s=12 + 10 * record.get("independent_sources", 1),
                       color="#607d8b", alpha=0.35, linewidths=0)
    latest: dict[str, Any] = {}
    for change in changes:
        latest[change.site.id] = change
    # Labels alternate sides and heights so neighbouring sites stay readable.
    offsets = [(6, 5), (6, -11)]
    for n, change in enumerate(sorted(latest.values(), key=lambda c: (c.site.lon, c.site.lat))):
        site = change.site
        ax.scatter(site.lon, site.lat, s=90, color=STATUS_COLOURS.get(change.status, "#000"),
                   edgecolors="black", linewidths=0.6, zorder=3)
        dx, dy = offsets[n % len(offsets)]
        ax.annotate(f"{site.name} ({change.status})", (site.lon, site.lat), fontsize=6.5,
                    xytext=(dx, dy), textcoords="offset points", zorder=4,
                    ha="left" if dx > 0 else "right",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_aspect("equal", adjustable="datalim")
    ax.grid(True, linewidth=0.3, alpha=0.5)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=c, label=s) for s, c in STATUS_COLOURS.items()]
    ax.legend(handles=handles, fontsize=7, loc="best")
    ax.set_title("Site status changes (grey: events, larger = more independent sources)", fontsize=9)
    return _png(fig)


def status_timeline_chart(sites: Sequence[SiteDetail], since: date, until: date) -> bytes:
    """One bar per site, coloured by status over time."""
    import matplotlib.dates as mdates

    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * max(3, len(sites)) + 1))
    for row, site in enumerate(sites):
        changes = [c for c in site.timeline if date.fromisoformat(c.since) <= until]
        for i, change in enumerate(changes):
            start = max(date.fromisoformat(change.since), since - timedelta(days=30))
            end = date.fromisoformat(changes[i + 1].since) if i + 1 < len(changes) else until
            if end <= start:
                end = start + timedelta(days=1)
            ax.broken_barh([(mdates.date2num(start), (end - start).days)], (row - 0.35, 0.7),
                           color=STATUS_COLOURS.get(change.status, "#000"))
    ax.set_yticks(range(len(sites)), [s.name for s in sites], fontsize=7)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.axvline(mdates.date2num(since), color="black", linewidth=0.8, linestyle="--")
    ax.tick_params(axis="x", labelsize=7, rotation=30)
    handles = [plt.Line2D([], [], marker="s", linestyle="", color=c, label=s) for s, c in STATUS_COLOURS.items()]
    ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title("Status timeline (dashed line: start of the brief)", fontsize=9)
    return _png(fig)
