"""Geoparsing: plain-text files -> recognised and resolved toponyms (joins sources, extract and geo).

The spaCy pipeline and the gazetteer load once (Pipeline.load) and serve every file; texts are
parsed in batches. Offsets are character offsets into the file's text as decoded from UTF-8.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from sitrep.extract.toponyms import find_toponyms
from sitrep.geo.evaluate import GeoScores, GoldArticle, Predicted
from sitrep.pipeline import Pipeline
from sitrep.records import Skipped, Toponym
from sitrep.sources import iter_input_files
from sitrep.sources.decode import looks_binary
from sitrep.sources.discover import TEXT_SUFFIXES


@dataclass(frozen=True)
class TextFile:
    path: str
    text: str


def geoparse_texts(texts: Iterable[str], *, pipeline: Pipeline) -> Iterator[list[Toponym]]:
    """The toponyms of each text, in order (spaCy parses them in batches)."""
    for doc in pipeline.nlp.pipe(texts, batch_size=pipeline.settings.nlp.batch_size):
        yield find_toponyms(doc, gazetteer=pipeline.gazetteer)


def read_text_files(paths: Iterable[Path], *, max_bytes: int) -> Iterator[TextFile | Skipped]:
    """Plain-text files under the paths (folders recursively), decoded as UTF-8, or why not."""
    for item in iter_input_files(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        origin = str(item)
        if item.suffix.lower() not in TEXT_SUFFIXES:
            yield Skipped(origin, f"not a plain-text report ('{item.suffix or item.name}')")
            continue
        try:
            data = item.read_bytes()
        except OSError as err:
            yield Skipped(origin, f"unreadable: {err.strerror or err}")
            continue
        if not data.strip():
            yield Skipped(origin, "empty file")
        elif len(data) > max_bytes:
            yield Skipped(origin, f"too large ({len(data)} bytes > limit {max_bytes})")
        elif looks_binary(data):
            yield Skipped(origin, "binary content, not a text report")
        else:
            try:
                yield TextFile(origin, data.decode("utf-8"))
            except UnicodeDecodeError:
                yield Skipped(origin, "not UTF-8 text")


def geoparse_files(files: list[TextFile], *, pipeline: Pipeline) -> Iterator[dict[str, Any]]:
    """One record per resolved toponym: {file, text, start, end, resolved_place, lat, lon,
    country_code, feature_code, resolution, site, role}."""
    for item, toponyms in zip(files, geoparse_texts((f.text for f in files), pipeline=pipeline), strict=True):
        for top in toponyms:
            if top.place is not None:
                yield toponym_record(item.path, top)


def toponym_record(path: str, top: Toponym) -> dict[str, Any]:
    """The output record of one resolved toponym."""
    place = top.place
    assert place is not None
    return {"file": path, "text": top.text, "start": top.start, "end": top.end,
            "resolved_place": place.resolved_place, "lat": round(place.lat, 5), "lon": round(place.lon, 5),
            "country_code": place.country_code, "feature_code": place.feature_code,
            "resolution": place.resolution, "site": place.site_id, "role": top.role}


def evaluate_geoparsing(articles: list[GoldArticle], *, pipeline: Pipeline) -> GeoScores:
    """Recognition and resolution scores of sitrep's geoparser on gold articles."""
    scores = GeoScores()
    for article, toponyms in zip(articles, geoparse_texts((a.text for a in articles), pipeline=pipeline), strict=True):
        predicted = [Predicted(t.start, t.end, t.place.lat if t.place else None, t.place.lon if t.place else None)
                     for t in toponyms]
        scores.add(article, predicted)
    return scores


def benchmark_texts(paths: list[Path], *, n_reports: int) -> list[str]:
    """Texts for `sitrep bench geo`: the given files, else freshly generated reports."""
    import tempfile

    if paths:
        return [f.text for f in read_text_files(paths, max_bytes=50_000_000) if isinstance(f, TextFile)]
    from sitrep.bench import generate_reports

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-geo-") as tmp:
        generate_reports(Path(tmp), n_reports)
        return [p.read_text(encoding="utf-8") for p in sorted(Path(tmp).iterdir())]


def run_geo_benchmark(texts: list[str], *, settings: Any, out: TextIO) -> dict[str, float]:
    """Times the gazetteer load, then spaCy parsing and toponym recognition + resolution apart,
    and prints the figures."""
    from sitrep.geo import load_gazetteer

    load_gazetteer()  # builds the cache file if needed: the next load is the one users see
    t0 = time.perf_counter()
    gazetteer = load_gazetteer()
    t1 = time.perf_counter()
    pipeline = Pipeline.load(settings)
    t2 = time.perf_counter()
    docs = list(pipeline.nlp.pipe(texts, batch_size=settings.nlp.batch_size))
    t3 = time.perf_counter()
    found = [find_toponyms(doc, gazetteer=gazetteer) for doc in docs]
    t4 = time.perf_counter()
    n = sum(len(tops) for tops in found)
    resolved = sum(1 for tops in found for t in tops if t.place is not None)
    words = sum(len(t.split()) for t in texts)
    figures = {"gazetteer_load_s": t1 - t0, "documents": float(len(texts)), "words": float(words),
               "toponyms": float(n), "resolved": float(resolved), "parse_s": t3 - t2, "toponyms_s": t4 - t3,
               "toponyms_per_s": n / (t4 - t3) if t4 > t3 else 0.0,
               "end_to_end_toponyms_per_s": n / (t4 - t2) if t4 > t2 else 0.0}
    out.write(
        f"sitrep bench geo: {len(texts)} documents, {words} words, {n} toponyms ({resolved} resolved)\n"
        f"  gazetteer load: {figures['gazetteer_load_s']:.2f} s ({len(gazetteer.columns['name'])} places, "
        f"{len(gazetteer.index)} names)\n"
        f"  recognition + resolution (after spaCy): {figures['toponyms_s']:.2f} s = "
        f"{figures['toponyms_per_s']:.0f} toponyms/s\n"
        f"  with spaCy parsing ({figures['parse_s']:.1f} s): {figures['end_to_end_toponyms_per_s']:.0f} toponyms/s, "
        f"{len(texts) / (t4 - t2):.1f} documents/s\n"
    )
    return figures
