#!/usr/bin/env bash
# Set everything up and run every test. This is the command the README gives and that
# .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh rust

echo "== format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

echo "== data check (corpus check)"
cargo run -q -p corpus -- check

echo "== benchmarks compile (run them with: cargo bench -p corpus)"
cargo bench -q -p corpus --no-run

echo "== native tests"
cargo test --workspace
