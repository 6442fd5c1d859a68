#!/usr/bin/env bash
# The README's first command (`npm start`): build the wasm module with the
# articles' index (embedded, or split into www/pkg/files/), then serve www/
# on 127.0.0.1 (PORT, default 8000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install.sh
source .ci/env.sh
folder=${ARTICLE_SEARCH_ARTICLES:-articles}
# The build script's own output shows only once it is done: say beforehand
# what it has to read (the bench: ~0.1-0.2 s of indexing per MB of articles).
if [ -d "$folder" ]; then
  count=$(find -L "$folder" -type f \( -name '*.txt' -o -name '*.md' -o -name '*.markdown' -o -name '*.html' -o -name '*.htm' \) -not -path '*/.*' | wc -l)
  megabytes=$(du -sLm "$folder" | cut -f1)
  echo "[serve] building the search module: $count article files, ${megabytes} MB, in $folder (indexing takes about 0.1-0.2 s per MB, then the module is compiled)"
else
  echo "[serve] building the search module (articles: $folder)"
fi
build_page_wasm
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
