"""Request plumbing shared by the discussion and moderation routes: bounded bodies, CSRF, addresses."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from fastapi import Request
from fastapi.responses import HTMLResponse

from sitrep.web.security import CSRF_COOKIE, csrf_ok, keyed_hash

# A comment is at most ~5,000 characters; anything much larger is not one of ours.
MAX_BODY = 64 * 1024
FORM_TYPE = "application/x-www-form-urlencoded"
JSON_TYPE = "application/json"


class BadBody(Exception):
    """A request body we refuse, with the HTTP status that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def read_body(request: Request, wanted: str) -> bytes:
    """The raw body when it has the wanted media type and is at most MAX_BODY bytes."""
    if media_type(request) != wanted:
        raise BadBody(415, f"Send the data as {wanted}.")
    length = request.headers.get("content-length") or "0"
    if not length.isdigit() or int(length) > MAX_BODY:
        raise BadBody(413, "That is too much text for a comment.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:  # no or false Content-Length
            raise BadBody(413, "That is too much text for a comment.")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_form(request: Request) -> dict[str, str]:
    """An url-encoded form as a dict (the last value wins when a field repeats)."""
    body = await read_body(request, FORM_TYPE)
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


async def read_json(request: Request) -> dict[str, Any]:
    """A JSON object body (only application/json: a cross-site page cannot send it without CORS)."""
    body = await read_body(request, JSON_TYPE)
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadBody(422, "The body is not valid JSON.") from None
    except RecursionError:
        raise BadBody(422, "The body is not valid JSON: nested too deeply.") from None
    if not isinstance(data, dict):
        raise BadBody(422, "The body must be a JSON object.")
    return data


def csrf_valid(request: Request, form: dict[str, str]) -> bool:
    """The form's token matches this browser's CSRF cookie."""
    return csrf_ok(request.app.state.secret, request.cookies.get(CSRF_COOKIE), form.get("csrf"))


def address_hash(request: Request) -> str:
    """A keyed hash of the client address, for rate limits (the address itself is never stored).
    Behind a reverse proxy on the same host, uvicorn's proxy headers make this the visitor's."""
    host = request.client.host if request.client else "unknown"
    return keyed_hash(request.app.state.secret, "address", host)


def message_page(request: Request, status: int, title: str, message: str,
                 back: str | None = None) -> HTMLResponse:
    """A plain page that says what went wrong and where to go back to."""
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, "discussion_message.html", {"title": title, "message": message, "back": back},
        status_code=status)
    return response
