#!/usr/bin/env bash
# Runs every fuzz target for a bounded time with libFuzzer; fails on a failed
# build or any crash, timeout or out-of-memory.
#   bash fuzz/run.sh [seconds per target, default 60]
#   SANITIZER=address bash fuzz/run.sh 600    (with AddressSanitizer; default none)
# Installs what is missing first: the nightly toolchain (rustup, minimal
# profile) and cargo-fuzz (pinned below, from crates.io).
# Exit status: 0 every target ran clean; 1 a build failed or a target found a
# crash; 3 the nightly toolchain or cargo-fuzz could not be installed (the
# test command reports the fuzz run as skipped then).
# New corpus entries go to fuzz/corpus/ (not committed), each run's log to
# fuzz/logs/, crashes to fuzz/artifacts/: turn each into a regression test in
# core/tests/.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET=${1:-60}
TARGETS=(query index_reader analyzer article)
CARGO_FUZZ_VERSION=0.13.2
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '[fuzz] %s\n' "$*"; }

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  say "installing the nightly toolchain (rustup, minimal profile)"
  rustup toolchain install nightly --profile minimal || { say "cannot install the nightly toolchain"; exit 3; }
fi
if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (compiles from crates.io, ~3 min)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked || { say "cannot install cargo-fuzz"; exit 3; }
fi

# No AddressSanitizer by default: neither the engine nor its dependencies
# (fst, levenshtein_automata, rust-stemmers) has `unsafe` code, so an
# out-of-bounds access is a panic, which libFuzzer reports; measured on
# index_reader, ASan cost 5x the time (116 vs 599 runs/s) and 10x the memory.
# SANITIZER=address bash fuzz/run.sh 600 runs with it.
SANITIZER=${SANITIZER:-none}
say "building ${TARGETS[*]} ($(rustup run nightly rustc --version), sanitizer: $SANITIZER)"
cargo +nightly fuzz build --sanitizer "$SANITIZER" || { say "the fuzz targets do not build"; exit 1; }

mkdir -p logs
failed=()
for target in "${TARGETS[@]}"; do
  mkdir -p "corpus/$target"
  log="logs/$target.log"
  say "$target for ${SECONDS_PER_TARGET}s (log: fuzz/$log)"
  status=0
  cargo +nightly fuzz run --sanitizer "$SANITIZER" "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  # The closing figures: executions, speed, coverage (edges and features).
  grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" || true
  if [ "$status" -ne 0 ]; then
    say "$target FAILED (exit $status); the whole log is fuzz/$log, the input in fuzz/artifacts/$target/"
    grep -E -A3 "panicked at|ERROR: libFuzzer|==[0-9]+==ERROR|SUMMARY|Test unit written" "$log" | head -40 || true
    failed+=("$target")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  say "crash, timeout or out-of-memory in: ${failed[*]} (inputs in fuzz/artifacts/)"
  exit 1
fi
say "every target ran ${SECONDS_PER_TARGET}s without a crash"
