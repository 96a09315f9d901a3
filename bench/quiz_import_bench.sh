#!/usr/bin/env bash
# `jiayuan quiz export` and `jiayuan quiz import` on one large bank: N questions (the
# demo's 200 questions repeated with new ids, all four types), exported to xlsx and
# CSV and imported back (--force), RUNS times each, with the release build.
# Prints each run's wall time and the median per step.
#
# usage: bash bench/quiz_import_bench.sh [N=10000] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-5}
cargo build --release -q -p jiayuan
BIN=$PWD/target/release/jiayuan
site=bench/out/quiz-import-$N
rm -rf "$site" && mkdir -p "$site/quiz"
cp site.toml "$site/"
python3 bench/gen_bank.py "$N" "$site/quiz/big.yaml"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {
  local t0 t1 err
  err=$(mktemp)
  t0=$(date +%s%N)
  if ! "$@" >/dev/null 2>"$err"; then cat "$err" >&2; exit 1; fi
  t1=$(date +%s%N)
  rm -f "$err"
  echo $(( (t1 - t0) / 1000000 ))
}
for step in "export xlsx" "import xlsx" "export csv" "import csv"; do
  times=()
  for run in $(seq 1 "$RUNS"); do
    case $step in
      "export xlsx") ms=$(time_ms "$BIN" --root "$site" quiz export --bank big --output "$site/big.xlsx" --force) ;;
      "import xlsx") ms=$(time_ms "$BIN" --root "$site" quiz import "$site/big.xlsx" --bank big --force) ;;
      "export csv") ms=$(time_ms "$BIN" --root "$site" quiz export --bank big --format csv --output "$site/big.csv" --force) ;;
      "import csv") ms=$(time_ms "$BIN" --root "$site" quiz import "$site/big.csv" --bank big --title 大题库 --force) ;;
    esac
    times+=("$ms")
  done
  echo "$step ($N questions): ${times[*]} ms; median $(printf '%s\n' "${times[@]}" | median) ms"
done
# The round trip must not have changed the bank.
"$BIN" --root "$site" quiz export --bank big --output "$site/again.xlsx" --force 2>/dev/null
cmp "$site/big.xlsx" "$site/again.xlsx" && echo "round trip: the same xlsx bytes"
