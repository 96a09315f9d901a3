#!/usr/bin/env bash
# What the typography rules cost `jiayuan check`: the same site checked with the default
# rules and with every rule switched off in [typography]; median wall time of RUNS runs.
#
#   bash bench/typography_bench.sh          # the demo portal and a 1000-page corpus
#   RUNS=7 bash bench/typography_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
cargo build --release -p jiayuan >/dev/null 2>&1 || cargo build --release -p jiayuan
BIN=target/release/jiayuan
OUT=bench/out/typography
rm -rf "$OUT" && mkdir -p "$OUT"

cp -r content quiz themes site.toml "$OUT/" 2>/dev/null || true
mkdir -p "$OUT/demo" && mv "$OUT"/{content,quiz,themes,site.toml} "$OUT/demo/"
python3 bench/gen_corpus.py 1000 "$OUT/corpus" >/dev/null

off() {
  cp -r "$1" "$1-off"
  printf '\n[typography]\n' >>"$1-off/site.toml"
  for r in space-after-bold nested-quotes date-node range-dash fullwidth no-space-fullwidth no-space-fullwidth-quote; do
    printf '%s = false\n' "$r" >>"$1-off/site.toml"
  done
}

median_ms() {
  local site=$1 times=()
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    "$BIN" --lang en --root "$site" check --no-search >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "| site | rules on (ms) | rules off (ms) |"
echo "|---|---|---|"
for s in demo corpus; do
  off "$OUT/$s"
  echo "| $s | $(median_ms "$OUT/$s") | $(median_ms "$OUT/$s-off") |"
done
