"""Moderators sign in and approve, reject or delete comments (`/admin/...`).

Sessions are random cookie tokens kept in the store as sha256 hashes; every form carries the CSRF
token, and the session cookie is SameSite=Strict as a second fence.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from sitrep.store.comments import (
    claim_attempt,
    delete_comment,
    fused_ids,
    moderation_queue,
    release_attempt,
    set_status,
)
from sitrep.store.moderators import (
    end_session,
    password_hash,
    session_moderator,
    start_session,
    update_password_hash,
)
from sitrep.web.forms import BadBody, address_hash, csrf_valid, message_page, read_form
from sitrep.web.passwords import check_password

log = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", include_in_schema=False)

SESSION_COOKIE = "sitrep_session"
SESSION_HOURS = 12
# Failed sign-ins per client address: enough for typos, too few for guessing.
LOGIN_LIMIT = 10
LOGIN_WINDOW = 15 * 60
ACTIONS = {"approve": "approved", "reject": "rejected"}


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_moderator(request: Request) -> str | None:
    """The moderator signed in on this request, if any."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token or len(token) > 100:
        return None
    return session_moderator(request.app.state.store, _token_hash(token))


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def _login_page(request: Request, status: int = 200, error: str | None = None,
                name: str = "") -> Response:
    return _private(request.app.state.templates.TemplateResponse(
        request, "admin/login.html", {"error": error, "name": name}, status_code=status))


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> Response:
    if current_moderator(request):
        return RedirectResponse("/admin/comments", status_code=303)
    return _login_page(request)


@router.post("/login")
async def login(request: Request) -> Response:
    try:
        form = await read_form(request)
    except BadBody as err:
        return message_page(request, err.status, "Not signed in", err.message)
    return await run_in_threadpool(_login, request, form)


def _login(request: Request, form: dict[str, str]) -> Response:
    if not csrf_valid(request, form):
        return message_page(request, 403, "Not signed in", "This form has expired or did not come "
                            "from this site. Reload the sign-in page and try again.", back="/admin/login")
    store, address = request.app.state.store, address_hash(request)
    # Counted before the password is checked, in one step with the check of the limit: parallel
    # guesses cannot all pass the count; a sign-in that succeeds is uncounted again.
    attempt = claim_attempt(store, "login", address, limit=LOGIN_LIMIT, window=LOGIN_WINDOW)
    if attempt is None:
        return message_page(request, 429, "Too many attempts", "Too many failed sign-ins from this "
                            "address. Wait 15 minutes and try again.", back="/admin/login")
    name = form.get("name", "").strip()[:40]
    ok, rehash = check_password(password_hash(store, name) if name else None, form.get("password", ""))
    if not ok:
        log.warning("failed moderator sign-in")
        return _login_page(request, 401, "Wrong name or password.", name)
    release_attempt(store, attempt)
    if rehash:
        update_password_hash(store, name, rehash)
    token = secrets.token_urlsafe(32)
    start_session(store, _token_hash(token), name, datetime.now(UTC) + timedelta(hours=SESSION_HOURS))
    response = RedirectResponse("/admin/comments", status_code=303)
    response.set_cookie(SESSION_COOKIE, token, max_age=SESSION_HOURS * 3600, path="/admin", httponly=True,
                        samesite="strict", secure=request.app.state.settings.web.secure_cookies)
    log.info("moderator %s signed in", name)
    return _private(response)


@router.post("/logout")
async def logout(request: Request) -> Response:
    try:
        form = await read_form(request)
    except BadBody as err:
        return message_page(request, err.status, "Not signed out", err.message)
    if not csrf_valid(request, form):
        return message_page(request, 403, "Not signed out", "This form has expired; reload the page.")
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await run_in_threadpool(end_session, request.app.state.store, _token_hash(token))
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/admin", httponly=True, samesite="strict",
                           secure=request.app.state.settings.web.secure_cookies)
    return response


@router.get("/comments", response_class=HTMLResponse)
def comments_page(request: Request) -> Response:
    """Pending comments first, then the recent others, each with approve / reject / delete."""
    moderator = current_moderator(request)
    if moderator is None:
        return RedirectResponse("/admin/login", status_code=303)
    items = _with_targets(request, moderation_queue(request.app.state.store))
    pending = sum(1 for c in items if c["status"] == "pending")
    return _private(request.app.state.templates.TemplateResponse(
        request, "admin/comments.html", {"items": items, "pending": pending, "moderator": moderator}))


def _with_targets(request: Request, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Adds each comment's page link and label (event comments point at today's fused event)."""
    from sitrep.web.pages import target_url

    fused = fused_ids(request.app.state.store, [c["target_id"] for c in items if c["kind"] == "event"])
    for c in items:
        page_id = fused.get(c["target_id"], c["target_id"]) if c["kind"] == "event" else c["target_id"]
        c["url"] = target_url(c["kind"], page_id)
        c["target_label"] = f"{c['kind']} {c['target_id'].replace('~', ' ')}".strip()
    return items


@router.post("/comments/{comment_id}/{action}")
async def moderate(request: Request, comment_id: int, action: str) -> Response:
    try:
        form = await read_form(request)
    except BadBody as err:
        return message_page(request, err.status, "Not done", err.message)
    return await run_in_threadpool(_moderate, request, comment_id, action, form)


def _moderate(request: Request, comment_id: int, action: str, form: dict[str, str]) -> Response:
    moderator = current_moderator(request)
    if moderator is None:
        return message_page(request, 401, "Sign in first", "Only signed-in moderators can do this.",
                            back="/admin/login")
    if not csrf_valid(request, form):
        return message_page(request, 403, "Not done", "This form has expired; reload the page.",
                            back="/admin/comments")
    store = request.app.state.store
    if action == "delete":
        done = delete_comment(store, comment_id)
    elif action in ACTIONS:
        done = set_status(store, comment_id, ACTIONS[action], moderator)
    else:
        return message_page(request, 404, "Not done", f"Unknown action '{action}'.", back="/admin/comments")
    if not done:
        return message_page(request, 404, "Not done", "There is no such comment (any more).",
                            back="/admin/comments")
    log.info("comment %s %s by %s", comment_id, action, moderator)
    return RedirectResponse(f"/admin/comments#c-{comment_id}", status_code=303)
