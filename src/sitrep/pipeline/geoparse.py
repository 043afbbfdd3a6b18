"""Geoparsing: plain-text files -> recognised and resolved toponyms (joins sources, extract and geo).

The spaCy pipeline and the gazetteer load once (Pipeline.load) and serve every file; texts are
parsed in batches. Offsets are character offsets into the file's text as decoded from UTF-8.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from sitrep.extract.toponyms import find_toponyms
from sitrep.pipeline.models import Pipeline
from sitrep.records import Skipped, TextFile, Toponym
from sitrep.sources.discover import read_text_files


def geoparse_texts(texts: Iterable[str], *, pipeline: Pipeline) -> Iterator[list[Toponym]]:
    """The toponyms of each text, in order (spaCy parses them in batches)."""
    for doc in pipeline.nlp.pipe(texts, batch_size=pipeline.settings.nlp.batch_size):
        yield find_toponyms(doc, gazetteer=pipeline.gazetteer)


def geoparse_paths(paths: Iterable[Path], *, pipeline: Pipeline,
                   on_skip: Callable[[Skipped], None]) -> tuple[int, Iterator[dict[str, Any]]]:
    """How many plain-text files under the paths were read, and their toponym records."""
    files: list[TextFile] = []
    for item in read_text_files(paths, max_bytes=pipeline.settings.ingest.max_bytes):
        if isinstance(item, Skipped):
            on_skip(item)
        else:
            files.append(item)
    return len(files), geoparse_files(files, pipeline=pipeline)


def geoparse_files(files: list[TextFile], *, pipeline: Pipeline) -> Iterator[dict[str, Any]]:
    """One record per resolved toponym: {file, text, start, end, resolved_place, lat, lon,
    country_code, feature_code, resolution, site, role, kind}."""
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
            "resolution": place.resolution, "site": place.site_id, "role": top.role, "kind": place.kind}
