#!/usr/bin/env bash
# The README's second command (`npm test`): every test, after installing what
# is missing. Native engine tests, a short run of every fuzz target (when the
# nightly toolchain can be installed), the wasm API in node and in headless
# Chromium, then the real page in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
# The tests assert what the bundled articles/ (and tests/e2e/fixtures/) hold,
# so they are built from those whatever the environment says: a user who
# exported ARTICLE_SEARCH_ARTICLES for their own site (README, "Your
# articles") must still see the suite pass. The hostile build below sets its own.
export ARTICLE_SEARCH_ARTICLES="$PWD/articles"
bash .ci/install.sh --browser
source .ci/env.sh
step() { printf '\n=== %s\n' "$*"; }

step "native tests (cargo test)"
cargo test --workspace

step "fuzz smoke run: every cargo fuzz target for 20 s (bash fuzz/run.sh 20; the README gives the longer run)"
fuzz_status=0
bash fuzz/run.sh 20 || fuzz_status=$?
if [ "$fuzz_status" -eq 3 ]; then
  echo "SKIPPED the fuzz smoke run: the nightly toolchain or cargo-fuzz could not be installed (see above)"
elif [ "$fuzz_status" -ne 0 ]; then
  exit "$fuzz_status"
fi

step "wasm API in node (wasm-pack test --node)"
wasm-pack test --node

step "wasm API in headless Chromium (wasm-pack test --headless --chrome)"
wasm-pack test --headless --chrome

step "release builds: the page (www/pkg) and node (target/pkg-node)"
build_page_wasm
wasm-pack --quiet build --target nodejs --release --out-dir target/pkg-node --no-typescript --no-pack

step "reproducible: the articles copied to another folder, in reverse order, give the same .wasm and glue"
repro="$PWD/target/reproducible"
rm -rf "$repro" && mkdir -p "$repro/articles"
find articles -maxdepth 1 -type f -print0 | sort -rz | xargs -0 -I{} cp {} "$repro/articles/"
ARTICLE_SEARCH_ARTICLES="$repro/articles" \
  wasm-pack --quiet build --target web --release --out-dir "$repro/pkg" --no-pack
cmp www/pkg/article_search_bg.wasm "$repro/pkg/article_search_bg.wasm"
cmp www/pkg/article_search.js "$repro/pkg/article_search.js"
echo "identical: www/pkg and target/reproducible/pkg ($(wc -c <"$repro/pkg/article_search_bg.wasm") bytes of wasm)"

step "the widget's test builds: a hostile corpus (target/e2e-hostile/pkg), the fixture site (target/e2e-site/pkg), the split layout (target/e2e-split/pkg), the single file (dist/)"
ARTICLE_SEARCH_ARTICLES="$PWD/tests/e2e/fixtures/hostile" \
  wasm-pack --quiet build --target web --release --out-dir target/e2e-hostile/pkg --no-typescript --no-pack
ARTICLE_SEARCH_ARTICLES="$PWD/tests/fixtures/site" \
  wasm-pack --quiet build --target web --release --out-dir target/e2e-site/pkg --no-typescript --no-pack
rm -rf target/e2e-split/pkg
ARTICLE_SEARCH_LAYOUT=split ARTICLE_SEARCH_FILES_DIR=target/e2e-split/pkg/files \
  wasm-pack --quiet build --target web --release --out-dir target/e2e-split/pkg --no-typescript --no-pack
node .ci/offline.mjs --no-build
node .ci/package.mjs --no-build

step "the widget in headless Chromium, and 100,000 searches' memory in node (node --test)"
node --test tests/e2e/ tests/memory.test.mjs

step "the README's first command serves the page (bash .ci/serve.sh, as npm start runs it)"
port=8765
PORT=$port bash .ci/serve.sh >target/serve.log 2>&1 &
serving=$!
for _ in $(seq 120); do
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:$port/pkg/article_search_bg.wasm" && break
  kill -0 "$serving" 2>/dev/null || break
  sleep 1
done
ok=0
node -e 'fetch(process.argv[1]).then((r) => r.text()).then((t) => process.exit(t.includes("<article-search") ? 0 : 1), () => process.exit(1))' \
  "http://127.0.0.1:$port/" && ok=1
kill "$serving" 2>/dev/null || true
wait "$serving" 2>/dev/null || true
if [ "$ok" != 1 ]; then
  cat target/serve.log
  echo "npm start did not serve the search page on port $port" >&2
  exit 1
fi
echo "served: the page and its module on port $port ($(grep -c '^\[serve\]' target/serve.log) lines of [serve])"
