"""Benchmarks behind `sitrep bench`: they print figures and never assert times."""

from __future__ import annotations

import random
import resource
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import TextIO

from sitrep.pipeline.ingest import CHUNK_REPORTS as INGEST_CHUNK
from sitrep.records import Event, Report, Site
from sitrep.settings import Settings, StoreSettings
from sitrep.store import Store

ACTORS = ["Russian forces", "Russian troops", "A Russian convoy", "French soldiers", "Turkish-backed rebels",
          "US troops", "Syrian government forces", "Kurdish-led SDF fighters"]
PLACES = ["Qamishli airport", "Hmeimim air base", "the Tartus naval facility", "Ain Issa", "Tel Al-Samn",
          "Kobani", "Manbij", "Tabqa air base", "Deir ez-Zor airport", "Palmyra", "Faya-Largeau", "Abeche",
          "Niamey", "Gao", "Kuweires air base", "Shayrat air base"]
VERBS = ["withdrew from", "left", "arrived at", "deployed to", "pulled out of", "were seen loading trucks at"]
WHEN = ["on Monday", "last Tuesday", "two days ago", "on Friday", "earlier this week", "yesterday"]
SOURCES = ["according to the Syrian Observatory for Human Rights", "residents said",
           "satellite imagery provided by Maxar Technologies showed", "the defence ministry said in a statement",
           "local media reported"]
FILLER = ["The move follows weeks of talks between officials.", "Analysts said the situation remained fluid.",
          "Traffic on the main road was heavy through the afternoon.", "No casualties were reported.",
          "Photos shared online could not be independently verified."]


