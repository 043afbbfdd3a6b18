"""Server-rendered pages over the samples: content, quoted evidence, escaping, headers, errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from fastapi.testclient import TestClient

HOSTILE_REPORT = """---
title: <script>alert('title')</script> Convoy leaves "the base"
outlet: <img src=x onerror=alert('outlet')>Watch
published: 2024-12-20
url: javascript:alert('url')
---
Russian troops withdrew from Qamishli airport on Thursday <script>alert('body')</script>, the observatory said.

A convoy of Russian vehicles left the <b onmouseover=alert('place')>Tartus</b> port on Friday.
"""


def test_every_page_renders_with_its_security_headers(client: TestClient, fused_event: dict[str, Any],
                                                      sql: Callable[..., list[tuple[Any, ...]]]) -> None:
    doc_id = sql("SELECT id FROM documents ORDER BY id LIMIT 1")[0][0]
    for path in ["/", "/events", "/sites", "/sites/hmeimim", f"/events/{fused_event['id']}",
                 f"/reports/{doc_id}", "/brief", "/brief?since=2024-12-01&region=Syria", "/search?q=Tartus"]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert r.headers["x-frame-options"] == "DENY"
        # Offline: nothing is loaded from another host (links to original articles are fine).
        assert not re.search(r'(src="|<link[^>]*href=")(https?:)?//', r.text), path
        assert "<script>" not in r.text.replace("<script src=", ""), path


def test_site_page_shows_the_timeline_with_quoted_evidence(client: TestClient) -> None:
    html = client.get("/sites/qamishli-airport").text
    assert "Qamishli" in html and "st-vacated" in html
    assert "since <b>2024-12-16</b>" in html
    assert "<blockquote>" in html and 'href="/events/f' in html


def test_event_page_marks_the_sentence_in_each_source(client: TestClient, fused_event: dict[str, Any]) -> None:
    rec = client.get(f"/api/events/{fused_event['id']}").json()
    html = client.get(f"/events/{fused_event['id']}").text
    marks = re.findall(r"<mark>(.*?)</mark>", html, flags=re.S)
    assert len(marks) == len(rec["sources"]) >= 2
    for source in rec["sources"]:
        assert source["outlet"] in html
    assert f"{rec['independent_sources']} independent" in html
    assert "Leave a reply" in html


def test_report_page_marks_every_extracted_sentence(client: TestClient, sql: Callable[..., list[tuple[Any, ...]]]) -> None:
    doc_id, n = sql("SELECT id, n_events FROM documents WHERE n_events >= 2 ORDER BY id LIMIT 1")[0]
    event_id = sql("SELECT id FROM events WHERE document_id = ? ORDER BY id LIMIT 1", doc_id)[0][0]
    html = client.get(f"/reports/{doc_id}", params={"event": event_id}).text
    assert 1 <= html.count("<mark") <= n
    assert 'id="focus"' in html


def test_brief_page_lists_changes_and_keeps_the_form(client: TestClient) -> None:
    html = client.get("/brief", params={"since": "2024-12-01", "until": "2024-12-31"}).text
    assert "Qamishli" in html and "Status changes" in html
    assert 'value="2024-12-31"' in html
    bad = client.get("/brief", params={"since": "31/12/2024"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text


def test_events_page_pages_and_filters(client: TestClient) -> None:
    html = client.get("/events", params={"type": "RETREAT", "limit": 3}).text
    assert html.count('class="event-row"') == 3
    nxt = re.search(r'href="(/events\?[^"]*cursor=[^"]+)"', html)
    assert nxt, "a link to older events"
    assert client.get(nxt.group(1).replace("&amp;", "&")).status_code == 200
    assert client.get("/events", params={"since": "never"}).status_code == 400


def test_unknown_pages_get_a_404(client: TestClient) -> None:
    assert client.get("/sites/atlantis").status_code == 404
    assert client.get("/events/f0000").status_code == 404
    assert client.get("/reports/deadbeef").status_code == 404
    page = client.get("/sites/atlantis", headers={"accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and "Back to the map" in page.text
    assert "atlantis" in page.text


@pytest.fixture
def hostile_db(db_url: str, tmp_path: Path, invoke: Callable[..., Result]) -> str:
    path = tmp_path / "hostile.md"
    path.write_text(HOSTILE_REPORT, encoding="utf-8")
    result = invoke("ingest", path, "--db", db_url)
    assert result.exit_code == 0, result.stderr
    return db_url


def test_report_text_titles_and_outlets_are_escaped(hostile_db: str, client: TestClient,
                                                    sql: Callable[..., list[tuple[Any, ...]]]) -> None:
    doc_id = sql("SELECT id FROM documents WHERE title LIKE '%alert%'")[0][0]
    fused = [r[0] for r in sql("SELECT DISTINCT f.fused_id FROM event_fusion f JOIN events e ON e.id = f.event_id "
                               "WHERE e.document_id = ?", doc_id)]
    assert fused, "the hostile report still yields events"
    pages = [f"/reports/{doc_id}", "/events", "/search?q=alert", "/brief?since=2024-12-01"]
    pages += [f"/events/{i}" for i in fused]
    for path in pages:
        html = client.get(path).text
        for raw in ["<script>alert", "<img src=x", "<b onmouseover", 'href="javascript:']:
            assert raw not in html, (path, raw)
    assert "&lt;script&gt;alert" in client.get(f"/reports/{doc_id}").text


def test_brief_lists_imagery_and_flight_evidence_of_the_period(client: TestClient,
                                                               sql: Callable[..., list[tuple[Any, ...]]]) -> None:
    html = client.get("/brief", params={"since": "2024-12-10", "until": "2024-12-20", "region": "Syria"}).text
    section = html.split("<h2>Imagery and flights</h2>", 1)[1].split("<h2>", 1)[0]
    n = sql("SELECT count(*) FROM observations o JOIN sites s ON s.id = o.site_id WHERE s.country_code = 'SYR' "
            "AND o.acquired >= '2024-12-10' AND o.acquired < '2024-12-21'")[0][0]
    assert n > 0 and section.count('href="/reports/') == n
    assert "military transport movements" in section  # an airlift surge
    chad = client.get("/brief", params={"since": "2024-12-10", "until": "2024-12-20", "region": "Chad"}).text
    assert "No satellite-imagery observations in this period." in chad
