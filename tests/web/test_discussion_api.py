"""The JSON comments API: only application/json, per-field messages, no email in any answer."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

SITE = "qamishli-airport"
COMMENT = {"name": "Bo Observer", "email": "bo@example.net", "website": "https://bo.example",
           "body": "Imagery shows the hangars empty."}


def count(sql):
    return sql("SELECT count(*) FROM comments")[0][0]


def test_post_answers_201_with_public_fields_only(client, fused_event, sql):
    answer = client.post(f"/api/events/{fused_event['id']}/comments", json=COMMENT)
    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {"id", "status", "name", "body", "website", "created_at"}
    assert body["status"] == "pending" and body["name"] == COMMENT["name"]
    assert body["created_at"].endswith("Z")
    assert "bo@example.net" not in answer.text
    assert sql("SELECT target_id FROM comments") == [(fused_event["mention_ids"][0],)]


def test_post_accepts_a_charset_parameter(client, fused_event):
    answer = client.post(f"/api/events/{fused_event['id']}/comments",
                         content=b'{"name": "A", "email": "a@b.org", "body": "x"}',
                         headers={"content-type": "application/json; charset=utf-8"})
    assert answer.status_code == 201


@pytest.mark.parametrize(("content_type", "content"), [
    ("application/x-www-form-urlencoded", b"name=A&email=a%40b.org&body=x"),
    ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nA\r\n--x--\r\n'),
    ("text/plain", b'{"name": "A", "email": "a@b.org", "body": "x"}'),
    (None, b'{"name": "A", "email": "a@b.org", "body": "x"}'),
])
def test_post_refuses_other_content_types_with_415(client, fused_event, sql, content_type, content):
    headers = {"content-type": content_type} if content_type else {}
    answer = client.post(f"/api/events/{fused_event['id']}/comments", content=content, headers=headers)
    assert answer.status_code == 415
    assert "application/json" in answer.json()["detail"]
    assert count(sql) == 0


def test_post_answers_422_with_a_message_per_field(client, fused_event, sql):
    bad = {"name": "", "email": "not-an-address", "website": "javascript:alert(1)", "body": 42}
    answer = client.post(f"/api/events/{fused_event['id']}/comments", json=bad)
    assert answer.status_code == 422
    assert answer.json()["errors"] == {
        "name": "Please enter your name.",
        "email": "Please enter a valid email address, like name@example.org.",
        "website": "Your website must be an http:// or https:// address (at most 300 characters).",
        "body": "This field must be text.",
    }
    assert "not-an-address" not in answer.text
    assert count(sql) == 0


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe"])
def test_post_answers_422_to_bodies_that_are_not_a_json_object(client, fused_event, content):
    answer = client.post(f"/api/events/{fused_event['id']}/comments", content=content,
                         headers={"content-type": "application/json"})
    assert answer.status_code == 422 and answer.json()["detail"]


def test_post_on_an_unknown_event_is_404(client, sql):
    answer = client.post("/api/events/fdeadbeef/comments", json=COMMENT)
    assert answer.status_code == 404 and count(sql) == 0


def test_post_answers_429_past_the_rate_limit(make_client, fused_event, sql):
    client = make_client(comment_limit=3)
    codes = [client.post(f"/api/events/{fused_event['id']}/comments", json=COMMENT).status_code
             for _ in range(4)]
    assert codes == [201, 201, 201, 429]
    assert count(sql) == 3


def test_rate_limit_is_per_address(make_client, fused_event):
    client = make_client(comment_limit=1)
    url = f"/api/events/{fused_event['id']}/comments"
    assert client.post(url, json=COMMENT).status_code == 201
    assert client.post(url, json=COMMENT).status_code == 429
    elsewhere = TestClient(client.app, client=("192.0.2.7", 40000))
    assert elsewhere.post(url, json=COMMENT).status_code == 201


@pytest.mark.parametrize("path", ["/api/events/{id}/comments", "/discuss/event/{id}"])
def test_cors_preflight_is_not_granted(client, fused_event, path):
    answer = client.options(path.format(id=fused_event["id"]), headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert answer.status_code >= 400
    assert not [h for h in answer.headers if h.lower().startswith("access-control-")]


def test_cross_origin_post_gets_no_cors_headers(client, fused_event):
    answer = client.post(f"/api/events/{fused_event['id']}/comments", json=COMMENT,
                         headers={"Origin": "https://evil.example"})
    assert not [h for h in answer.headers if h.lower().startswith("access-control-")]


def test_get_lists_approved_comments_only(client, moderator_client, moderate, fused_event):
    url = f"/api/events/{fused_event['id']}/comments"
    first = client.post(url, json=COMMENT).json()
    client.post(url, json={**COMMENT, "email": "other@example.net", "body": "Still pending."})
    moderate(moderator_client, first["id"], "approve")
    listed = client.get(url).json()
    assert listed["id"] == fused_event["id"]
    assert [c["body"] for c in listed["comments"]] == [COMMENT["body"]]
    assert listed["comments"][0]["status"] == "approved"
    # The same thread through any of the event's mention ids.
    assert client.get(f"/api/events/{fused_event['mention_ids'][-1]}/comments").json() == listed


def test_returning_commenter_is_approved_through_the_api(client, moderator_client, moderate, fused_event):
    url = f"/api/events/{fused_event['id']}/comments"
    first = client.post(url, json=COMMENT).json()
    moderate(moderator_client, first["id"], "approve")
    again = client.post(url, json={**COMMENT, "email": "BO@example.net"})
    assert again.json()["status"] == "approved"


def test_sites_have_the_same_api(client):
    answer = client.post(f"/api/sites/{SITE}/comments", json=COMMENT)
    assert answer.status_code == 201 and answer.json()["status"] == "pending"
    assert client.get(f"/api/sites/{SITE}/comments").json()["comments"] == []
    assert client.get("/api/sites/nowhere/comments").status_code == 404


def test_comment_routes_are_in_the_openapi_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    post = paths["/api/events/{event_id}/comments"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["required"] == ["name", "email", "body"]
    assert "get" in paths["/api/sites/{site_id}/comments"]
