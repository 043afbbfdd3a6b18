"""`sitrep bench scale` at a tiny size on a real one-worker LocalCluster: it stores every generated
article, finds the movements, and prints per-worker throughput and memory."""

import re

from sitrep.bench.scale import generate_articles


def test_the_known_share_of_articles_tells_of_a_movement(tmp_path):
    holding = generate_articles(tmp_path, 40, event_share=0.25)
    texts = [p.read_text(encoding="utf-8") for p in sorted(tmp_path.iterdir())]
    assert holding == 10 and len(texts) == 40
    assert len(set(texts)) == 40  # distinct content: none is dropped as already stored
    assert all(250 < len(t.split()) < 600 for t in texts)  # news length


def test_bench_scale_prints_articles_per_worker_and_memory(invoke):
    result = invoke("bench", "scale", "--articles", "24", "--cluster", "local:1", "--event-share", "0.5")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    head = re.match(r"sitrep bench scale: 24 articles \(\d+ words; 12 tell of a movement\), (\d+) events, "
                    r"1 worker\(s\) on local:1\n", out)
    assert head and int(head[1]) >= 6, out
    assert re.search(r"ingest: [\d.]+ s = [\d.]+ articles/s, [\d.]+ articles/s per worker", out)
    assert re.search(r"peak memory \(RSS\) per worker: \d+ MB; client \(reader and writer\): \d+ MB", out)
    assert re.search(r"store size: [\d.]+ MB", out) and "store size: 0.0 MB" not in out


def test_bench_scale_refuses_an_unknown_cluster(invoke):
    result = invoke("bench", "scale", "--articles", "5", "--cluster", "local:0")
    assert result.exit_code == 2 and "local:N" in result.stderr
