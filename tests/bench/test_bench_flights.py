"""`sitrep bench flights` at a tiny size: it runs end to end and prints its figures."""

import re


def test_bench_flights_prints_rows_per_second_and_memory(invoke, tmp_path):
    result = invoke("bench", "flights", "--rows", "3000", "--workdir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("sitrep bench flights: 3,000 generated state vectors")
    assert re.search(r"read \+ detect: 3,000 rows in [\d.]+ s = [\d,]+ rows/s; [\d,]+ movements", out)
    assert re.search(r"memory: \d+ MB at start, at most \d+ MB during the stream", out)
    assert list(tmp_path.iterdir()) == []  # the generated CSV is removed unless --keep
