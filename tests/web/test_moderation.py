"""Moderators: `sitrep admin create`, sign-in with argon2 hashes, sessions, approve/reject/delete."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from sitrep.cli import cli

SITE = "qamishli-airport"


def admin_create(db_url, *args, password="a long enough secret"):
    return CliRunner().invoke(cli, ["admin", "create", *args, "--db", db_url, "--password-stdin"],
                              input=password + "\n", catch_exceptions=False)


def test_admin_create_stores_an_argon2_hash(db_url, sql):
    result = admin_create(db_url, "alice")
    assert result.exit_code == 0, result.output
    (name, stored), = sql("SELECT name, password_hash FROM moderators")
    assert name == "alice" and stored.startswith("$argon2id$")
    assert "a long enough secret" not in stored


def test_admin_create_refuses_short_passwords(db_url, sql):
    result = admin_create(db_url, "alice", password="short")
    assert result.exit_code == 2 and "at least 10 characters" in result.stderr
    assert sql("SELECT count(*) FROM moderators") == [(0,)]


def test_admin_create_asks_twice_when_no_stdin_flag(db_url, sql):
    result = CliRunner().invoke(cli, ["admin", "create", "bob", "--db", db_url],
                                input="first password\nother password\nfirst password\nfirst password\n")
    assert result.exit_code == 0
    assert "do not match" in result.output
    assert sql("SELECT name FROM moderators") == [("bob",)]


def test_admin_create_refuses_a_taken_name_unless_replacing(db_url, sql):
    admin_create(db_url, "alice")
    again = admin_create(db_url, "alice", password="another good one")
    assert again.exit_code == 1 and "--replace" in again.stderr
    old = sql("SELECT password_hash FROM moderators")
    assert admin_create(db_url, "alice", "--replace", password="another good one").exit_code == 0
    assert sql("SELECT password_hash FROM moderators") != old


@pytest.mark.parametrize("name", ["", "two words", "x" * 41, "<b>"])
def test_admin_create_refuses_odd_names(db_url, name):
    assert admin_create(db_url, name).exit_code == 2


def test_moderation_page_redirects_to_sign_in(client):
    answer = client.get("/admin/comments", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/admin/login"


@pytest.mark.parametrize("action", ["approve", "reject", "delete"])
def test_moderation_actions_refuse_without_a_session(client, post_comment, moderate, sql, action):
    post_comment(client, "site", SITE)
    (comment_id,), = sql("SELECT id FROM comments")
    answer = moderate(client, comment_id, action)
    assert answer.status_code == 401
    assert sql("SELECT status FROM comments") == [("pending",)]


@pytest.mark.parametrize(("name", "password"), [("moderator", "wrong password!"), ("nobody", "whatever it is")])
def test_wrong_name_or_password_is_refused_with_one_message(client, moderator, sign_in, name, password):
    answer = sign_in(client, name, password)
    assert answer.status_code == 401
    assert "Wrong name or password." in answer.text
    assert "sitrep_session" not in answer.cookies
    assert client.get("/admin/comments", follow_redirects=False).status_code == 303


def test_sign_in_without_csrf_token_is_refused(client, moderator):
    answer = client.post("/admin/login", data={"name": moderator[0], "password": moderator[1]},
                         follow_redirects=False)
    assert answer.status_code == 403 and "sitrep_session" not in answer.cookies


def test_failed_sign_ins_are_rate_limited(client, moderator, sign_in):
    for _ in range(10):
        assert sign_in(client, moderator[0], "not the password").status_code == 401
    answer = sign_in(client, *moderator)  # even the right password waits now
    assert answer.status_code == 429 and "Too many failed sign-ins" in answer.text


@pytest.mark.parametrize("secure", [False, True])
def test_session_cookie_is_httponly_and_samesite_strict(make_client, moderator, sign_in, secure):
    app = make_client(secure_cookies=secure).app
    browser = TestClient(app, base_url="https://testserver" if secure else "http://testserver")
    answer = sign_in(browser, *moderator)
    assert answer.status_code == 303 and answer.headers["location"] == "/admin/comments"
    cookie = next(v for k, v in answer.headers.multi_items()
                  if k == "set-cookie" and v.startswith("sitrep_session="))
    flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite", "max-age", "path"} <= flags
    assert "samesite=strict" in cookie.lower() and "path=/admin" in cookie.lower()
    assert ("secure" in flags) is secure


def test_session_is_stored_as_a_hash(moderator_client, sql):
    token = moderator_client.cookies["sitrep_session"]
    (stored,), = sql("SELECT token_hash FROM moderator_sessions")
    assert stored != token and len(stored) == 64


def test_sign_out_ends_the_session(moderator_client, csrf):
    token = moderator_client.cookies["sitrep_session"]
    answer = moderator_client.post("/admin/logout", data={"csrf": csrf(moderator_client)},
                                   follow_redirects=False)
    assert answer.status_code == 303
    moderator_client.cookies.set("sitrep_session", token)  # a copied cookie is worthless now
    assert moderator_client.get("/admin/comments", follow_redirects=False).status_code == 303


def test_expired_session_is_refused(moderator_client, sql):
    sql("UPDATE moderator_sessions SET expires_at = '2000-01-01 00:00:00.000000'")
    assert moderator_client.get("/admin/comments", follow_redirects=False).status_code == 303


def test_queue_lists_pending_first_with_their_targets(client, moderator_client, moderate, post_comment,
                                                      fused_event, sql):
    post_comment(client, "site", SITE, body="Older, then approved.")
    post_comment(client, "event", fused_event["mention_ids"][-1], body="Pending on an event.",
                 email="new@example.org")
    first, _second = (r[0] for r in sql("SELECT id FROM comments ORDER BY id"))
    moderate(moderator_client, first, "approve")
    page = moderator_client.get("/admin/comments")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert page.text.index("Pending on an event.") < page.text.index("Older, then approved.")
    assert f'href="/events/{fused_event["id"]}"' in page.text and f'href="/sites/{SITE}"' in page.text
    assert "1 awaiting moderation" in page.text
    assert "by moderator" in page.text


def test_reject_hides_and_delete_removes(client, moderator_client, moderate, post_comment, sql):
    post_comment(client, "site", SITE, body="To be rejected.")
    (comment_id,), = sql("SELECT id FROM comments")
    moderate(moderator_client, comment_id, "approve")
    assert "To be rejected." in client.get(f"/sites/{SITE}").text
    assert moderate(moderator_client, comment_id, "reject").status_code == 303
    assert sql("SELECT status, moderated_by FROM comments") == [("rejected", "moderator")]
    assert "To be rejected." not in client.get(f"/sites/{SITE}").text
    assert moderate(moderator_client, comment_id, "delete").status_code == 303
    assert sql("SELECT count(*) FROM comments") == [(0,)]
    assert moderate(moderator_client, comment_id, "delete").status_code == 404


def test_moderation_action_needs_the_csrf_token(moderator_client, client, post_comment, sql):
    post_comment(client, "site", SITE)
    (comment_id,), = sql("SELECT id FROM comments")
    answer = moderator_client.post(f"/admin/comments/{comment_id}/approve", data={"csrf": "nope"},
                                   follow_redirects=False)
    assert answer.status_code == 403
    assert sql("SELECT status FROM comments") == [("pending",)]


def test_unknown_action_is_404(moderator_client, moderate, client, post_comment, sql):
    post_comment(client, "site", SITE)
    (comment_id,), = sql("SELECT id FROM comments")
    assert moderate(moderator_client, comment_id, "publish-everything").status_code == 404
