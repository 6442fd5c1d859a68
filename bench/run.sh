#!/usr/bin/env bash
# The benchmark: article-search against MiniSearch, FlexSearch, Lunr, Orama and
# Pagefind on the same corpora and the same query sets. Writes
# bench/results/<time>.jsonl, bench/RESULTS.md and bench/chart.svg.
#
#   bash bench/run.sh                 n100, n1000, n10000 of the Linux docs corpus
#   bash bench/run.sh --all           the same and all ~18,000 documents
#   bash bench/run.sh DIR [DIR ...]   folders of articles (.txt: title line, blank line, body)
#
# Makes the corpus (target/corpus, ~2 min) when it is missing, installs the
# engine's build tools (.ci/install.sh) and the peers at the versions of
# bench/package-lock.json. BENCH_ENGINES=article-search,minisearch runs a subset.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
cd "$ROOT"
START=$(date +%s)

bash .ci/install.sh
if ! (cd "$BENCH" && npm ls --silent >/dev/null 2>&1); then
  echo "[bench] npm peers from bench/package-lock.json"
  (cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error)
fi

CORPUS="$ROOT/target/corpus/linuxdoc-sections"
corpora=()
all=false
for arg in "$@"; do
  case "$arg" in
    --all) all=true ;;
    *) corpora+=("$(cd "$arg" && pwd)") ;;
  esac
done
if [ ${#corpora[@]} -eq 0 ]; then
  if [ ! -d "$CORPUS/n10000" ] || { $all && [ ! -d "$CORPUS/all" ]; }; then
    echo "[bench] making the corpus in target/corpus (~2 min)"
    bash "$ROOT/../shared/corpus/linuxdoc.sh" "$ROOT/target/corpus"
  fi
  corpora=("$CORPUS/n100" "$CORPUS/n1000" "$CORPUS/n10000")
  $all && corpora+=("$CORPUS/all")
elif $all; then
  corpora+=("$CORPUS/all")
fi

mkdir -p "$BENCH/results"
RESULTS="$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ).jsonl"
node "$BENCH/measure.mjs" "$RESULTS" "${corpora[@]}"
node "$BENCH/report.mjs" "$RESULTS"
echo "[bench] done in $(( $(date +%s) - START )) s: $RESULTS, bench/RESULTS.md, bench/chart.svg"
