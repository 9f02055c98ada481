#!/usr/bin/env bash
# Set everything up and serve the app with trunk on http://127.0.0.1:8080/ (rebuilds on change).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh web
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
exec trunk serve --address 127.0.0.1 --port 8080 "$@"
