"""`sitrep bench scale`: generated news-length articles ingested with extraction on a Dask cluster;
prints articles/s per worker, peak memory per worker and the store's size."""

from __future__ import annotations

import random
import resource
import tempfile
import time
from pathlib import Path
from typing import TextIO

from sitrep.bench.ingest import ACTORS, FILLER, PLACES, SOURCES, VERBS, WHEN
from sitrep.settings import Settings

# Sentences that hold no event (news padding); the shared filler's "weeks of talks" is a CONSULT event.
BACKGROUND = [s for s in FILLER if "talks" not in s] + [
    "Officials did not respond to requests for comment on Tuesday.",
    "The region has seen repeated shifts of control since the start of the conflict.",
    "Prices of bread and fuel rose again in the markets of the provincial capital.",
    "A spokesman for the local council said talks on water supplies would resume next week.",
    "Aid groups said thousands of families were still living in temporary shelters.",
    "The United Nations envoy is expected to brief the Security Council later this month.",
]


def generate_articles(folder: Path, n: int, *, event_share: float, seed: int = 18) -> int:
    """Writes n news-length articles (about 400 words); the first round(n * event_share) of them,
    shuffled among the rest, tell of a force movement. Returns how many hold one."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    with_events = set(rng.sample(range(n), round(n * event_share)))
    for i in range(n):
        sentences = [rng.choice(BACKGROUND) for _ in range(rng.randint(30, 42))]
        if i in with_events:
            for _ in range(rng.randint(1, 3)):
                sentences.insert(rng.randrange(len(sentences) + 1),
                                 f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(PLACES)} "
                                 f"{rng.choice(WHEN)}, {rng.choice(SOURCES)}.")
        day = 9 + i % 20
        text = (f"---\ntitle: Article {i}\noutlet: Scale Wire {i % 11}\npublished: 2024-12-{day:02d}\n---\n\n"
                + " ".join(sentences) + f" Dispatch {i}.\n")
        (folder / f"article_{i:07d}.txt").write_text(text, encoding="utf-8")
    return len(with_events)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_scale_benchmark(settings: Settings, *, n_articles: int, cluster: str, event_share: float,
                        out: TextIO) -> dict[str, float]:
    """Generates the articles, ingests them into a fresh SQLite store through the cluster and prints
    the figures; start-up (cluster, models on every worker) is timed apart from the ingest."""
    from sitrep.pipeline import Pipeline, run_ingest
    from sitrep.pipeline.cluster import ClusterExtractor, ClusterSpec, open_client
    from sitrep.records import ReportDefaults
    from sitrep.sources import iter_inputs
    from sitrep.store import open_store

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-scale-") as tmp:
        folder, db = Path(tmp) / "articles", Path(tmp) / "scale.db"
        holding = generate_articles(folder, n_articles, event_share=event_share)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.iterdir())
        settings = settings.with_db(f"sqlite:///{db}")
        store = open_store(settings.store.url, status_rules=settings.status)
        pipeline = Pipeline.load(settings, with_nlp=False)
        t0 = time.perf_counter()
        with open_client(ClusterSpec.parse(cluster)) as client:
            extractor = ClusterExtractor(client, settings)
            t1 = time.perf_counter()
            summary = run_ingest(list(iter_inputs([folder])), pipeline=pipeline, store=store,
                                 defaults=ReportDefaults(), on_skip=lambda s: None, extractor=extractor,
                                 chunk_size=extractor.chunk_size)
            t2 = time.perf_counter()
            worker_mb = sorted(client.run(_peak_rss_mb).values())
        db_mb = sum(f.stat().st_size for f in db.parent.glob(db.name + "*")) / 1e6  # with the WAL
    seconds, n_workers = t2 - t1, len(worker_mb)
    figures = {"articles": float(summary.stored), "events": float(summary.events), "workers": float(n_workers),
               "startup_s": t1 - t0, "ingest_s": seconds, "articles_per_s": summary.stored / seconds,
               "articles_per_s_per_worker": summary.stored / seconds / n_workers,
               "worker_peak_rss_mb": max(worker_mb), "client_peak_rss_mb": _peak_rss_mb(), "db_mb": db_mb}
    out.write(
        f"sitrep bench scale: {summary.stored} articles ({words} words; {holding} tell of a movement), "
        f"{summary.events} events, {n_workers} worker(s) on {cluster}\n"
        f"  start-up (cluster, models on every worker): {figures['startup_s']:.1f} s\n"
        f"  ingest: {seconds:.1f} s = {figures['articles_per_s']:.1f} articles/s, "
        f"{figures['articles_per_s_per_worker']:.1f} articles/s per worker\n"
        f"  peak memory (RSS) per worker: {', '.join(f'{mb:.0f} MB' for mb in worker_mb)}; "
        f"client (reader and writer): {figures['client_peak_rss_mb']:.0f} MB\n"
        f"  store size: {db_mb:.1f} MB (SQLite)\n"
    )
    return figures
