"""Webhook delivery against a real loopback server: JSON POST, retries, refusals (issue 17 item 5)."""

from __future__ import annotations

import json

import pytest
from webserver import FakeWeb, Route

from sitrep.settings import WatchSettings
from sitrep.sources.webhooks import post_json

FAST = WatchSettings(contact="ops@example.org", retries=2, backoff=0.05, timeout=2.0)
PAYLOAD = {"type": "site_status_change", "site_id": "qamishli-airport", "status": "vacated"}


@pytest.fixture()
def web():
    server = FakeWeb()
    yield server
    server.close()


def test_payload_is_posted_as_json(web):
    web.routes["/hook"] = Route(b"ok", content_type="text/plain")
    assert post_json(web.url("/hook"), PAYLOAD, settings=FAST) is None
    [seen] = web.requests("/hook")
    assert seen.method == "POST" and seen.headers["content-type"] == "application/json"
    assert json.loads(seen.body) == PAYLOAD and "ops@example.org" in seen.headers["user-agent"]


def test_server_errors_are_retried_until_accepted(web):
    web.routes["/hook"] = Route(b"ok", before=[(503, {"Retry-After": "0"}), (500, {})])
    assert post_json(web.url("/hook"), PAYLOAD, settings=FAST) is None
    assert [s.status for s in web.requests("/hook")] == [503, 500, 200]


def test_a_refused_payload_is_not_sent_again(web):
    web.routes["/hook"] = Route(b"bad", status=400)
    assert post_json(web.url("/hook"), PAYLOAD, settings=FAST) == "HTTP 400"
    assert len(web.requests("/hook")) == 1


def test_an_unreachable_receiver_is_given_up_after_the_retries():
    why = post_json("http://127.0.0.1:9/hook", PAYLOAD, settings=FAST)
    assert why is not None and "gave up after 3 tries" in why
