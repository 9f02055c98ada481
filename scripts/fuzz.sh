#!/usr/bin/env bash
# Fuzz the parsers for a bounded time (README, "Fuzzing"): every cargo fuzz target in
# fuzz/ runs for SECONDS (default 60) from its seeds in fuzz/corpus/<target>/, with its
# dictionary in fuzz/dicts/. Any crash (a panic, a broken property, an overflow, a
# timeout, running out of memory) fails the script and leaves the input in
# fuzz/artifacts/<target>/.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# cargo-fuzz is installed when missing (about 2 minutes). The targets are built without a
# sanitizer (`--sanitizer none`), which stable Rust can do: the corpus crate forbids
# unsafe code, so AddressSanitizer would find nothing that a panic does not, at a third
# of the speed or less. FUZZ_SANITIZER=address turns it on; its flag (-Zsanitizer) is
# unstable, so the script then sets RUSTC_BOOTSTRAP=1 for stable Rust to accept it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

CARGO_FUZZ_VERSION=0.13.2
secs=${1:-60}
shift || true

say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*"; }

if ! cargo fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION"; then
  say "cargo install cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes)"
  cargo install --locked cargo-fuzz --version "=$CARGO_FUZZ_VERSION"
fi

sanitizer=${FUZZ_SANITIZER:-none}
if [ "$sanitizer" != none ]; then
  export RUSTC_BOOTSTRAP=1
fi
opts=(--sanitizer "$sanitizer")
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

say "build ${targets[*]} (instrumented, release)"
cargo fuzz build "${opts[@]}"

mkdir -p fuzz/target/logs
failed=()
summary=()
for t in "${targets[@]}"; do
  log=fuzz/target/logs/$t.log
  say "$t for ${secs}s (log: $log)"
  # -timeout: one input taking over 10 s is a hang. Inputs the fuzzer keeps go to
  # fuzz/corpus/<target>/ beside the seeds (git ignores them): a later run starts there.
  if cargo fuzz run "${opts[@]}" "$t" -- \
    -max_total_time="$secs" -timeout=10 -dict="fuzz/dicts/$t.dict" -print_final_stats=1 \
    >"$log" 2>&1; then
    status=ok
  else
    status=CRASH
    failed+=("$t")
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  summary+=("$(printf '%-14s %-6s %10s runs in %ss' "$t" "$status" "${runs:-?}" "$secs")")
  if [ "$status" != ok ]; then
    grep -a -A12 -E "panicked at|ERROR: libFuzzer|SUMMARY" "$log" | head -40 >&2 || tail -40 "$log" >&2
    grep -a "Test unit written to" "$log" >&2 || true
  fi
done

say "runs per target"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found a crash in: ${failed[*]}" >&2
  echo "reproduce: cargo fuzz run --sanitizer none TARGET fuzz/artifacts/TARGET/crash-..." >&2
  echo "then fix it and add the input as a test in crates/corpus/tests/fuzz_regressions.rs" >&2
  exit 1
fi
