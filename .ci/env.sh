# Sourced by the scripts in .ci/: tools installed by install.sh on PATH, and the
# one command that builds the page's wasm module.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

build_page_wasm() {
  # With its TypeScript declarations (article_search.d.ts), for the package.
  # A split layout's document files go to www/pkg/files/ (none when embedded).
  ARTICLE_SEARCH_FILES_DIR=www/pkg/files wasm-pack --quiet build --target web --release --out-dir www/pkg --no-pack
  rm -f www/pkg/.gitignore
}
