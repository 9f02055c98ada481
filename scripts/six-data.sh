#!/usr/bin/env bash
# Assemble the six-article test corpus in target/six-data: the real corpus (data/) plus the
# article written for the tests (tests/six-data/: its raw text and its curation, appended to
# the real records). The real data is never copied into the repository, so the six corpus
# always follows data/ as it grows. Errors of `corpus check target/six-data` name lines of
# the assembled files; the fixture's own records start after the real ones.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/six-data
rm -rf "$out"
mkdir -p "$out/raw"
cp data/raw/*.txt tests/six-data/raw/*.txt "$out/raw/"
for f in articles gazetteer events measures; do
  { cat "data/$f.rec"; printf '\n'; cat "tests/six-data/$f.rec"; } > "$out/$f.rec"
done
echo "$out: $(ls "$out/raw" | wc -l) articles (data/ and tests/six-data/)"
