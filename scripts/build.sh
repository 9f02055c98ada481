#!/usr/bin/env bash
# Build the static site into dist/ (release, wasm-opt -Oz).
#   scripts/build.sh                          → dist/, served from /
#   scripts/build.sh --public-url /a/b/       → dist/ for a sub-path
#   scripts/build.sh --dist out --public-url /a/b/
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
exec trunk build --release "$@"
