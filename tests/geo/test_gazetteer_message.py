"""The first build of the place index says so on one line (issue 16): ~25 s of silence looked hung."""

from __future__ import annotations

import logging

from sitrep.geo import load_gazetteer


def test_building_the_index_says_so_once(tmp_path, caplog):
    # A high population floor keeps the build short; the message is the same.
    with caplog.at_level(logging.WARNING, logger="sitrep.geo.gazetteer"):
        load_gazetteer(cache_dir=tmp_path, min_population=15_000)
        load_gazetteer(cache_dir=tmp_path, min_population=15_000)  # from the cache: silent
    lines = [r.getMessage() for r in caplog.records if "building the place index" in r.getMessage()]
    assert lines == [f"building the place index (once, ~25 s) in {tmp_path}"]