def generate_reports(folder: Path, n: int, *, seed: int = 7, pairs: tuple[int, int] = (3, 5)) -> int:
    """Writes n varied reports (front matter + `pairs` event/filler sentence pairs); returns bytes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    start = date(2024, 12, 9)
    for i in range(n):
        published = start + timedelta(days=rng.randrange(90))
        lines = []
        for _ in range(rng.randint(*pairs)):
            lines.append(f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(PLACES)} "
                         f"{rng.choice(WHEN)}, {rng.choice(SOURCES)}.")
            lines.append(rng.choice(FILLER))
        body = " ".join(lines) + f" Report number {i}."
        text = (f"---\ntitle: Generated report {i}\noutlet: Bench Wire {i % 7}\n"
                f"published: {published.isoformat()}\n---\n\n{body}\n")
        (folder / f"report_{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def run_ingest_benchmark(settings: Settings, *, n_reports: int, workdir: Path | None, out: TextIO) -> dict[str, float]:
    """Generates reports, ingests them into a fresh SQLite store and prints the figures."""
    from sitrep.pipeline import Pipeline, run_ingest
    from sitrep.sources import ReportDefaults, iter_inputs
    from sitrep.store import open_store

    tmp = None if workdir else tempfile.TemporaryDirectory(prefix="sitrep-bench-")
    root = workdir or Path(tmp.name)  # type: ignore[union-attr]
    folder = root / "reports"
    size = generate_reports(folder, n_reports)
    db = root / "bench.db"
    db.unlink(missing_ok=True)
    settings = Settings(store=StoreSettings(url=f"sqlite:///{db}"), nlp=settings.nlp, ingest=settings.ingest)
    t0 = time.perf_counter()
    pipeline = Pipeline.load(settings)
    store = open_store(settings.store.url, status_rules=settings.status)
    t1 = time.perf_counter()
    summary = run_ingest(list(iter_inputs([folder])), pipeline=pipeline, store=store, defaults=ReportDefaults(), on_skip=lambda s: None)
    t2 = time.perf_counter()
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.iterdir())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "reports": float(summary.stored), "events": float(summary.events), "load_s": t1 - t0,
        "ingest_s": t2 - t1, "docs_per_s": summary.stored / (t2 - t1), "words_per_s": words / (t2 - t1),
        "peak_rss_mb": peak_mb, "input_mb": size / 1e6, "db_mb": db.stat().st_size / 1e6,
    }
    out.write(
        f"sitrep bench ingest: {summary.stored} reports ({figures['input_mb']:.1f} MB, {words} words), "
        f"{summary.events} events\n"
        f"  model + gazetteer load: {figures['load_s']:.1f} s\n"
        f"  ingest: {figures['ingest_s']:.1f} s = {figures['docs_per_s']:.1f} documents/s, "
        f"{figures['words_per_s']:.0f} words/s\n"
        f"  peak memory (RSS): {peak_mb:.0f} MB; store size {figures['db_mb']:.1f} MB\n"
    )
    if tmp:
        tmp.cleanup()
    return figures


def run_extract_benchmark(settings: Settings, *, n_reports: int, out: TextIO) -> dict[str, float]:
    """Full extraction vs a plain spaCy pass (same pipeline package, same texts, same run)."""
    import spacy

    from sitrep.pipeline import Pipeline
    from sitrep.records import Report, content_id

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        generate_reports(Path(tmp), n_reports, pairs=(12, 16))  # about 450 words: news length
        texts = [p.read_text(encoding="utf-8").split("---\n", 2)[-1] for p in sorted(Path(tmp).iterdir())]
    words = sum(len(t.split()) for t in texts)
    reports = [Report(id=content_id(t), text=t, origin=f"bench-{i}", published=date(2025, 1, 15))
               for i, t in enumerate(texts)]
    plain = spacy.load(settings.nlp.model)
    t0 = time.perf_counter()
    for _ in plain.pipe(texts, batch_size=settings.nlp.batch_size):
        pass
    plain_s = time.perf_counter() - t0
    del plain
    pipeline = Pipeline.load(settings)
    t1 = time.perf_counter()
    n_events = sum(len(events) for _, events in pipeline.extract_many(reports))
    ours_s = time.perf_counter() - t1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures = {"reports": float(n_reports), "words": float(words), "plain_s": plain_s, "extract_s": ours_s,
               "ratio": ours_s / plain_s, "reports_per_s": n_reports / ours_s, "events": float(n_events),
               "peak_rss_mb": peak_mb, "worker_peak_rss_mb": child_mb}
    out.write(
        f"sitrep bench extract: {n_reports} reports, {words} words, {n_events} events, "
        f"{settings.nlp.n_process} spaCy process(es)\n"
        f"  plain spacy.load('{settings.nlp.model}') + nlp.pipe: {plain_s:.1f} s ({words / plain_s:.0f} words/s)\n"
        f"  full extraction: {ours_s:.1f} s = {n_reports / ours_s:.1f} reports/s ({words / ours_s:.0f} words/s)\n"
        f"  ratio full/plain: {figures['ratio']:.2f}\n"
        f"  peak memory (RSS): {peak_mb:.0f} MB main process, {child_mb:.0f} MB largest worker\n"
    )
    return figures


def _synthetic_report(i: int, day: date, rng: random.Random, sites: list[Site], *, n_events: int = 3,
                      spread_days: int = 3) -> tuple[Report, list[Event]]:
    """A report with stored-ready events at random sites (no NLP: fusion is measured)."""
    from sitrep.records import Actor, Attribution, Place, content_id, event_id

    text = f"Synthetic report {i} of {day.isoformat()}."
    report = Report(id=content_id(text), text=text, origin=f"synthetic-{i}", outlet=f"Wire {i % 13}",
                    published=day)
    events = []
    for k in range(n_events):
        site = rng.choice(sites)
        kind = rng.choice(["RETREAT", "MOBILIZE"])
        posture = rng.choice(["departed", "departing"]) if kind == "RETREAT" else rng.choice(["arriving", "present"])
        place = Place(site.name, site.name, site.lat, site.lon, site.country_code, "MILB", "site", site_id=site.id)
        event_day = day - timedelta(days=rng.randrange(spread_days))
        events.append(Event(
            id=event_id(report.id, k, kind, site.id, str(k)), report_id=report.id, event=kind, mode=None,
            actor=(Actor("Russian forces", "RUS", "MIL"),), recipient=(), date=event_day, enddate=None,
            date_precision="day", place=place, posture=posture,
            attribution=Attribution(f"Wire {i % 13}", "media", f"Wire {i % 13}"), confidence=0.7,
            event_text=text, sequence=0, start=0, end=len(text), trigger="left"))
    return report, events


def run_fuse_benchmark(*, sizes: tuple[int, ...], day_reports: int, out: TextIO) -> dict[int, float]:
    """Time to add one day of reports (with fusion and site status) to archives of given sizes."""
    from sitrep.geo.gazetteer import read_sites
    from sitrep.store import open_store

    sites = list(read_sites().values())
    figures: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="sitrep-fuse-bench-") as tmp:
        for size in sizes:
            rng = random.Random(11)
            store = open_store(f"sqlite:///{Path(tmp) / f'archive-{size}.db'}")
            store.sync_sites(sites)
            start = date(2020, 1, 1)
            n_reports = size // 3
            # A steady news flow: a bigger archive covers more days, not more reports per day.
            days = max(1, n_reports // day_reports)
            build_s = _store_as_ingest(store, (
                _synthetic_report(i, start + timedelta(days=i * days // n_reports), rng, sites)
                for i in range(n_reports)))
            day = start + timedelta(days=days + 1)
            day_s = _store_as_ingest(store, (_synthetic_report(10_000_000 + j, day, rng, sites)
                                             for j in range(day_reports)))
            figures[size] = day_s
            out.write(f"archive of {size} events (built in {build_s:.0f} s): adding a day of {day_reports} "
                      f"reports ({3 * day_reports} events) takes {day_s:.2f} s "
                      f"({1000 * day_s / day_reports:.1f} ms per report, fusion and site status included)\n")
    return figures


def run_pileup_benchmark(*, archive: int, n_reports: int, site_id: str, out: TextIO) -> dict[str, float]:
    """Time to ingest reports about one site within a few days, into an empty store and into one
    already holding `archive` such reports (the store writes of `sitrep ingest`, chunk by chunk)."""
    from sitrep.geo.gazetteer import read_sites
    from sitrep.store import open_store

    every = read_sites()
    site = every[site_id]
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="sitrep-pileup-bench-") as tmp:
        for label, held in (("an empty store", 0), (f"a store holding {archive}", archive)):
            rng = random.Random(3)
            store = open_store(f"sqlite:///{Path(tmp) / f'pileup-{held}.db'}")
            store.sync_sites(every.values())
            day = date(2024, 12, 10)

            build_s = _store_as_ingest(store, _about_one_site(site, day, rng, range(held)))
            added_s = _store_as_ingest(store, _about_one_site(site, day, rng, range(held, held + n_reports)))
            figures[label] = added_s
            out.write(f"{n_reports} one-event reports about {site.name} within 5 days into {label}"
                      f"{f' (built in {build_s:.0f} s)' if held else ''}: {added_s:.2f} s "
                      f"({n_reports / added_s:.1f} reports/s)\n")
    return figures


def _about_one_site(site: Site, day: date, rng: random.Random, numbers: range
                    ) -> Iterator[tuple[Report, list[Event]]]:
    """One-event reports about `site` within five days of `day`."""
    for i in numbers:
        yield _synthetic_report(i, day, rng, [site], n_events=1, spread_days=5)


def _store_as_ingest(store: Store, reports: Iterable[tuple[Report, list[Event]]]) -> float:
    """Seconds to store the reports as `sitrep ingest` writes them: a chunk per batch, each
    touched site fused and judged once per chunk."""
    pending = iter(reports)
    t0 = time.perf_counter()
    while chunk := list(islice(pending, INGEST_CHUNK)):
        with store.batch():
            for report, events in chunk:
                store.save_report(report, events)
    return time.perf_counter() - t0
