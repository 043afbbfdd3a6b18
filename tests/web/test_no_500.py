"""No input gets a 500: the cases found by hand (bad cursors, huge numbers, lone surrogates,
deeply nested bodies), then a property-based fuzz over every GET route and the comment API.
Errors keep the security headers; pages answer bad query values with a page, not JSON."""

from __future__ import annotations

import json
import string

import pytest
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NESTED = "[" * 2000 + "]" * 2000
HUGE = "99999999999999999999"
HTML = {"accept": "text/html"}


@pytest.mark.parametrize("url", [
    "/api/map?cursor=x", "/api/events?cursor=x", "/api/timeline?cursor=x",
    f"/api/events?cursor={NESTED}", f"/api/map?cursor={NESTED}",
    f"/api/events?min_sources={HUGE}", f"/api/timeline?min_sources={HUGE}", f"/api/map?min_sources={HUGE}",
    "/api/export.csv?cursor=x", "/api/export.geojson?cursor=x", f"/api/export.csv?min_sources={HUGE}",
])
def test_bad_query_values_get_a_client_error(client, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500, (url, response.status_code, response.text[:200])
    assert "detail" in response.json()


@pytest.mark.parametrize("url", ["/events?limit=abc", f"/events?min_sources={HUGE}", "/?limit=0",
                                 "/events?cursor=x", f"/?cursor={NESTED}"])
def test_pages_answer_bad_query_values_with_a_page(client, url):
    response = client.get(url, headers=HTML)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize("field", ["name", "body", "email"])
def test_a_lone_surrogate_in_a_comment_is_refused_politely(client, fused_event, field):
    data = {"name": "Ann", "email": "ann@example.org", "body": "Seen it.", field: "bad \ud800 text"}
    response = client.post(f"/api/events/{fused_event['id']}/comments",
                           content=json.dumps(data).encode(), headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]


def test_a_deeply_nested_json_body_is_refused(client, fused_event):
    body = ('{"name": ' + "[" * 30_000 + "]" * 30_000 + "}").encode()
    response = client.post(f"/api/events/{fused_event['id']}/comments", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "nested" in response.text


def test_an_unexpected_error_still_carries_the_security_headers(make_client):
    client = make_client()

    @client.app.get("/api/boom")  # type: ignore[attr-defined]
    def boom() -> None:
        raise RuntimeError("a bug")

    for headers in ({}, HTML):
        response = client.get("/api/boom", headers=headers)
        assert response.status_code == 500
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        assert "a bug" not in response.text


# --- fuzz -----------------------------------------------------------------------------------------

printable = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
values = st.one_of(
    printable,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["x", "", NESTED, HUGE, "0", "-1", "2024-02-30", "9999-12-31", "1,2,3,4", "nan",
                     "-180,-90,180,90", "e30=", "W1siMjAyNCJdXQ"]),
    st.text(string.ascii_letters + string.digits + "-_=", max_size=400),
)


def get_routes(app) -> list[APIRoute]:
    return [r for r in app.routes if isinstance(r, APIRoute) and "GET" in r.methods]


def query_names(route: APIRoute) -> list[str]:
    return [p.alias for p in route.dependant.query_params] + ["limit", "cursor"]


def fill_path(route: APIRoute, value: str) -> str:
    path = route.path
    for name in route.param_convertors:
        path = path.replace("{" + name + "}", value.replace("/", "_").replace("?", "_").replace("#", "_") or "x")
    return path


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_fuzz_get_routes_never_answer_500(client, data):
    route = data.draw(st.sampled_from(get_routes(client.app)), label="route")
    names = data.draw(st.lists(st.sampled_from(query_names(route)), max_size=4), label="params")
    params = {n: data.draw(values, label=n) for n in names}
    path = fill_path(route, data.draw(values, label="path"))
    accept = data.draw(st.sampled_from([{}, HTML]), label="accept")
    response = client.get(path, params=params, headers=accept)
    assert response.status_code < 500, (path, params, response.text[:300])


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=10)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=st.fixed_dictionaries({}, optional={"name": json_values, "email": json_values,
                                                "website": json_values, "body": json_values}))
def test_fuzz_comment_api_never_answers_500(client, fused_event, body):
    response = client.post(f"/api/events/{fused_event['id']}/comments", content=json.dumps(body).encode(),
                           headers={"content-type": "application/json"})
    assert response.status_code < 500, (body, response.text[:300])


@pytest.mark.parametrize("name", ["Ann\u200bAnalyst", "\u2060Ann", "Ann\ufeff"])
def test_zero_width_characters_in_a_name_are_refused(client, fused_event, name):
    data = {"name": name, "email": "ann@example.org", "body": "Seen it."}
    response = client.post(f"/api/events/{fused_event['id']}/comments", json=data)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["name"]


def test_a_joiner_inside_a_persian_name_is_kept(client, fused_event):
    data = {"name": "می\u200cخواهم", "email": "ann@example.org", "body": "Seen it."}
    assert client.post(f"/api/events/{fused_event['id']}/comments", json=data).status_code == 201


def test_nul_in_the_email_is_refused(client, fused_event):
    data = {"name": "Ann", "email": "ann\x00@example.org", "body": "Seen it."}
    response = client.post(f"/api/events/{fused_event['id']}/comments", json=data)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["email"]
