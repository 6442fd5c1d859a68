"""Medians over the last N bench runs, this engine against BENCH_BEFORE's.

One run's p95 over 200 queries moves by 10-20% on a shared 2-core machine,
so a before/after claim is made on the median of several runs:

    for i in $(seq 10); do BENCH_BEFORE=<rev> BENCH_ENGINES=article-search,article-search-before \\
        bash bench/run.sh target/corpus/linuxdoc-sections/n10000; done
    python3 bench/median_of_runs.py 10

Prints, per query kind, each engine's median p50 / p95 (ms) and the ratios.
"""
import glob
import json
import os
import statistics
import sys

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
files = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "results", "*.jsonl")))[-runs:]
times = {}
for path in files:
    for line in open(path):
        record = json.loads(line)
        if record.get("type") != "result" or "query" not in record:
            continue
        for kind, t in record["query"]["kinds"].items():
            times.setdefault(kind, {}).setdefault(record["engine"], []).append((t["p50Ms"], t["p95Ms"]))
print(f"{len(files)} runs\n\n| kind | engine | p50 ms | p95 ms |\n|---|---|--:|--:|")
for kind, engines in times.items():
    medians = {e: tuple(statistics.median(x[i] for x in ts) for i in (0, 1)) for e, ts in engines.items()}
    for engine, (p50, p95) in medians.items():
        print(f"| {kind} | {engine} | {p50:.3f} | {p95:.3f} |")
    if len(medians) == 2 and "article-search" in medians:
        (a50, a95), (b50, b95) = medians["article-search"], next(v for e, v in medians.items() if e != "article-search")
        print(f"| {kind} | ratio | {a50 / b50:.2f} | {a95 / b95:.2f} |")
