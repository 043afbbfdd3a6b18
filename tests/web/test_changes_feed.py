"""`/feeds/changes.atom`: status changes and corroborated happenings as a valid Atom feed, for all
sites, one site or one region (issue 17 item 5)."""

from __future__ import annotations

import re

import feedparser
import pytest
from lxml import etree

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def atom(client, **params):
    response = client.get("/feeds/changes.atom", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    return response.content


def rfc4287_problems(body: bytes) -> list[str]:
    """The RFC 4287 rules a reader relies on: feed and entries have id, title, updated (RFC 3339),
    the feed an author (or every entry one), entries a link or content; ids unique IRIs."""
    root = etree.fromstring(body)
    problems = [] if root.tag == A + "feed" else [f"root is {root.tag}"]
    for element, where in [(root, "feed"), *((e, f"entry {n}") for n, e in enumerate(root.findall(A + "entry")))]:
        for name in ("id", "title", "updated"):
            if len(element.findall(A + name)) != 1:
                problems.append(f"{where}: needs exactly one {name}")
        stamp = element.findtext(A + "updated") or ""
        if not RFC3339.match(stamp):
            problems.append(f"{where}: updated {stamp!r} is not RFC 3339")
        if not re.match(r"^[a-z][a-z0-9+.-]*:", element.findtext(A + "id") or ""):
            problems.append(f"{where}: id is not an IRI")
        if where != "feed" and element.find(A + "link") is None and element.find(A + "content") is None:
            problems.append(f"{where}: needs a link or content")
    if root.find(A + "author") is None and any(e.find(A + "author") is None for e in root.findall(A + "entry")):
        problems.append("no author")
    ids = [e.findtext(A + "id") for e in root.findall(A + "entry")]
    if len(ids) != len(set(ids)):
        problems.append("entry ids repeat")
    return problems


def test_feed_of_changes_is_valid_atom(client):
    body = atom(client)
    assert rfc4287_problems(body) == []
    parsed = feedparser.parse(body)
    assert parsed.version == "atom10" and not parsed.bozo
    assert len(parsed.entries) >= 2


def test_feed_lists_status_changes_and_corroborated_events(client):
    parsed = feedparser.parse(atom(client))
    titles = [e.title for e in parsed.entries]
    assert any(t.startswith("Qamishli Airport: vacated") for t in titles)
    assert {t.term for e in parsed.entries for t in e.tags} == {"status", "corroborated"}
    assert all(e.link.startswith("http://testserver/sites/") or e.link.startswith("http://testserver/events/")
               for e in parsed.entries)
    days = [e.updated for e in parsed.entries]
    assert days == sorted(days, reverse=True)


def test_entry_ids_are_stable_between_requests(client):
    first = [e.id for e in feedparser.parse(atom(client)).entries]
    assert first == [e.id for e in feedparser.parse(atom(client)).entries]


def test_per_site_feed_has_only_that_site(client):
    parsed = feedparser.parse(atom(client, site="Kamishli airport"))  # a spelling, as the CLI accepts
    everything = feedparser.parse(atom(client)).entries
    status = [e for e in parsed.entries if e.tags[0].term == "status"]
    assert status and all(e.link == "http://testserver/sites/qamishli-airport" for e in status)
    assert len(parsed.entries) < len(everything)
    assert "at qamishli-airport" in parsed.feed.title


@pytest.mark.parametrize(("region", "has_qamishli"), [("Syria", True), ("SYR", True), ("Niger", False)])
def test_per_region_feed(client, region, has_qamishli):
    titles = [e.title for e in feedparser.parse(atom(client, region=region)).entries]
    assert any(t.startswith("Qamishli Airport") for t in titles) == has_qamishli


@pytest.mark.parametrize(("params", "status"), [({"site": "Atlantis"}, 404), ({"region": "Narnia"}, 400)])
def test_unknown_site_or_region_is_refused(client, params, status):
    assert client.get("/feeds/changes.atom", params=params).status_code == status
