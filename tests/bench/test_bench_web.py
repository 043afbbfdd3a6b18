"""`sitrep bench web` at a tiny size: a filled store, the real server, a row of figures per scenario.
Timings are not asserted here: they live in the benchmark's output (docs/web.md, Speed)."""

from __future__ import annotations

import io
import re
import sqlite3
from pathlib import Path

from sitrep.bench.web import ready_store, run_web_benchmark, scenarios
from sitrep.geo.gazetteer import read_sites

NUMBER = r"\d+(?:\.\d+)?"


def test_bench_web_prints_figures_for_every_scenario(tmp_path: Path) -> None:
    out = io.StringIO()
    store = tmp_path / "web-2000.db"
    figures = run_web_benchmark(n_events=2000, store_path=store, n_requests=5, out=out)
    text = out.getvalue()
    assert text.startswith("sitrep bench web: 2,000 fused events, store ")
    names = ["map page / first after start", *(s.name for s in scenarios(sorted(read_sites())))]
    assert [f.name for f in figures] == names
    for name in names:
        line = next((line for line in text.splitlines() if line.strip().startswith(name)), None)
        assert line, f"no row for {name}"
        requests, p50, p95, top, rows, verdict = line[2 + 40:].split()
        assert re.fullmatch(r"[15]", requests)
        assert all(re.fullmatch(NUMBER, x) for x in (p50, p95, top))
        assert rows == "-" or re.fullmatch(NUMBER, rows)
        assert verdict in {"yes", "NO", "(once)"}
    assert re.search(r"\d+ of \d+ scenarios meet the target", text)
    # Every event query returned events: the filters and the generated data agree.
    assert all(f.mean_rows for f in figures if f.name.startswith("events:") and "small bbox" not in f.name)
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT count(*) FROM fused_events").fetchone() == (2000,)
        assert conn.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0  # ANALYZE ran


def test_a_filled_store_of_the_asked_size_is_reused(tmp_path: Path) -> None:
    store = tmp_path / "web-300.db"
    first = ready_store(store, 300)
    again = ready_store(store, 300)
    other = ready_store(store, 400)
    assert (first.reused, again.reused, other.reused) == (False, True, False)
    assert other.events == 400
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT count(*) FROM fused_events").fetchone() == (400,)


def test_the_postgresql_fill_holds_the_same_events_with_their_indexes(fresh_pg_url: str, tmp_path: Path) -> None:
    """`--pg URL`: the generated events COPY'd into PostgreSQL, indexes rebuilt, statuses set, the
    fill reused while it is the same; served and measured like the SQLite file."""
    from sqlalchemy import create_engine, text

    from sitrep.bench.webstore_pg import ready_pg_store

    first, again, other = ready_pg_store(fresh_pg_url, 300), ready_pg_store(fresh_pg_url, 300), None
    assert (first.reused, again.reused) == (False, True)
    other = ready_pg_store(fresh_pg_url, 400)
    assert other.reused is False and other.events == 400
    ready_store(tmp_path / "web-400.db", 400)
    engine = create_engine(fresh_pg_url)
    with engine.connect() as conn, sqlite3.connect(tmp_path / "web-400.db") as lite:
        ids = [r[0] for r in conn.execute(text("SELECT id FROM fused_events ORDER BY id"))]
        assert ids == [r[0] for r in lite.execute("SELECT id FROM fused_events ORDER BY id")]
        indexes = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'fused_events'")).scalars())
        assert {"ix_fused_date_id", "ix_fused_site_date_id"} <= indexes
        assert conn.execute(text("SELECT count(*) FROM site_status")).scalar_one() > 0
    engine.dispose()
    out = io.StringIO()
    figures = run_web_benchmark(n_events=400, store_path=tmp_path / "unused.db", n_requests=3, out=out,
                                pg_url=fresh_pg_url)
    assert "PostgreSQL, " in out.getvalue() and len(figures) > 10
    assert all(f.mean_rows for f in figures if f.name.startswith("events: no filter"))
