#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each) with libFuzzer.
#   bash fuzz/run.sh [seconds]
# Needs the nightly toolchain and cargo-fuzz (installed here if missing).
# New corpus entries go to fuzz/corpus/ (not committed); crashes to
# fuzz/artifacts/: turn each into a regression test in core/tests/.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET=${1:-60}
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in query index_reader analyzer; do
  mkdir -p "corpus/$target"
  echo "=== fuzz $target for ${SECONDS_PER_TARGET}s"
  cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -print_final_stats=1 2>&1 \
    | grep -E "^(stat::number_of_executed_units|stat::new_units_added|Done|INFO: Running|==|SUMMARY|.*(panicked|crash|deadly))" || true
  test ! -e "artifacts/$target" || [ -z "$(ls -A "artifacts/$target")" ] || { echo "crash found in $target: see fuzz/artifacts/$target"; exit 1; }
done
