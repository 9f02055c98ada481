#!/usr/bin/env bash
# Set everything up and run every test: this is the README's test command, and .ci/run
# calls it. On a fresh machine the installs take about 16 minutes; warm, they are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh web
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

echo "== format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings

echo "== data check (corpus check)"
cargo run -q -p corpus -- check

echo "== benchmarks compile (run them with: cargo bench -p corpus)"
cargo bench -q -p corpus --no-run

echo "== native tests"
cargo test --workspace

echo "== fuzzing (each target 45 seconds)"
scripts/fuzz.sh 45

echo "== in-browser component tests (headless Chromium)"
cargo test --target wasm32-unknown-unknown --test browser

echo "== static builds: /, a sub-path, with test hooks (the render guard), the hostile corpus"
trunk build --release
trunk build --release --public-url /explorer/sub/ --dist target/dist-sub
PCE_TEST_HOOKS=1 trunk build --release --dist target/dist-hooks
PCE_DATA_DIR=tests/hostile-data PCE_TEST_HOOKS=1 trunk build --release --dist target/dist-hostile
node scripts/sizes.mjs dist

echo "== end-to-end tests (Playwright, Chromium, dist/ on a static server)"
node --test tests/e2e/*.test.mjs

echo "== the main flows in every engine: Chromium, Firefox (puppeteer-core over WebDriver BiDi), WebKit (WebKitWebDriver under xvfb-run)"
# One engine at a time (WebKitWebDriver takes one session; three browsers at once on two
# cores only slow each other), and a hung flow fails instead of stalling the run.
node --test --test-concurrency=1 --test-timeout=180000 tests/engines/*.test.mjs
