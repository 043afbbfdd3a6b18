"""Discussion threads on events, sites and briefs: the "Leave a reply" form, its JSON twin, the thread.

Emails and client addresses only ever reach the store as keyed hashes; nothing here logs or echoes
them. Event comments are kept on the event's smallest mention id, because fused ids change when a
new report joins the group; a fused event shows the comments of all its mentions.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from sitrep.store.browse import fused_record
from sitrep.store.comments import (
    KINDS,
    NewComment,
    add_attempt,
    add_comment,
    approved_comments,
    claim_attempt,
    count_attempts,
)
from sitrep.store.db import Store
from sitrep.store.schema import sites
from sitrep.web.filters import BRIEF_KEY
from sitrep.web.forms import BadBody, address_hash, csrf_valid, message_page, read_form, read_json
from sitrep.web.schemas import Comment, CommentThread, ErrorDetail
from sitrep.web.security import keyed_hash
from sitrep.web.validation import CommentInput, validate_comment

log = logging.getLogger(__name__)
router = APIRouter()

HONEYPOT = "url2"
NOTICES = {"pending": "Your comment is awaiting moderation.", "approved": "Your comment is published."}
COMMENT_SCHEMA = {"type": "object", "required": ["name", "email", "body"], "properties": {
    "name": {"type": "string", "maxLength": 80},
    "email": {"type": "string", "maxLength": 254, "description": "never published nor returned"},
    "website": {"type": "string", "maxLength": 300, "description": "http(s) URL"},
    "body": {"type": "string", "maxLength": 5000}}}


@dataclass(frozen=True)
class Target:
    """What a comment is about: `page_id` names the page, `stored_ids` the rows it shows."""

    kind: str
    page_id: str
    stored_id: str  # where a new comment goes
    stored_ids: list[str]


def find_target(store: Store, kind: str, target_id: str) -> Target | None:
    """The discussion target behind a page id, or None when there is no such page."""
    if kind == "event":
        record = fused_record(store, target_id)
        if record is None:
            return None
        mentions = sorted(record.get("mention_ids") or [target_id])
        return Target(kind, str(record["id"]), mentions[0], mentions)
    if kind == "site":
        with store.engine.connect() as conn:
            found = conn.execute(select(sites.c.id).where(sites.c.id == target_id)).scalar()
        return Target(kind, target_id, target_id, [target_id]) if found else None
    if kind == "brief" and _brief_key_ok(target_id):
        return Target(kind, target_id, target_id, [target_id])
    return None


def _brief_key_ok(key: str) -> bool:
    m = BRIEF_KEY.match(key)
    if m is None:
        return False
    try:
        return all(date.fromisoformat(d) for d in m.groups()[:2] if d)
    except ValueError:  # 2024-02-30 has the right shape
        return False


def thread(request: Request, kind: str, target_id: str, *, errors: dict[str, str] | None = None,
           values: dict[str, str] | None = None) -> dict[str, Any]:
    """What `_discussion.html` needs to show the thread and its "Leave a reply" form."""
    store = request.app.state.store
    target = find_target(store, kind, target_id)
    found = approved_comments(store, kind, target.stored_ids) if target else []
    notice = NOTICES.get(request.query_params.get("comment", "")) if not errors else None
    return {"kind": kind, "target_id": target_id, "comments": found, "errors": errors or {},
            "values": values or {}, "notice": notice,
            "form_action": f"/discuss/{kind}/{quote(target_id, safe='')}"}


def _page_url(target: Target, status: str) -> str:
    from sitrep.web.pages import target_url

    url = target_url(target.kind, target.page_id)
    return f"{url}{'&' if '?' in url else '?'}comment={status}#comments"


def _rate_limited(request: Request) -> bool:
    web = request.app.state.settings.web
    used = count_attempts(request.app.state.store, "comment", address_hash(request), web.comment_window)
    return used >= web.comment_limit


def _store(request: Request, target: Target, comment: CommentInput) -> dict[str, Any] | None:
    """Saves a valid comment and returns its public fields; None when it is over the rate limit
    (counted and checked in one step, so parallel posts cannot all slip under it)."""
    secret, store, web = request.app.state.secret, request.app.state.store, request.app.state.settings.web
    if claim_attempt(store, "comment", address_hash(request), limit=web.comment_limit,
                     window=web.comment_window) is None:
        return None
    saved = add_comment(store, NewComment(
        kind=target.kind, target_id=target.stored_id, name=comment.name,
        email_hash=keyed_hash(secret, "email", comment.email.lower()), website=comment.website,
        body=comment.body, address_hash=address_hash(request)))
    log.info("comment %s on %s %s: %s", saved["id"], target.kind, target.stored_id, saved["status"])
    return saved


@router.post("/discuss/{kind}/{target_id}", include_in_schema=False)
async def post_form(request: Request, kind: str, target_id: str) -> Response:
    """The "Leave a reply" form: 303 back to the page, or the page again with its errors."""
    try:
        form = await read_form(request)
    except BadBody as err:
        return message_page(request, err.status, "Comment not sent", err.message)
    return await run_in_threadpool(_post_form, request, kind, target_id, form)


def _post_form(request: Request, kind: str, target_id: str, form: dict[str, str]) -> Response:
    if not csrf_valid(request, form):
        return message_page(request, 403, "Comment not sent", "This form has expired or did not come "
                            "from this site (it lacks a valid security token). Reload the page and "
                            "send your comment again.")
    target = find_target(request.app.state.store, kind, target_id) if kind in KINDS else None
    if target is None:
        return message_page(request, 404, "Nothing to comment on", "There is no such page.")
    if _rate_limited(request):
        return _too_many(request, target)
    if form.get(HONEYPOT):  # only robots fill the hidden field: they are told it worked
        add_attempt(request.app.state.store, "comment", address_hash(request),
                    request.app.state.settings.web.comment_window)
        return RedirectResponse(_page_url(target, "pending"), status_code=303)
    comment, errors = validate_comment(form)
    if comment is None:
        from sitrep.web.pages import render_page

        values = {k: form.get(k, "") for k in ("name", "website", "body")}  # never the email
        state = thread(request, kind, target.page_id, errors=errors, values=values)
        return render_page(request, kind, target.page_id, discussion=state, status_code=400)
    saved = _store(request, target, comment)
    if saved is None:
        return _too_many(request, target)
    return RedirectResponse(_page_url(target, saved["status"]), status_code=303)


def _too_many(request: Request, target: Target) -> Response:
    from sitrep.web.pages import target_url

    minutes = max(1, request.app.state.settings.web.comment_window // 60)
    return message_page(request, 429, "Too many comments",
                        f"You have sent several comments in a short time. Please wait up to {minutes} "
                        "minutes and try again.", back=target_url(target.kind, target.page_id))


async def _post_json(request: Request, kind: str, target_id: str) -> Response | dict[str, Any]:
    try:
        data = await read_json(request)
    except BadBody as err:
        return JSONResponse({"detail": err.message}, status_code=err.status)
    return await run_in_threadpool(_save_json, request, kind, target_id, data)


def _save_json(request: Request, kind: str, target_id: str, data: dict[str, Any]) -> Response | dict[str, Any]:
    target = find_target(request.app.state.store, kind, target_id)
    if target is None:
        return JSONResponse({"detail": f"no {kind} '{target_id}'"}, status_code=404)
    if _rate_limited(request):
        return JSONResponse({"detail": "Too many comments from this address; try again later."},
                            status_code=429)
    comment, errors = validate_comment(data)
    if comment is None:
        return JSONResponse({"detail": "The comment is not valid.", "errors": errors}, status_code=422)
    saved = _store(request, target, comment)
    if saved is None:
        return JSONResponse({"detail": "Too many comments from this address; try again later."},
                            status_code=429)
    return saved


def _list_json(request: Request, kind: str, target_id: str) -> Response | dict[str, Any]:
    store = request.app.state.store
    target = find_target(store, kind, target_id)
    if target is None:
        return JSONResponse({"detail": f"no {kind} '{target_id}'"}, status_code=404)
    return {"kind": kind, "id": target.page_id, "comments": approved_comments(store, kind, target.stored_ids)}


COMMENT_OPENAPI = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": COMMENT_SCHEMA}}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorDetail, "description": "No such event or site"},
    422: {"model": ErrorDetail, "description": "The comment is not valid (message per field)"},
    429: {"model": ErrorDetail, "description": "Too many comments from this address"},
}


@router.post("/api/events/{event_id}/comments", tags=["discussion"], status_code=201,
             openapi_extra=COMMENT_OPENAPI, response_model=Comment, responses=ERRORS)
async def post_event_comment(request: Request, event_id: str) -> Response | dict[str, Any]:
    """Comment on an event (201: pending for first-time commenters, else approved; the email is
    used only to recognise returning commenters, never returned)."""
    return await _post_json(request, "event", event_id)


@router.post("/api/sites/{site_id}/comments", tags=["discussion"], status_code=201,
             openapi_extra=COMMENT_OPENAPI, response_model=Comment, responses=ERRORS)
async def post_site_comment(request: Request, site_id: str) -> Response | dict[str, Any]:
    """Comment on a site (same body and answers as for events)."""
    return await _post_json(request, "site", site_id)


@router.get("/api/events/{event_id}/comments", tags=["discussion"], response_model=CommentThread,
            responses={404: ERRORS[404]})
def event_comments(request: Request, event_id: str) -> Response | dict[str, Any]:
    """Published comments of an event (of all its mentions), oldest first."""
    return _list_json(request, "event", event_id)


@router.get("/api/sites/{site_id}/comments", tags=["discussion"], response_model=CommentThread,
            responses={404: ERRORS[404]})
def site_comments(request: Request, site_id: str) -> Response | dict[str, Any]:
    """Published comments of a site, oldest first."""
    return _list_json(request, "site", site_id)
