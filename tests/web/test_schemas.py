"""The API's response models: every /api JSON route declares one, /docs documents it, and the
models (and the read-side records) give back the JSON the API has always served."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from sitrep.records import SiteDetail, SiteState, record_json
from sitrep.store import open_store
from sitrep.store.queries import list_sites, site_detail
from sitrep.web import api, discussion
from sitrep.web.schemas import PloverEvent

PLAIN = {"/api/export.csv", "/api/sites.csv", "/api/search.csv"}  # CSV stays a plain response


def _api_routes() -> list[APIRoute]:
    """The /api routes of the routers the app includes (FastAPI keeps included routers nested, so
    app.routes does not list them flat)."""
    routes = [*api.router.routes, *discussion.router.routes]
    return [r for r in routes if isinstance(r, APIRoute) and r.path.startswith("/api/") and r.path not in PLAIN]


def test_the_walked_routes_are_every_api_path_of_the_app(client: TestClient) -> None:
    paths = {p for p in client.app.openapi()["paths"] if p.startswith("/api/")}  # type: ignore[attr-defined]
    assert paths - PLAIN == {r.path for r in _api_routes()}


def test_every_api_json_route_declares_a_response_model() -> None:
    routes = _api_routes()
    assert len(routes) >= 16
    assert [r.path for r in routes if r.response_model is None] == []


def test_openapi_has_a_component_schema_for_each_api_response(client: TestClient) -> None:
    spec = client.app.openapi()  # type: ignore[attr-defined]
    components = spec["components"]["schemas"]
    for route in _api_routes():
        for method in route.methods:
            ok = "201" if route.status_code == 201 else "200"
            schema = spec["paths"][route.path][method.lower()]["responses"][ok]["content"]["application/json"]["schema"]
            ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
            assert ref, f"{method} {route.path} has no response schema"
            name = ref.rsplit("/", 1)[-1]
            assert name in components
            assert all(p.get("description") for p in components[name]["properties"].values()), name


def test_openapi_documents_the_closed_vocabularies(client: TestClient) -> None:
    components = client.app.openapi()["components"]["schemas"]  # type: ignore[attr-defined]
    assert "MOBILIZE" in components["EventType"]["enum"]
    assert "drawing down" in components["SiteState"]["enum"]
    assert "flight-tracking" in components["EvidenceKind"]["enum"]


def test_the_event_model_keeps_every_key_of_every_stored_record(samples_db: dict[str, Any]) -> None:
    with sqlite3.connect(samples_db["path"]) as conn:
        records = [json.loads(r) for (r,) in conn.execute("SELECT record FROM fused_events UNION ALL "
                                                          "SELECT record FROM events")]
    assert records
    for rec in records:
        assert PloverEvent.model_validate(rec).model_dump(mode="json", exclude_unset=True) == rec


def _detail_as_stored(path: Any, site_id: str) -> dict[str, Any]:
    """A site's detail built straight from the tables, as the store served it before records."""
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        site = conn.execute("SELECT * FROM sites WHERE id = ?", (site_id,)).fetchone()
        status = conn.execute("SELECT * FROM site_status WHERE site_id = ?", (site_id,)).fetchone()
        fused = {r["id"]: json.loads(r["record"]) for r in conn.execute("SELECT id, record FROM fused_events")}
    timeline = json.loads(status["timeline"])

    def expand(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # The first four fields as always, then what the weighed judgement (status v2) adds.
        return [{"contested_by": [fused[i] for i in c["contested_by"] if i in fused],
                 "evidence": [fused[i] for i in c["evidence"] if i in fused],
                 "since": c["since"], "status": c["status"], "confirmed": c["confirmed"],
                 "confidence": c["confidence"],
                 "reasons": [{k: r[k] for k in ("fused_id", "day", "kind", "weight", "origin", "source", "hedged")}
                             for r in c["reasons"]]} for c in changes]

    return {"id": site["id"], "name": site["name"], "kind": site["kind"], "operator": site["operator"],
            "country_code": site["country_code"], "lat": site["lat"], "lon": site["lon"],
            "aliases": json.loads(site["aliases"]), "coord_source": site["coord_source"],
            "status": status["status"], "status_since": status["status_since"], "force": timeline["actor"],
            "timeline": expand(timeline["changes"]),
            "other_forces": {code: expand(cs) for code, cs in timeline["others"].items()},
            "confidence": timeline["changes"][-1]["confidence"] if timeline["changes"] else None,
            "as_of": None,
            "unconfirmed": [{"day": u["day"], "status": u["status"], "weight": u["weight"], "reason": u["reason"],
                             "force": u["actor"], "event": fused.get(u["fused_id"])} for u in timeline["unconfirmed"]]}


def test_a_site_detail_record_gives_the_json_it_always_gave(samples_db: dict[str, Any]) -> None:
    detail = site_detail(open_store(samples_db["url"]), "hmeimim")
    assert isinstance(detail, SiteDetail) and detail.timeline
    assert json.dumps(record_json(detail)) == json.dumps(_detail_as_stored(samples_db["path"], "hmeimim"))


@pytest.mark.parametrize("route", ["/api/sites/hmeimim", "/api/sites?all=true"])
def test_the_api_serves_the_records_json_in_the_same_order(client: TestClient, db_url: str, route: str) -> None:
    store = open_store(db_url)
    expected = (record_json(site_detail(store, "hmeimim")) if route.endswith("hmeimim")
                else [record_json(s) for s in list_sites(store, include_all=True)])
    assert client.get(route).text == json.dumps(expected, ensure_ascii=False, separators=(",", ":"))


def test_site_states_are_enum_members_equal_to_their_strings(samples_db: dict[str, Any]) -> None:
    rows = list_sites(open_store(samples_db["url"]), include_all=True)
    assert all(isinstance(r.status, SiteState) for r in rows)
    assert {r.status for r in rows} >= {"unknown", "vacated"}


@pytest.mark.parametrize("query", ["limit=5", "limit=3&total=true", "type=RETREAT&limit=2", "limit=100"])
def test_api_events_sent_as_stored_is_what_its_model_serves(client: TestClient, query: str) -> None:
    """/api/events sends the stored records without re-serialising them: the body still parses
    into EventPage and comes back from it unchanged (no field added, dropped or retyped)."""
    from sitrep.web.schemas import EventPage

    body = client.get(f"/api/events?{query}").json()
    assert body["events"]
    assert body["count"] == len(body["events"])
    assert EventPage.model_validate(body).model_dump(mode="json", exclude_unset=True) == body


@pytest.mark.parametrize("query", ["", "limit=5", "until=2024-12-12", "type=RETREAT&limit=500"])
def test_api_map_sent_as_built_is_what_its_model_serves(client: TestClient, query: str) -> None:
    """/api/map is serialised once and cached: the body parses into MapData and comes back from it
    unchanged."""
    from sitrep.web.schemas import MapData

    body = client.get(f"/api/map?{query}").json()
    assert body["sites"] and body["events"]["features"]
    assert MapData.model_validate(body).model_dump(mode="json", exclude_unset=True) == body
