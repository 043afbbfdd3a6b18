"""Discussion threads on events, sites and briefs (placeholder until the discussion lands)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

router = APIRouter()


def thread(request: Request, kind: str, target_id: str) -> dict[str, Any]:
    """What `_discussion.html` needs to show the thread and its "Leave a reply" form."""
    return {"kind": kind, "target_id": target_id, "comments": [], "errors": {}, "values": {},
            "notice": None, "form_action": f"/discuss/{kind}/{target_id}"}
