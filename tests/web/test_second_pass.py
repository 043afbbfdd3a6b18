"""The pages and API after the second pass (issue 16): empty form fields, exports of what a page
shows, facets, the brief's summary, site kinds and forces."""

from __future__ import annotations

import csv
import io

import pytest


@pytest.mark.parametrize("path", ["/", "/events"])
def test_empty_form_fields_are_no_filter(client, path):
    response = client.get(path + "?since=&until=&type=&actor=&region=&kind=&min_sources=", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert 'class="error"' not in response.text


def test_a_bad_number_is_still_refused(client):
    assert client.get("/api/events?min_sources=abc").status_code == 422


def test_sites_csv_has_a_row_per_site_with_force_and_no_local_paths(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/sites.csv?all=true").text)))
    assert len(rows) == len(client.get("/api/sites?all=true").json())
    hmeimim = next(r for r in rows if r["id"] == "hmeimim")
    assert hmeimim["force"] == "RUS" and hmeimim["kind"] == "air_base" and hmeimim["status"]


def test_sites_as_of_a_day_before_any_evidence_has_no_status(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/sites.csv?all=true&as_of=2024-11-01").text)))
    assert {r["status"] for r in rows} == {""}
    assert client.get("/api/sites.csv?as_of=someday").status_code == 400


def test_sites_page_links_exports_and_names_kinds(client):
    html = client.get("/sites").text
    assert "/api/sites.csv?all=true" in html and "/api/sites?all=true" in html
    assert "air base" in html and ">air_base<" not in html
    assert "<th scope=\"col\">Force</th>" in html


def test_event_csv_citation_is_a_file_name_not_a_path(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export.csv").text)))
    citations = [r["citation"] for r in rows if r["citation"]]
    assert citations and not any(c.startswith("/") for c in citations)


def test_events_page_has_facets_linking_to_filters(client):
    html = client.get("/events").text
    assert 'class="facet facet-type"' in html
    assert "/events?type=RETREAT" in html
    assert 'class="facet facet-kind"' in html


def test_search_exports_what_it_found(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/search.csv?q=qamishli").text)))
    assert {"site", "event"} <= {r["kind"] for r in rows}
    assert "/api/search.csv?q=qamishli" in client.get("/search?q=qamishli").text


def test_brief_has_a_summary_outlets_once_and_export_links(client):
    data = client.get("/api/brief?since=2024-12-01").json()
    assert data["summary"] and "status change" in data["summary"][1]
    html = client.get("/brief?since=2024-12-01").text
    assert "Summary" in html and "/api/brief?since=2024-12-01" in html
    assert "Coastal Watch; Coastal Watch" not in html


def test_brief_lists_events_by_day(client):
    from sitrep.fuse.brief import event_day

    data = client.get("/api/brief?since=2024-12-01").json()
    days = [event_day(r) for r in data["new_events"]]
    assert days == sorted(days)


def test_facets_count_every_match_not_only_the_page(client, sql):
    import re

    html = client.get("/events?limit=2").text
    total = sql("SELECT count(*) FROM fused_events")[0][0]
    assert total > 2
    assert f"Among all {total:,} matching events" in html
    shown = re.search(r'<ul class="facet facet-type">(.*?)</ul>', html, re.S)
    assert shown
    counts = {v: int(n) for v, n in re.findall(r'type=(\w+)">\w+</a> <span class="count">(\d+)</span>', shown.group(1))}
    expected = dict(sql("SELECT event, count(*) FROM fused_events GROUP BY event"))
    assert counts == {k: v for k, v in expected.items() if k in counts} and len(counts) == min(12, len(expected))
