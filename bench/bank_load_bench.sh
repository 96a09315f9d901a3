#!/usr/bin/env bash
# How long loading and checking one large question bank takes: a site whose only input
# is a bank of N questions (bench/gen_bank.py: the demo's questions with new ids), built with
# `jiayuan build --no-search` RUNS times; each run's CPU time is printed. With OLD_BIN set, that binary runs too,
# alternating run by run, so the two medians share the machine's conditions.
#
# usage: bash bench/bank_load_bench.sh [N=10000] [RUNS=5]
#        OLD_BIN=/path/to/older/jiayuan bash bench/bank_load_bench.sh 10000 7
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-5}
cargo build --release -q -p jiayuan
BIN=$PWD/target/release/jiayuan
site=bench/out/bank-load-$N
rm -rf "$site" && mkdir -p "$site/quiz" "$site/content"
printf 'title = "题库载入测试"\nbase_url = "http://127.0.0.1:1111"\n' > "$site/site.toml"
printf -- '---\ntitle: 首页\n---\n' > "$site/content/_index.md"
python3 bench/gen_bank.py "$N" "$site/quiz/big.yaml"
echo "bank: $(du -k "$site/quiz/big.yaml" | cut -f1) KB, $N questions"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# CPU time (user + system) of one run, in ms: on a shared machine it varies far less
# than wall time.
time_ms() {
  local out
  out=$( { TIMEFORMAT='%3U %3S'; time "$@" >/dev/null 2>&1; } 2>&1 ) || { "$@" >/dev/null; exit 1; }
  awk '{printf "%d\n", ($1 + $2) * 1000}' <<<"$out"
}
new=() old=()
for r in $(seq "$RUNS"); do
  new+=("$(time_ms "$BIN" --root "$site" build --output "$site/public" --no-search)")
  if [ -n "${OLD_BIN:-}" ]; then
    old+=("$(time_ms "$OLD_BIN" --root "$site" build --output "$site/public-old" --no-search)")
  fi
done
echo "this build:  ${new[*]} ms CPU; median $(printf '%s\n' "${new[@]}" | median) ms"
if [ -n "${OLD_BIN:-}" ]; then
  echo "OLD_BIN:     ${old[*]} ms CPU; median $(printf '%s\n' "${old[@]}" | median) ms"
fi
