"""`sitrep bench watch` and `sitrep bench neardup` at tiny sizes: they run end to end and print their figures."""

import re


def test_bench_watch_prints_polls_per_second_and_memory(invoke, tmp_path):
    result = invoke("bench", "watch", "--feeds", "4", "--items", "3", "--workdir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    rounds = re.findall(r"^  (first poll|re-poll, 304|re-poll, changed) +[\d.]+ s +[\d.]+ polls/s +(\d+) new articles"
                        r" .* (\d+) errors +peak RSS \d+ MB$", result.stdout, re.M)
    assert rounds == [("first poll", "12", "0"), ("re-poll, 304", "0", "0"), ("re-poll, changed", "4", "0")]


def test_bench_neardup_finds_the_planted_copies(invoke, tmp_path):
    result = invoke("bench", "neardup", "--docs", "3000", "--workdir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert re.search(r"MinHash of a 400-word text .*: [\d.]+ ms", result.stdout)
    assert re.search(r"bulk fill to 3,000 documents", result.stdout)
    found = re.search(r"copies found: (\d+) of (\d+)", result.stdout)
    assert found and int(found.group(1)) >= 0.95 * int(found.group(2))
