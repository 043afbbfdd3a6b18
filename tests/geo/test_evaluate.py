"""Geoparsing metrics and corpus readers, on small hand-written inputs."""

import math

import pytest

from sitrep.geo.evaluate import (
    MAX_ERROR_KM,
    GeoScores,
    GoldArticle,
    GoldToponym,
    Predicted,
    accuracy_at,
    error_auc,
    match_spans,
    read_corpus,
)

LGL_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text><![CDATA[Floods hit Lyon and Ghent.]]></text>
    <toponyms>
      <toponym><start>11</start><end>15</end><phrase>Lyon</phrase>
        <gaztag geonameid="2996944"><name>Lyon</name><fcode>PPLA</fcode><lat>45.75</lat><lon>4.85</lon></gaztag>
      </toponym>
      <toponym><start>20</start><end>25</end><phrase>Ghent</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""
GEOVIRUS_STYLE = """<articles>
  <article>
    <source>https://example.org/a</source>
    <text>Cases rose in Quito.</text>
    <locations>
      <location><name>Quito</name><start>14</start><end>19</end><lat>-0.22</lat><lon>-78.51</lon>
        <page>https://example.org/Quito</page></location>
    </locations>
  </article>
</articles>
"""


def test_accuracy_counts_errors_under_161_km():
    assert accuracy_at([0.0, 100.0, 160.9, 161.0, 5000.0]) == pytest.approx(3 / 5)


def test_auc_is_zero_when_perfect_and_one_when_antipodal():
    assert error_auc([0.0, 0.0, 0.0]) == 0.0
    assert error_auc([MAX_ERROR_KM] * 4) == pytest.approx(1.0, rel=1e-4)


def test_auc_integrates_the_sorted_log_errors():
    errors = [1000.0, 0.0, 10.0]
    logs = sorted(math.log1p(e) for e in errors)
    expected = ((logs[0] + logs[1]) / 2 + (logs[1] + logs[2]) / 2) / (2 * math.log(MAX_ERROR_KM))
    assert error_auc(errors) == pytest.approx(expected)


def test_spans_match_when_they_overlap():
    gold = [GoldToponym("Lyon", 11, 15, 1, 1), GoldToponym("Ghent", 20, 25, 1, 1)]
    predicted = [Predicted(21, 30, 0, 0), Predicted(0, 5, 0, 0)]
    assert match_spans(gold, predicted) == [(1, 0)]


def test_a_prediction_matches_one_gold_toponym_only():
    gold = [GoldToponym("New", 0, 3, 1, 1), GoldToponym("York", 4, 8, 1, 1)]
    assert match_spans(gold, [Predicted(0, 8, 0, 0)]) == [(0, 0)]


def test_lgl_reader(tmp_path):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_STYLE, encoding="utf-8")
    [article] = read_corpus(path)
    assert [t.text for t in article.toponyms] == ["Lyon", "Ghent"]
    assert article.text[11:15] == "Lyon" and article.toponyms[0].lat == 45.75
    assert article.toponyms[1].lat is None  # annotated, not geocoded


def test_geovirus_reader(tmp_path):
    path = tmp_path / "GeoVirus.xml"
    path.write_text(GEOVIRUS_STYLE, encoding="utf-8")
    [article] = read_corpus(path)
    top = article.toponyms[0]
    assert article.text[top.start:top.end] == "Quito" and top.lon == -78.51


def test_scores_separate_unresolved_and_unrecognised():
    article = GoldArticle("a", "x", (GoldToponym("A", 0, 1, 0.0, 0.0), GoldToponym("B", 2, 3, 0.0, 0.0),
                                     GoldToponym("C", 4, 5, 0.0, 0.0), GoldToponym("D", 6, 7, None, None)))
    scores = GeoScores()
    scores.add(article, [Predicted(0, 1, 0.0, 1.0), Predicted(2, 3, None, None), Predicted(8, 9, 5.0, 5.0)])
    figures = scores.as_dict()
    assert figures["recognised"] == 2 and figures["unresolved"] == 1 and figures["unrecognised"] == 1
    assert figures["accuracy_161"] == pytest.approx(0.5)  # the unresolved one counts as 20,039 km
    assert figures["all_accuracy_161"] == pytest.approx(1 / 3)
    assert figures["precision"] == pytest.approx(2 / 3) and figures["recall"] == pytest.approx(2 / 4)
