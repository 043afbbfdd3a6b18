"""Geoparsing evaluation as the literature does it: readers for the LGL and GeoVirus corpora and the
metric functions (pure: no model, no I/O beyond reading the corpus file).

Metrics (Gritta et al. 2018, "Which Melbourne?"): accuracy@161 km, mean and median error in km, and
AUC = trapezoidal area under log(1 + error_km) over the sorted errors, divided by
log(20039 km, half the Earth's circumference) * (n - 1): 0 is perfect, 1 is always antipodal.
Recognition: a predicted toponym matches a gold one when their character spans overlap.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.geo.resolve import haversine_km

MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    text: str
    start: int
    end: int
    lat: float | None  # None: annotated as a toponym but not geocoded (a street, "Earth")
    lon: float | None


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True)
class Predicted:
    """One predicted toponym: span, and point when it was resolved."""

    start: int
    end: int
    lat: float | None
    lon: float | None
    role: str = "place"  # "demonym" for "Russian": scored only where the corpus annotates demonyms


def annotates_demonyms(articles: Iterable[GoldArticle]) -> bool:
    """True when some gold toponym of the corpus is a demonym ("Russian", "Americans"): LGL and most
    news corpora annotate them as their country; a corpus that annotates none (GeoVirus) follows the
    other convention, and predicted demonyms are then left out of its scores."""
    from sitrep.geo.demonyms import is_demonym

    return any(is_demonym(t.text) for a in articles for t in a.toponyms)


def read_corpus(path: Path, *, limit: int | None = None) -> list[GoldArticle]:
    """The articles of lgl.xml (LGL) or GeoVirus.xml, told apart by their markup; `limit` keeps the first N."""
    root = ET.parse(path).getroot()
    articles = root.findall("article")[:limit] if limit else root.findall("article")
    return [_lgl_article(a, i) if a.find("toponyms") is not None else _geovirus_article(a, i)
            for i, a in enumerate(articles)]


def _lgl_article(node: ET.Element, i: int) -> GoldArticle:
    toponyms = []
    for top in node.iter("toponym"):
        gaz = top.find("gaztag")
        lat = _float(gaz.findtext("lat")) if gaz is not None else None
        lon = _float(gaz.findtext("lon")) if gaz is not None else None
        toponyms.append(GoldToponym(top.findtext("phrase") or "", int(top.findtext("start") or 0),
                                    int(top.findtext("end") or 0), lat, lon))
    return GoldArticle(node.get("docid") or str(i), node.findtext("text") or "", tuple(toponyms))


def _geovirus_article(node: ET.Element, i: int) -> GoldArticle:
    toponyms = [GoldToponym(loc.findtext("name") or "", int(loc.findtext("start") or 0), int(loc.findtext("end") or 0),
                            _float(loc.findtext("lat")), _float(loc.findtext("lon")))
                for loc in node.iter("location")]
    return GoldArticle(node.findtext("source") or str(i), node.findtext("text") or "",
                       tuple(sorted(toponyms, key=lambda t: t.start)))


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def match_spans(gold: Sequence[GoldToponym], predicted: Sequence[Predicted]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs whose spans overlap, each toponym used once, in text order."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if pi not in used and p.start < g.end and g.start < p.end:
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs


def accuracy_at(errors: Sequence[float], km: float = ACCURACY_KM) -> float:
    """Share of errors under `km` (the literature's '161 km' is 100 miles)."""
    return sum(e < km for e in errors) / len(errors) if errors else 0.0


def error_auc(errors: Sequence[float]) -> float:
    """Area under the sorted log-error curve, normalised to [0, 1]; lower is better."""
    if len(errors) < 2:
        return math.log1p(errors[0]) / math.log(MAX_ERROR_KM) if errors else 0.0
    logs = [math.log1p(min(e, MAX_ERROR_KM)) for e in sorted(errors)]
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    return area / (math.log(MAX_ERROR_KM) * (len(logs) - 1))


@dataclass
class GeoScores:
    """Resolution errors over recognised gold toponyms, plus recognition counts."""

    # km, one per recognised geocoded gold toponym; recognised but left unresolved counts as 20,039 km
    errors: list[float] = field(default_factory=list)
    unresolved: int = 0  # recognised but left unresolved (inside `errors` as maximal error)
    missed: int = 0  # geocoded gold toponyms not recognised
    gold: int = 0  # all gold toponyms (recognition)
    predicted: int = 0
    matched: int = 0
    articles: int = 0
    count_demonyms: bool = True  # False: predicted demonyms are left out (the corpus annotates none)
    demonyms: int = 0  # predicted demonyms, counted or not
    demonyms_matched: int = 0  # of which overlap a gold toponym

    def add(self, article: GoldArticle, predicted: Sequence[Predicted]) -> None:
        """Adds one article's predictions."""
        demonyms = [p for p in predicted if p.role == "demonym"]
        self.demonyms += len(demonyms)
        self.demonyms_matched += len(match_spans(article.toponyms, demonyms))
        if not self.count_demonyms:
            predicted = [p for p in predicted if p.role != "demonym"]
        self.articles += 1
        self.gold += len(article.toponyms)
        self.predicted += len(predicted)
        pairs = dict(match_spans(article.toponyms, predicted))
        self.matched += len(pairs)
        for gi, g in enumerate(article.toponyms):
            if g.lat is None or g.lon is None:
                continue
            if gi not in pairs:
                self.missed += 1
                continue
            p = predicted[pairs[gi]]
            if p.lat is None or p.lon is None:
                self.unresolved += 1
                self.errors.append(MAX_ERROR_KM)
            else:
                self.errors.append(haversine_km(g.lat, g.lon, p.lat, p.lon))

    def as_dict(self) -> dict[str, Any]:
        """The figures: resolution over recognised gold toponyms, the same over all geocoded gold
        toponyms with unrecognised ones at maximal error (`all_*`), and recognition P/R/F1."""
        everything = self.errors + [MAX_ERROR_KM] * self.missed
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        return {
            "articles": self.articles, "recognised": len(self.errors), "unresolved": self.unresolved,
            "unrecognised": self.missed,
            "accuracy_161": accuracy_at(self.errors), "mean_km": _mean(self.errors),
            "median_km": statistics.median(self.errors) if self.errors else 0.0, "auc": error_auc(self.errors),
            "all_accuracy_161": accuracy_at(everything), "all_mean_km": _mean(everything),
            "all_median_km": statistics.median(everything) if everything else 0.0, "all_auc": error_auc(everything),
            "gold_toponyms": self.gold, "predicted_toponyms": self.predicted, "matched_toponyms": self.matched,
            "precision": precision, "recall": recall, "demonyms_counted": self.count_demonyms,
            "demonyms_predicted": self.demonyms, "demonyms_matched": self.demonyms_matched,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        }


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0
