"""The "Leave a reply" form on event, site and brief pages, through the real app and a real store."""

from __future__ import annotations

import pytest
from markupsafe import escape

from sitrep.store.browse import fused_record
from sitrep.store.db import open_store

SITE = "qamishli-airport"
BRIEF = "2024-12-01~2024-12-31~levant"


def comment_rows(sql):
    return sql("SELECT kind, target_id, name, status FROM comments ORDER BY id")


def test_event_page_has_the_reply_form(client, fused_event, form_token):
    page = client.get(f"/events/{fused_event['id']}")
    assert page.status_code == 200
    text = page.text
    assert "Leave a reply" in text and f'action="/discuss/event/{fused_event["id"]}"' in text
    assert 'name="email" type="email"' in text and "never published" in text
    assert text.count('class="required"') >= 3  # name, email, comment are marked *
    assert 'class="field trap"' in text and 'name="url2"' in text  # the honeypot, hidden by CSS
    assert form_token(text)


def test_first_comment_is_held_for_moderation(client, fused_event, post_comment, sql, form_token):
    token = form_token(client.get(f"/events/{fused_event['id']}").text)  # the page's own form token
    answer = post_comment(client, "event", fused_event["id"], body="First sighting here.", csrf=token)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/events/{fused_event['id']}?comment=pending#comments"
    page = client.get(answer.headers["location"])
    assert "Your comment is awaiting moderation." in page.text
    assert "First sighting here." not in page.text
    assert comment_rows(sql) == [("event", fused_event["mention_ids"][0], "Ann Analyst", "pending")]


def test_approved_comment_is_shown(client, moderator_client, moderate, fused_event, post_comment, sql):
    post_comment(client, "event", fused_event["id"], body="Convoy seen at dawn.")
    (comment_id,), = sql("SELECT id FROM comments")
    assert moderate(moderator_client, comment_id, "approve").status_code == 303
    page = client.get(f"/events/{fused_event['id']}")
    assert "Convoy seen at dawn." in page.text and "Ann Analyst" in page.text


def test_returning_commenter_is_published_at_once(client, moderator_client, moderate, fused_event,
                                                  post_comment, sql):
    post_comment(client, "event", fused_event["id"], body="One.")
    (first,), = sql("SELECT id FROM comments")
    moderate(moderator_client, first, "approve")
    again = post_comment(client, "site", SITE, body="Two.", email="  ANN@Example.ORG ")
    assert again.headers["location"] == f"/sites/{SITE}?comment=approved#comments"
    page = client.get(again.headers["location"])
    assert "Your comment is published." in page.text and "Two." in page.text


def test_comment_on_a_mention_shows_on_its_fused_event(client, moderator_client, moderate, fused_event,
                                                       post_comment, sql, db_url):
    # Posted through the last mention's id: kept on the smallest mention, shown on the fused event.
    answer = post_comment(client, "event", fused_event["mention_ids"][-1], body="Via a mention.")
    assert answer.headers["location"].startswith(f"/events/{fused_event['id']}?")
    (comment_id, target), = sql("SELECT id, target_id FROM comments")
    assert target == fused_event["mention_ids"][0]
    moderate(moderator_client, comment_id, "approve")
    assert fused_record(open_store(db_url), target)["id"] == fused_event["id"]
    assert "Via a mention." in client.get(f"/events/{fused_event['id']}").text


@pytest.mark.parametrize(("kind", "target", "page"), [
    ("site", SITE, f"/sites/{SITE}"),
    ("brief", BRIEF, "/brief?since=2024-12-01&until=2024-12-31&region=levant"),
    ("brief", "2024-12-01~~", "/brief?since=2024-12-01"),
    ("brief", "2024-12-01~~Côte d'Ivoire", "/brief?since=2024-12-01&region=C%C3%B4te+d%27Ivoire"),
])
def test_sites_and_briefs_take_comments(client, post_comment, sql, kind, target, page):
    answer = post_comment(client, kind, target)
    assert answer.status_code == 303
    joiner = "&" if "?" in page else "?"
    assert answer.headers["location"] == f"{page}{joiner}comment=pending#comments"
    assert client.get(answer.headers["location"]).status_code == 200
    assert [(k, t) for k, t, *_ in comment_rows(sql)] == [(kind, target)]


