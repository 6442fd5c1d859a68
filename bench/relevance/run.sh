#!/usr/bin/env bash
# The relevance benchmark: how good are the answers? Our engine, BM25 (bm25s),
# Lunr, MiniSearch and Orama answer the 225 Cranfield questions, as written and
# as three keywords, over the same 1,398 abstracts; their top 100 are scored
# against the judgments (nDCG@10, P@10, MAP@100, Recall@100, queries with no
# hit). Writes bench/relevance/RESULTS.md and results.json.
#
#   bash bench/relevance/run.sh
#
#   RELEVANCE_ENGINES=article-search   only these engines (comma-separated; the
#                                      others keep their last figures in the table)
#   ENGINE_ROOT=/path/to/checkout      build the engine of that checkout (default: this one)
#   CRANFIELD=/path/to/cranfield       the collection (default: ../shared/relevance/cranfield)
#
# Installs what is missing: the peers (npm ci in bench/), a Python venv with
# requirements.txt in target/relevance/venv, and the build tools
# (.ci/install.sh). Everything it makes goes to target/relevance/ (the articles,
# the queries, the runs) and target/relevance-build/ (cargo's target dir).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ENGINE_ROOT=$(cd "${ENGINE_ROOT:-$ROOT}" && pwd)
CRANFIELD=${CRANFIELD:-$ROOT/../shared/relevance/cranfield}
DATA=$ROOT/target/relevance
VENV=$DATA/venv
IFS=, read -r -a ENGINES <<<"${RELEVANCE_ENGINES:-article-search,bm25s,lunr,minisearch,orama}"
START=$(date +%s)
say() { printf '[relevance] %s\n' "$*"; }
has() { [[ " ${ENGINES[*]} " == *" $1 "* ]]; }
mkdir -p "$DATA"
if [ ! -f "$CRANFIELD/cran.all.1400" ]; then
  echo "no Cranfield collection in $CRANFIELD: clone the repo beside shared/, or set CRANFIELD" >&2
  exit 2
fi

# Python: a venv of its own, reinstalled when requirements.txt changes.
if ! cmp -s "$HERE/requirements.txt" "$VENV/requirements.txt"; then
  say "Python venv with bm25s, PyStemmer, pytrec_eval-terrier in $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
  cp "$HERE/requirements.txt" "$VENV/requirements.txt"
fi
if ! (cd "$ROOT/bench" && npm ls --silent >/dev/null 2>&1); then
  say "npm peers from bench/package-lock.json"
  (cd "$ROOT/bench" && npm ci --no-audit --no-fund --loglevel=error)
fi

"$VENV/bin/python" "$HERE/cranfield.py" "$CRANFIELD" "$DATA"

js=()
for engine in "${ENGINES[@]}"; do
  case "$engine" in
    article-search | lunr | minisearch | orama) js+=("$engine") ;;
    bm25s) ;;
    *) echo "RELEVANCE_ENGINES: unknown engine '$engine' (article-search, bm25s, lunr, minisearch, orama)" >&2; exit 2 ;;
  esac
done

if has article-search; then
  # Through the real build: the build script indexes the folder named by
  # ARTICLE_SEARCH_ARTICLES. Its own target dir, so that it neither waits for
  # nor invalidates the other builds of the checkout.
  (cd "$ENGINE_ROOT" && bash .ci/install.sh)
  version="article-search $(git -C "$ENGINE_ROOT" rev-parse --short HEAD)"
  if [ -n "$(git -C "$ENGINE_ROOT" status --porcelain -- core src build.rs Cargo.toml Cargo.lock)" ]; then
    version="$version with uncommitted changes"
  fi
  say "building $version from $ENGINE_ROOT with the Cranfield articles"
  t0=$(date +%s)
  (
    cd "$ENGINE_ROOT"
    source .ci/env.sh
    ARTICLE_SEARCH_ARTICLES="$DATA/articles" ARTICLE_SEARCH_LAYOUT=embedded CARGO_TARGET_DIR="$ROOT/target/relevance-build" \
      wasm-pack --quiet build --target nodejs --release --out-dir "$DATA/pkg" --no-typescript --no-pack
  )
  export RELEVANCE_ENGINE_VERSION=$version RELEVANCE_BUILD_SECONDS=$(( $(date +%s) - t0 ))
fi

if [ ${#js[@]} -gt 0 ]; then
  node "$HERE/engines.mjs" "$DATA" "${js[@]}"
fi
if has bm25s; then
  "$VENV/bin/python" "$HERE/bm25.py" "$DATA"
fi

RELEVANCE_SECONDS=$(( $(date +%s) - START )) "$VENV/bin/python" "$HERE/evaluate.py" "$DATA" "$HERE" "${ENGINES[@]}"
say "done in $(( $(date +%s) - START )) s"
