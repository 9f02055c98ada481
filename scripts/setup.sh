#!/usr/bin/env bash
# Install what the project needs on a fresh machine. Every step skips itself when the
# right version is already there, so a warm rerun costs seconds.
#
#   scripts/setup.sh rust   Rust components for native builds and tests
#   scripts/setup.sh web    + wasm target, trunk, wasm-bindgen-cli, npm tools, Chromium,
#                           Firefox ESR, WebKitWebDriver and Xvfb
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
what=${1:-web}

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

rust() {
  if ! command -v cargo >/dev/null; then
    echo "cargo is not on PATH: this project needs the machine's Rust toolchain (rustup)" >&2
    exit 1
  fi
  for c in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$c"; then
      say "rustup component add $c"
      rustup component add "$c"
    fi
  done
}

web() {
  if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
    say "cargo install trunk $TRUNK_VERSION (about 7 minutes)"
    cargo install --locked trunk --version "=$TRUNK_VERSION"
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
    say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
    # Not --locked: its lockfile pins a webpki-roots version the registry lacks.
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
  fi
  if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "ok installed" ||
     ! dpkg-query -W -f='${Status}' chromium-driver 2>/dev/null | grep -q "ok installed"; then
    say "apt-get install chromium chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # The other engines of the cross-engine suite (tests/engines/): Firefox, driven by npm
  # puppeteer-core over WebDriver BiDi; WebKit's WebKitWebDriver (with MiniBrowser), driven
  # by npm selenium-webdriver, which needs a display: Xvfb. About 2–3 minutes on a bare
  # machine (about 890 MB).
  local missing=()
  for p in firefox-esr webkit2gtk-driver xvfb xauth; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt-get install ${missing[*]} (about 2–3 minutes)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # Java runs the Nu HTML checker (npm vnu-jar) in the end-to-end suite.
  if ! java -version >/dev/null 2>&1; then
    say "apt-get install default-jre-headless (for the Nu HTML checker)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq default-jre-headless >/dev/null
  fi
  if [ -f package.json ]; then
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      say "npm ci"
      npm ci --no-audit --no-fund --loglevel=error
    fi
  fi
  # TimelineJS 3 (and Pagefind) for the benchmark, and for the end-to-end test that has
  # TimelineJS itself draw the TimelineJS export.
  if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
    say "npm ci --prefix bench"
    npm ci --prefix bench --no-audit --no-fund --loglevel=error
  fi
}

case "$what" in
  rust) rust ;;
  web|all) rust; web ;;
  *) echo "usage: scripts/setup.sh [rust|web]" >&2; exit 2 ;;
esac
