"""A commenter's email is never published: not in a page, an API answer, an export, a log line, or
the store's file (only a keyed hash is kept)."""

from __future__ import annotations

import hashlib
import logging

import pytest
from starlette.routing import Route

from sitrep.web import api, discussion, moderation, pages

SITE = "qamishli-airport"
EMAIL = "Private.Person@Example.org"
SPELLINGS = (EMAIL, EMAIL.lower(), "Private.Person", "private.person")


@pytest.fixture
def commented(client, moderator_client, moderate, post_comment, fused_event, sql, caplog):
    """Comments by EMAIL through the form and the API, approved, plus a refused one; logs captured."""
    caplog.set_level(logging.DEBUG)
    post_comment(client, "event", fused_event["id"], name="Pat", email=EMAIL, body="Form comment.")
    client.post(f"/api/sites/{SITE}/comments", json={"name": "Pat", "email": EMAIL, "body": "API one."})
    post_comment(client, "brief", "2024-12-01~~", name="Pat", email=EMAIL, body="")  # invalid: 400
    client.post(f"/api/sites/{SITE}/comments", json={"name": "", "email": EMAIL, "body": "x"})  # 422
    for (comment_id,) in sql("SELECT id FROM comments"):
        moderate(moderator_client, comment_id, "approve")
    return {"client": client, "moderator": moderator_client}


def get_urls(fused_event, sql):
    """Every GET route of the web app's routers, with real ids for its path parameters."""
    doc_id = sql("SELECT id FROM documents LIMIT 1")[0][0]
    values = {"event_id": fused_event["id"], "site_id": SITE, "doc_id": doc_id}
    urls = ["/search?q=Pat", "/api/search?q=Pat", "/brief?since=2024-12-01",
            "/api/brief?since=2024-12-01", "/events?limit=1000", "/api/events?limit=1000"]
    for module in (api, pages, discussion, moderation):
        for route in module.router.routes:
            if isinstance(route, Route) and "GET" in (route.methods or ()):
                assert set(route.param_convertors) <= set(values), route.path
                urls.append(route.path.format(**values))
    return urls


def test_email_is_in_no_response(commented, fused_event, sql):
    client, moderator = commented["client"], commented["moderator"]
    urls = get_urls(fused_event, sql)
    assert {"/admin/comments", f"/events/{fused_event['id']}", "/api/export.csv"} <= set(urls)
    for url in urls:
        for browser in (client, moderator):
            answer = browser.get(url)
            assert answer.status_code < 500, url
            for spelling in SPELLINGS:
                assert spelling not in answer.text, f"{spelling} in {url}"
    page = client.get(f"/events/{fused_event['id']}")
    assert "Form comment." in page.text  # the scan looked at the comments themselves


def test_email_is_in_no_log_line(commented, caplog):
    records = caplog.get_records("setup") + caplog.records  # the comments were posted in setup
    assert any(r.name.startswith("sitrep.web") for r in records), "the capture is not working"
    for record in records:
        line = record.getMessage() + repr(record.__dict__)
        for spelling in SPELLINGS:
            assert spelling not in line


def test_email_is_not_in_the_store_file(commented, db_path, sql):
    for path in db_path.parent.glob(db_path.name + "*"):  # the file, its WAL and shared memory
        data = path.read_bytes()
        for spelling in SPELLINGS:
            assert spelling.encode() not in data, path.name
    hashes = {h for (h,) in sql("SELECT email_hash FROM comments")}
    assert len(hashes) == 1  # one commenter, whatever the case of the address
    assert hashlib.sha256(EMAIL.lower().encode()).hexdigest() not in hashes  # keyed, not a bare digest


def test_client_address_is_stored_only_as_a_keyed_hash(commented, sql):
    for (address,) in sql("SELECT address_hash FROM comments UNION SELECT address_hash FROM web_attempts"):
        assert len(address) == 64 and "testclient" not in address
