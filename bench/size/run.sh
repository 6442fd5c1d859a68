#!/usr/bin/env bash
# Where the engine's bytes go: builds the web module of the bundled articles
# (or ARTICLE_SEARCH_ARTICLES) with function names kept, into target/size/,
# and prints its sections, code by crate and largest functions (Markdown),
# then the size of what a visitor downloads (the stripped module as shipped,
# its glue, the element and its CSS, gzip -9).
#
#   bash bench/size/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
bash .ci/install.sh >/dev/null
source .ci/env.sh
OUT=target/size
CARGO_PROFILE_RELEASE_STRIP=false CARGO_TARGET_DIR=target/size-build \
  wasm-pack --quiet build --target web --release --out-dir "$OUT/named" --no-typescript --no-pack 2>/dev/null
CARGO_TARGET_DIR=target/size-build \
  wasm-pack --quiet build --target web --release --out-dir "$OUT/shipped" --no-typescript --no-pack 2>/dev/null
index=$(ls -t target/size-build/wasm32-unknown-unknown/release/build/article-search-*/out/index.bin | head -1)
python3 bench/size/wasm_size.py "$OUT/named/article_search_bg.wasm" "$index"
echo
echo "## What a visitor downloads (gzip -9)"
echo
echo "| file | raw | gzip |"
echo "|---|--:|--:|"
total=0
for f in "$OUT/shipped/article_search_bg.wasm" "$OUT/shipped/article_search.js" www/article-search.js www/article-search-worker.js www/article-search.css; do
  raw=$(wc -c <"$f"); gz=$(gzip -9 <"$f" | wc -c); total=$((total + gz))
  echo "| $(basename "$f") | $raw | $gz |"
done
echo "| **total** | | **$total** |"