@pytest.mark.parametrize(("kind", "target"), [
    ("event", "no-such-event"), ("site", "no-such-site"), ("brief", "2024-13-45~~"),
    ("brief", "2024-12-01~~<script>"), ("report", "anything"),
])
def test_unknown_targets_are_404(client, post_comment, sql, kind, target):
    assert post_comment(client, kind, target).status_code == 404
    assert comment_rows(sql) == []


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "   ", "Please enter your name."),
    ("name", "x" * 81, "Your name is too long: at most 80 characters."),
    ("name", "Ann\x07", "Your name contains control characters"),
    ("email", "", "Please enter your email address (it is never published)."),
    ("email", "ann.example.org", "Please enter a valid email address, like name@example.org."),
    ("email", "a" * 250 + "@x.org", "This email address is too long: at most 254 characters."),
    ("website", "javascript:alert(1)", "Your website must be an http:// or https:// address"),
    ("website", "data:text/html,hi", "Your website must be an http:// or https:// address"),
    ("website", "https://example.org/" + "a" * 300, "This website address is too long: at most 300 characters."),
    ("body", "  \n ", "Please write a comment."),
    ("body", "b" * 5001, "Your comment is too long: at most 5,000 characters (this one has 5,001)."),
])
def test_invalid_fields_get_a_clear_message_and_keep_the_text(client, post_comment, sql, field, value,
                                                              message):
    fields = {"name": "Keep Me", "body": "Keep this text.", "website": "https://keep.example", field: value}
    answer = post_comment(client, "site", SITE, **fields)
    assert answer.status_code == 400
    assert str(escape(message)) in answer.text
    assert 'aria-invalid="true"' in answer.text and "Leave a reply" in answer.text
    for kept in ("name", "body", "website"):
        if kept != field:
            assert str(escape(fields[kept])) in answer.text
    assert comment_rows(sql) == []


def test_invalid_form_does_not_echo_the_email(client, post_comment):
    answer = post_comment(client, "site", SITE, email="ann@example.org", body="")
    assert answer.status_code == 400
    assert "ann@example.org" not in answer.text


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_form_without_a_valid_csrf_token_is_refused(client, post_comment, sql, csrf, token):
    csrf(client)
    fields = {} if token is None else {"csrf": token}
    data = {"name": "Ann", "email": "ann@example.org", "body": "Hi", **fields}
    answer = client.post(f"/discuss/site/{SITE}", data=data, follow_redirects=False)
    assert answer.status_code == 403
    assert "security token" in answer.text
    assert comment_rows(sql) == []


def test_token_of_another_browser_is_refused(client, make_client, post_comment, sql, csrf):
    other = make_client()
    answer = post_comment(client, "site", SITE, csrf=csrf(other))
    assert answer.status_code == 403 and comment_rows(sql) == []


def test_honeypot_pretends_success_and_stores_nothing(client, post_comment, sql):
    answer = post_comment(client, "site", SITE, url2="http://spam.example", body="Buy now")
    assert answer.status_code == 303 and "comment=pending" in answer.headers["location"]
    assert comment_rows(sql) == []
    assert "Buy now" not in client.get(f"/sites/{SITE}").text


def test_rate_limit_answers_429_after_the_limit(make_client, post_comment, sql):
    client = make_client(comment_limit=2, comment_window=600)
    assert post_comment(client, "site", SITE, body="one").status_code == 303
    assert post_comment(client, "site", SITE, body="two", url2="x").status_code == 303  # honeypot counts
    third = post_comment(client, "site", SITE, body="three")
    assert third.status_code == 429
    assert "Too many comments" in third.text and "10 minutes" in third.text
    assert [r[3] for r in comment_rows(sql)] == ["pending"]


def test_xss_payloads_are_shown_as_text(client, moderator_client, moderate, post_comment, sql):
    name, body = "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'
    post_comment(client, "site", SITE, name=name, body=body, website='https://ok.example/"onmouseover=x')
    (comment_id,), = sql("SELECT id FROM comments")
    moderate(moderator_client, comment_id, "approve")
    for page in (client.get(f"/sites/{SITE}"), moderator_client.get("/admin/comments")):
        assert name not in page.text and body not in page.text
        assert str(escape(name)) in page.text and str(escape(body)) in page.text
        assert '"onmouseover' not in page.text
    api = client.get(f"/api/sites/{SITE}/comments")  # JSON keeps the text as typed; never HTML
    assert api.headers["content-type"] == "application/json" and api.json()["comments"][0]["name"] == name


def test_javascript_website_is_refused(client, post_comment, sql):
    answer = post_comment(client, "site", SITE, website="JavaScript:alert(document.cookie)")
    assert answer.status_code == 400 and comment_rows(sql) == []
    assert 'href="JavaScript:' not in answer.text


def test_website_without_scheme_becomes_https(client, post_comment, sql):
    post_comment(client, "site", SITE, website="analyst.example/notes")
    assert sql("SELECT website FROM comments") == [("https://analyst.example/notes",)]


@pytest.mark.parametrize(("content_type", "status"), [("application/json", 415), ("text/plain", 415)])
def test_form_route_takes_only_url_encoded_forms(client, sql, content_type, status):
    answer = client.post(f"/discuss/site/{SITE}", content=b"{}", headers={"content-type": content_type})
    assert answer.status_code == status and comment_rows(sql) == []


def test_oversized_form_is_refused(client, post_comment, sql):
    assert post_comment(client, "site", SITE, body="x" * 70_000).status_code == 413
    assert comment_rows(sql) == []
