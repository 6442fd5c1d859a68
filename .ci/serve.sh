#!/usr/bin/env bash
# The README's first command (`npm start`): build the wasm module with the
# articles' index (embedded, or split into www/pkg/files/), then serve www/
# on 127.0.0.1 (PORT, default 8000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install.sh
source .ci/env.sh
folder=${ARTICLE_SEARCH_ARTICLES:-articles}
# Say beforehand what the build has to read (the bench: ~0.1-0.2 s of
# indexing per MB of articles), then show the build script's progress as it
# goes (cargo shows its output only once it is done): ARTICLE_SEARCH_PROGRESS.
if [ -d "$folder" ]; then
  count=$(find -L "$folder" -type f \( -name '*.txt' -o -name '*.md' -o -name '*.markdown' -o -name '*.html' -o -name '*.htm' \) -not -path '*/.*' | wc -l)
  megabytes=$(du -sLm "$folder" | cut -f1)
  echo "[serve] building the search module: $count article files, ${megabytes} MB, in $folder (indexing takes about 0.1-0.2 s per MB, then the module is compiled)"
else
  echo "[serve] building the search module (articles: $folder)"
fi
mkdir -p target
progress="$PWD/target/article-search-progress.log"
: >"$progress"
ARTICLE_SEARCH_PROGRESS="$progress" build_page_wasm &
build=$!
tail -n +1 -f --pid="$build" "$progress" | sed -u 's/^/[index] /' &
shown=$!
status=0
wait "$build" || status=$?
wait "$shown" || true
[ "$status" -eq 0 ] || { echo "[serve] the build failed (above)" >&2; exit "$status"; }
wasm=www/pkg/article_search_bg.wasm
echo "[serve] $wasm: $(wc -c <"$wasm") bytes, $(gzip -9 -c "$wasm" | wc -c) gzipped"
files=0
# No folder at all in the embedded layout (and `find` failing would end this script).
[ -d www/pkg/files ] && files=$(find www/pkg/files -name '*.docs' -o -name '*.postings' -o -name '*.terms' -o -name '*.tails' -o -name '*.dates' | wc -l)
if [ "$files" -gt 0 ]; then
  echo "[serve] split layout: the dictionary's blocks, the words' postings and the articles' text in $files files, $(cat www/pkg/files/*.docs www/pkg/files/*.postings www/pkg/files/*.terms www/pkg/files/*.tails $(ls www/pkg/files/*.dates 2>/dev/null) | wc -c) bytes, in www/pkg/files/"
else
  echo "[serve] embedded layout: the postings and the articles' text are in the module (ARTICLE_SEARCH_LAYOUT=split leaves them and the dictionary to files)"
fi
exec node .ci/static-server.mjs www "${PORT:-8000}"
