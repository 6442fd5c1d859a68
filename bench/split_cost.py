"""Totals the output of core/examples/split_cost.rs: per kind of query, the
cold query's files (gzip -9), p50 and p95 of bytes and requests, and what
kinds of file make them up at p95.

    python3 bench/split_cost.py <files-dir> < costs.tsv
"""
import collections, gzip, sys

files_dir = sys.argv[1]
gz = {}
def gzip_size(name):
    if name not in gz:
        gz[name] = len(gzip.compress(open(f"{files_dir}/{name}", "rb").read(), 9))
    return gz[name]

queries = collections.defaultdict(lambda: collections.defaultdict(list))
for line in sys.stdin:
    kind, query, _round, name, _raw = line.rstrip("\n").split("\t")
    queries[kind][query].append(name)

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, len(values) * p // 100)]

for kind, by_query in queries.items():
    costs = []
    for names in by_query.values():
        by_ext = collections.Counter()
        for n in names:
            by_ext[n.rsplit(".", 1)[1]] += gzip_size(n)
        costs.append((sum(by_ext.values()), len(names), by_ext))
    costs.sort(key=lambda c: c[0])
    p95 = costs[min(len(costs) - 1, len(costs) * 95 // 100)]
    mean = collections.Counter()
    for c in costs:
        mean.update(c[2])
    print(f"{kind:7} n={len(costs):3}  KB p50 {pct([c[0] for c in costs], 50)/1000:6.1f} p95 {p95[0]/1000:6.1f}"
          f"  requests p50 {pct([c[1] for c in costs], 50)} p95 {pct([c[1] for c in costs], 95)}"
          f"  mean KB by kind: " + ", ".join(f"{k} {v/len(costs)/1000:.1f}" for k, v in sorted(mean.items()))
          + "  | p95 query: " + ", ".join(f"{k} {v/1000:.1f}" for k, v in sorted(p95[2].items())))
