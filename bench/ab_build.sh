#!/usr/bin/env bash
# Two jiayuan binaries on the same site, alternating run by run: CPU time (user + sys),
# peak RSS and wall time of each clean build, medians, and whether their outputs are
# byte-identical (`diff -r` of the last run of each). Made for before/after figures on a
# shared machine, where CPU time and RSS are steadier than wall time.
#
#   bash bench/ab_build.sh OLD_BIN NEW_BIN SITE_DIR [RUNS]      # RUNS default 3
#   FLAGS=--no-search bash bench/ab_build.sh …                   # extra build flags
#
# SITE_DIR is a site folder, e.g. bench/out/jiayuan-10000 from `bench/gen_corpus.py`.
# Outputs go to bench/out/ab-{old,new} (removed before every run), or to $AB_OUT/ab-{old,new}
# (e.g. AB_OUT=/dev/shm/ab, off the disk).
set -euo pipefail

[ $# -ge 3 ] || { sed -n 2,11p "$0"; exit 2; }
OLD="$1" NEW="$2" SITE="$3" RUNS="${4:-3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${AB_OUT:-$ROOT/bench/out}"
mkdir -p "$OUT"
read -r -a flags <<< "${FLAGS:-}"

declare -A cpu rss wall
run() { # name binary
  local dest="$OUT/ab-$1" log="$OUT/ab-$1.time"
  rm -rf "$dest"
  /usr/bin/time -v "$2" build --root "$SITE" --output "$dest" "${flags[@]}" >/dev/null 2>"$log"
  local user sys kb el
  user=$(awk -F': ' '/User time/ {print $2}' "$log")
  sys=$(awk -F': ' '/System time/ {print $2}' "$log")
  kb=$(awk -F': ' '/Maximum resident/ {print $2}' "$log")
  el=$(awk -F': ' '/Elapsed/ {print $2}' "$log" | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  cpu[$1]+="$(echo "$user + $sys" | bc) "
  rss[$1]+="$((kb / 1024)) "
  wall[$1]+="$el "
  echo "[ab] $1 run: cpu $(echo "$user + $sys" | bc) s (user $user, sys $sys), rss $((kb / 1024)) MiB, wall $el s, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "[ab] load at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for _ in $(seq "$RUNS"); do
  run old "$OLD"
  run new "$NEW"
done
for b in old new; do
  printf '%s: cpu %s s (runs: %s), rss %s MiB (%s), wall %s s (%s)\n' "$b" \
    "$(echo "${cpu[$b]}" | median)" "${cpu[$b]}" "$(echo "${rss[$b]}" | median)" "${rss[$b]}" \
    "$(echo "${wall[$b]}" | median)" "${wall[$b]}"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if diff -r "$OUT/ab-old" "$OUT/ab-new" >/dev/null; then
  echo "outputs: byte-identical"
else
  echo "outputs: DIFFER"
  diff -rq "$OUT/ab-old" "$OUT/ab-new" | head -5
fi
