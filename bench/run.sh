#!/usr/bin/env bash
# The benchmark in one command (see bench/README.md): builds what it needs (skipping the
# builds that are up to date), generates the TimelineJS and Pagefind pages over the same
# corpus, runs everything in headless Chromium, prints a table and writes
# bench/results.json. Arguments go to bench/bench.mjs, e.g.
#   bench/run.sh                         # 15 cold loads per page, 60 samples per interaction
#   bench/run.sh --runs 5 --samples 20   # quicker, noisier
#   bench/run.sh --only load,pagefind    # a part (sizes come with load)
# Needs what `scripts/setup.sh web` installs; no network.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
ROOT=$PWD
B=$ROOT/target/bench
mkdir -p "$B"
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

# What the explorer is compared with (TimelineJS 3, Pagefind) is the benchmark's own npm
# package (bench/package.json), not part of the test command's install.
if [ ! -x bench/node_modules/.bin/pagefind ] || [ ! -d bench/node_modules/@knight-lab/timelinejs/dist ]; then
  say "npm install in bench/ (TimelineJS, Pagefind)"
  (cd bench && npm install --no-audit --no-fund --loglevel=error)
fi

# What is measured: the last commit (HEAD), extracted with `git archive` into
# target/bench-src, so that uncommitted edits in the working tree (other people's work in
# progress) neither break nor change the builds; BENCH_SOURCE=worktree measures the
# working tree as it is instead. Builds are identified by the git trees of what they are
# built from (SOURCES), so a commit that changes only documentation rebuilds nothing.
SOURCES=(src styles crates data scripts index.html Cargo.toml Cargo.lock build.rs Trunk.toml package-lock.json)
if [ "${BENCH_SOURCE:-head}" = worktree ]; then
  SRC=$ROOT
  export BENCH_REV="$(git rev-parse --short HEAD) + working tree"
  ID=worktree
else
  SRC=$ROOT/target/bench-src
  export BENCH_REV=$(git rev-parse --short HEAD)
  ID=$(git ls-tree HEAD -- "${SOURCES[@]}" | sha1sum | cut -c1-12)
  if [ "$(cat "$SRC/.bench-id" 2>/dev/null)" != "$ID" ]; then
    say "git archive HEAD ($BENCH_REV) into $SRC"
    rm -rf "$SRC" && mkdir -p "$SRC"
    git archive --format=tar HEAD | tar -x -m -C "$SRC"
    echo "$ID" > "$SRC/.bench-id"
  fi
fi

# stale STAMP: the stamp is missing, names other sources, or a source is newer than it.
stale() {
  [ ! -f "$1" ] || [ "$(cat "$1")" != "$ID" ] ||
    [ -n "$(cd "$SRC" && find "${SOURCES[@]}" -newer "$1" -type f -print -quit 2>/dev/null)" ]
}
# build NAME TARGET_DIR [ENV=VALUE...]: a release build into target/bench/NAME, in its own
# cargo target folder (so it never races builds in target/, and the two corpora do not
# rebuild each other). The stamp is written before the build starts, so a source edited
# during the build makes the next run build again.
build() {
  local name=$1 tdir=$2; shift 2
  local dist="$B/$name" stamp="$B/$name.stamp"
  if stale "$stamp" || [ ! -f "$dist/index.html" ]; then
    say "trunk build --release ($name; the first build in $tdir compiles the dependencies, several minutes)"
    echo "$ID" > "$stamp.new"
    (cd "$SRC" && env "$@" CARGO_TARGET_DIR="$tdir" trunk build --release --dist "$dist")
    mv "$stamp.new" "$stamp"
  else
    say "$dist is up to date"
  fi
}
build dist-real "$B"
build dist-10k "$ROOT/target/bench-10k" PCE_SYNTH=10000

# The corpus as JSON (events, dates, quotes, articles) for the TimelineJS and Pagefind pages.
if stale "$B/corpus.stamp" || [ ! -f "$B/corpus.json" ]; then
  say "cargo run -p corpus-index -- export"
  echo "$ID" > "$B/corpus.stamp.new"
  (cd "$SRC" && CARGO_TARGET_DIR="$ROOT/target/bench-native" cargo run -q -p corpus-index -- export) > "$B/corpus.json.new"
  mv "$B/corpus.json.new" "$B/corpus.json"
  mv "$B/corpus.stamp.new" "$B/corpus.stamp"
fi
node bench/timelinejs/make.mjs "$B/corpus.json" "$B/timelinejs" >&2
node bench/pagefind/make.mjs "$B/corpus.json" "$B/pagefind" >&2

# Arguments given to run.sh come first, so they win over these defaults.
node bench/bench.mjs "$@" --real "$B/dist-real" --synth "$B/dist-10k" \
  --timelinejs "$B/timelinejs" --pagefind "$B/pagefind" --out bench/results.json
