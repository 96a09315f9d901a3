#!/usr/bin/env bash
# The cost of [markdown] raw_html = "sanitize": N pages that each hold raw HTML (the
# page of tests/fixtures/sites/raw-html), built with sanitize and with trusted.
#
#   bash bench/raw_html_bench.sh          # N = 2000, RUNS = 5, prints the median of each
#   bash bench/raw_html_bench.sh 5000
#
# Release binary, --no-search (the index is the same under both policies); the two
# policies alternate run by run, each build clean (public/ removed first).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-2000}"
RUNS="${RUNS:-5}"
BIN="$ROOT/target/release/jiayuan"
SITE="$ROOT/bench/out/raw-html-$N"

cargo build --release -p jiayuan --quiet --manifest-path "$ROOT/Cargo.toml"
rm -rf "$SITE"
mkdir -p "$SITE/content/news"
printf -- '---\ntitle: 新闻\n---\n' > "$SITE/content/news/_index.md"
body="$(awk 'f >= 2 { print } /^---$/ { f++ }' "$ROOT/tests/fixtures/sites/raw-html/content/news/a.md")"
for i in $(seq 1 "$N"); do
  printf -- '---\ntitle: 原始 HTML %s\ndate: 2022-05-29\n---\n%s\n' "$i" "$body" > "$SITE/content/news/p$i.md"
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() {
  printf 'title = "测试站点"\nbase_url = "http://127.0.0.1:1111"\n\n[markdown]\nraw_html = "%s"\n' "$1" > "$SITE/site.toml"
  rm -rf "$SITE/public"
  local start end
  start=$(date +%s.%N)
  "$BIN" --root "$SITE" build --no-search --now 2022-12-31 >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
: > "$SITE/sanitize.txt"; : > "$SITE/trusted.txt"
for _ in $(seq 1 "$RUNS"); do
  run sanitize >> "$SITE/sanitize.txt"
  run trusted >> "$SITE/trusted.txt"
done
echo "pages: $N, runs: $RUNS (median wall time, s)"
echo "sanitize: $(median < "$SITE/sanitize.txt")"
echo "trusted:  $(median < "$SITE/trusted.txt")"
