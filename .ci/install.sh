#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there,
# at pinned versions. Nothing here downloads a prebuilt binary from outside the
# package registries (crates.io, npm, Debian), which is all this network allows.
#
#   bash .ci/install.sh            wasm target, wasm-pack, wasm-bindgen-cli, npm tools
#   bash .ci/install.sh --browser  the same, plus Debian's chromium + chromedriver
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

WASM_PACK_VERSION=0.15.1
# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock, or wasm-pack
# silently spends minutes installing its own copy (which fails here).
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)

say() { printf '[install] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  say "wasm-pack $WASM_PACK_VERSION (compiles from crates.io, ~7 min)"
  cargo install wasm-pack --locked --version "$WASM_PACK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION (compiles from crates.io, ~7 min)"
  # No --locked: its lock file names a crate version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The test tools (playwright-core, axe-core, esbuild, typescript), pinned by package-lock.json.
# No wasm-opt: Cargo.toml says why; wasm-pack only looks for it when asked.
if ! node -e "require('playwright-core'); require('axe-core/package.json'); require('esbuild'); require('typescript')" 2>/dev/null; then
  say "npm packages (playwright-core, axe-core, esbuild, typescript)"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "chromium + chromium-driver from Debian"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    # Twice: the image can delete downloaded .debs between dpkg calls.
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver \
      || $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver
  fi
fi
say "ready"
