"""The JSON API over the ingested samples: filters, cursor paging, sites, exports, brief, OpenAPI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator


def _all_pages(client: TestClient, url: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    while url:
        body = client.get(url).json()
        out += body["events"]
        url = body["next"]
    return out


def test_events_newest_first_and_cursor_paging_covers_every_event_once(
        client: TestClient, sql: Callable[..., list[tuple[Any, ...]]]) -> None:
    first = client.get("/api/events", params={"limit": 7}).json()
    assert first["count"] == 7 and first["next"]
    everything = _all_pages(client, "/api/events?limit=7")
    ids = [r["id"] for r in everything]
    assert len(ids) == len(set(ids)) == sql("SELECT count(*) FROM fused_events")[0][0]
    dates = [r.get("date") or r["cite_info"]["published"] for r in everything]
    stored = dict(sql("SELECT id, sort_date FROM fused_events"))
    sort_dates = [stored[i] for i in ids]
    dated = [d for d in sort_dates if d]
    assert dated == sorted(dated, reverse=True), "newest first"
    assert all(dates)


def test_event_records_validate_against_the_schema(client: TestClient, event_validator: Draft202012Validator) -> None:
    for rec in client.get("/api/events", params={"limit": 50}).json()["events"]:
        plain = {k: v for k, v in rec.items()
                 if k not in {"mentions", "sources", "independent_sources", "mention_ids", "fusion"}}
        errors = list(event_validator.iter_errors(plain))
        assert not errors, (rec["id"], errors[0].message)


def test_filters_narrow_the_events(client: TestClient) -> None:
    def fetch(**params: Any) -> list[dict[str, Any]]:
        return _all_pages(client, "/api/events?" + "&".join(f"{k}={v}" for k, v in params.items()))

    retreats = fetch(type="RETREAT")
    assert retreats and all(r["event"] == "RETREAT" for r in retreats)
    at_site = fetch(site="qamishli-airport")
    assert at_site and all(r["site"]["id"] == "qamishli-airport" for r in at_site)
    syria = fetch(region="Syria")
    assert syria and all(r["event_loc"]["country_code"] == "SYR" for r in syria)
    assert len(fetch(region="levant")) >= len(syria)
    imagery = fetch(kind="imagery")
    assert imagery and all(any((s["attribution"] or {}).get("kind") == "imagery" for s in r["sources"])
                           for r in imagery)
    december = fetch(since="2024-12-10", until="2024-12-16")
    assert december and all("2024-12-10" <= r["date"] <= "2024-12-16" for r in december if r.get("date"))
    box = fetch(bbox="35.5,34.5,36.5,36.0")  # the Syrian coast: Hmeimim, Tartus, Jableh
    assert box and all(34.5 <= r["event_loc"]["lat"] <= 36.0 and 35.5 <= r["event_loc"]["lon"] <= 36.5 for r in box)
    corroborated = fetch(min_sources=2)
    assert corroborated and all(r["independent_sources"] >= 2 for r in corroborated)
    rus = fetch(actor="RUS")
    assert rus and all(any(a.get("code") == "RUS" for a in r["actor"]) for r in rus)


def test_bad_filters_get_a_clear_400(client: TestClient) -> None:
    for params, word in [({"since": "yesterday"}, "since"), ({"bbox": "1,2,3"}, "bbox"),
                         ({"region": "Atlantis"}, "region"), ({"cursor": "not-a-cursor"}, "cursor")]:
        r = client.get("/api/events", params=params)
        assert r.status_code == 400, params
        assert word in r.json()["detail"].lower() or "cursor" in r.json()["detail"]
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"limit": 100000}).status_code == 422


def test_total_is_counted_on_request(client: TestClient, sql: Callable[..., list[tuple[Any, ...]]]) -> None:
    body = client.get("/api/events", params={"type": "RETREAT", "total": "true", "limit": 1}).json()
    assert body["total"] == sql("SELECT count(*) FROM fused_events WHERE event = 'RETREAT'")[0][0]
    assert body["total_is_lower_bound"] is False


def test_event_by_fused_id_or_mention_id(client: TestClient, fused_event: dict[str, Any]) -> None:
    rec = client.get(f"/api/events/{fused_event['id']}").json()
    assert rec["id"] == fused_event["id"] and sorted(rec["mention_ids"]) == fused_event["mention_ids"]
    assert rec["mentions"] == len(fused_event["mention_ids"]) >= 2
    by_mention = client.get(f"/api/events/{fused_event['mention_ids'][-1]}").json()
    assert by_mention["id"] == fused_event["id"]
    assert client.get("/api/events/f000nope").status_code == 404


def test_sites_and_site_timeline(client: TestClient) -> None:
    sites = client.get("/api/sites").json()
    qamishli = next(s for s in sites if s["id"] == "qamishli-airport")
    assert qamishli["status"] == "vacated" and qamishli["evidence"]
    detail = client.get("/api/sites/qamishli-airport").json()
    assert detail["timeline"][-1]["status"] == "vacated"
    assert detail["timeline"][-1]["evidence"][0]["event_text"]
    assert len(client.get("/api/sites", params={"all": "true"}).json()) > len(sites)
    assert client.get("/api/sites/atlantis").status_code == 404


def test_map_data_has_every_site_and_placed_events(client: TestClient, sql: Callable[..., list[tuple[Any, ...]]]) -> None:
    body = client.get("/api/map", params={"limit": 1000}).json()
    assert len(body["sites"]) == sql("SELECT count(*) FROM sites")[0][0]
    assert {s["status"] for s in body["sites"]} >= {"vacated", "unknown"}
    placed = sql("SELECT count(*) FROM fused_events WHERE lat IS NOT NULL")[0][0]
    assert len(body["events"]["features"]) == placed
    f = body["events"]["features"][0]
    assert f["geometry"]["type"] == "Point" and f["properties"]["sources"] >= 1


def test_timeline_counts_match_the_store(client: TestClient, sql: Callable[..., list[tuple[Any, ...]]]) -> None:
    days = client.get("/api/timeline").json()["days"]
    assert sum(d["events"] for d in days) == sql("SELECT count(*) FROM fused_events WHERE sort_date IS NOT NULL")[0][0]
    assert [d["date"] for d in days] == sorted(d["date"] for d in days)


def test_csv_and_geojson_exports_stream_every_match(client: TestClient, sql: Callable[..., list[tuple[Any, ...]]]) -> None:
    n = sql("SELECT count(*) FROM fused_events")[0][0]
    r = client.get("/api/export.csv")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == n
    assert list(rows[0])[:4] == ["event_date", "event_type", "actor1", "actor2"]
    g = client.get("/api/export.geojson", params={"type": "RETREAT"})
    data = json.loads(g.text)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == sql("SELECT count(*) FROM fused_events WHERE event='RETREAT'")[0][0]


def test_brief_json(client: TestClient) -> None:
    brief = client.get("/api/brief", params={"since": "2024-12-01", "region": "Syria"}).json()
    assert any(c["site"]["id"] == "qamishli-airport" and c["status"] == "vacated" for c in brief["changes"])
    assert all(r["independent_sources"] >= 2 for r in brief["corroborated"])
    assert client.get("/api/brief", params={"since": "soon"}).status_code == 400


def test_search_finds_a_site_by_another_spelling(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "Khmeimim"}).json()
    assert [s["id"] for s in found["sites"]] == ["hmeimim"]
    assert found["events"] and found["reports"]


def test_openapi_lists_the_routes_and_docs_are_served_offline(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for route in ["/api/events", "/api/events/{event_id}", "/api/sites", "/api/sites/{site_id}",
                  "/api/export.geojson", "/api/export.csv", "/api/events/{event_id}/comments"]:
        assert route in paths, route
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert "cdn." not in docs and "https://" not in docs.replace("https://swagger", "")
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_observations_and_flights_as_geojson(client: TestClient, sql: Callable[..., list[tuple[Any, ...]]]) -> None:
    obs = client.get("/api/observations", params={"site": "hmeimim"}).json()
    assert obs["type"] == "FeatureCollection" and obs["features"]
    assert len(obs["features"]) == sql("SELECT count(*) FROM observations WHERE site_id = 'hmeimim'")[0][0]
    kinds = {f["geometry"]["type"] for f in client.get("/api/observations").json()["features"]}
    assert "Polygon" in kinds  # footprints
    first = obs["features"][0]["properties"]
    assert first["provider"] and first["counts"] and first["report"].startswith("/reports/")
    flights = client.get("/api/flights", params={"site": "hmeimim", "since": "2024-12-15", "until": "2024-12-15"}).json()
    n = sql("SELECT count(*) FROM flight_movements WHERE site_id = 'hmeimim' AND day = '2024-12-15' "
            "AND military_transport")[0][0]
    assert len(flights["features"]) == n > 0
    assert any(f["geometry"]["type"] == "LineString" for f in flights["features"])
    assert client.get("/api/observations", params={"since": "someday"}).status_code == 400


def test_site_page_shows_imagery_counts_and_flights(client: TestClient) -> None:
    html = client.get("/sites/hmeimim").text
    assert "Satellite imagery" in html and "Military transport flights" in html
