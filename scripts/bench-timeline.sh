#!/usr/bin/env bash
# Timeline benchmark in headless Chromium: time per zoom/pan step with 10,000 synthetic
# events (release build). Prints p50 and p95 per kind of step. Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
WASM_BINDGEN_TEST_TIMEOUT=600 cargo test --release --target wasm32-unknown-unknown --test timeline_bench -- --nocapture 2>&1 \
  | grep -E "timeline benchmark|p50|BENCH|test result|panicked" | grep -v "^BENCH" || true
