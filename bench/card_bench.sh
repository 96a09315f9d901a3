#!/usr/bin/env bash
# The cost of share cards (issue 16): gen_corpus.py sites of N pages (no page has a
# cover, so every page gets a card), built by the release binary three ways, alternating
# within each round so that shared load falls on all three alike:
#   off    share_cards = false in site.toml (the build before cards), warm
#   cold   cards on, .jiayuan-cache/cards/ emptied first: every card drawn
#   warm   cards on, the cache of the previous build: every card linked from it
# Each is the median of RUNS builds into a fresh output folder: CPU time (user+sys) and
# peak RSS from /usr/bin/time -v, wall time beside them; the load average is printed
# with every round.
#
#   bash bench/card_bench.sh                  # N = 1000 10000, RUNS = 3
#   SIZES="1000" RUNS=5 bash bench/card_bench.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out/cards"
RUNS="${RUNS:-3}"
read -r -a SIZES <<<"${SIZES:-1000 10000}"
[ "$RUNS" -ge 3 ] || { echo "card_bench.sh: RUNS must be at least 3" >&2; exit 2; }
log() { echo "[bench] $*" >&2; }

# shellcheck source=bench/release_binary.sh
source "$ROOT/bench/release_binary.sh"
release_binary "$ROOT" "$OUT"

# "cpu_seconds wall_seconds peak_rss_kb" of one build of site $1 into a fresh folder.
build_once() {
  local site="$1" dest="$OUT/public.$$" log="$OUT/time.log"
  rm -rf "$dest"
  /usr/bin/time -v "$JIAYUAN" --root "$site" build --output "$dest" -v >"$OUT/last.log" 2>"$log" \
    || { cat "$log" >&2; exit 1; }
  rm -rf "$dest"
  awk -F': ' '
    /User time/ {u = $2} /System time/ {s = $2} /Maximum resident/ {m = $2}
    /Elapsed \(wall clock\)/ {n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i]}
    END {printf "%.2f %.2f %d\n", u + s, w, m}' "$log"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for n in "${SIZES[@]}"; do
  site_on="$OUT/site-$n" site_off="$OUT/site-$n-off"
  if [ ! -f "$site_on/site.toml" ]; then
    log "generating the $n-page corpus"
    rm -rf "$site_on" "$site_off"
    python3 "$ROOT/bench/gen_corpus.py" "$n" "$site_on" >&2
  fi
  if [ ! -f "$site_off/site.toml" ]; then
    cp -r "$site_on" "$site_off"
    # First, so that it is a top-level key whatever tables follow.
    { echo "share_cards = false"; cat "$site_on/site.toml"; } >"$site_off/site.toml"
  fi
  build_once "$site_off" >/dev/null
  build_once "$site_on" >/dev/null
  declare -a off_c=() off_w=() off_m=() cold_c=() cold_w=() cold_m=() warm_c=() warm_w=() warm_m=()
  for r in $(seq "$RUNS"); do
    read -r c w m < <(build_once "$site_off"); off_c+=("$c"); off_w+=("$w"); off_m+=("$m")
    rm -rf "$site_on/.jiayuan-cache/cards"
    read -r c w m < <(build_once "$site_on"); cold_c+=("$c"); cold_w+=("$w"); cold_m+=("$m")
    grep -E "share cards:|分享卡片：" "$OUT/last.log" >&2 || true
    read -r c w m < <(build_once "$site_on"); warm_c+=("$c"); warm_w+=("$w"); warm_m+=("$m")
    grep -E "share cards:|分享卡片：" "$OUT/last.log" >&2 || true
    log "N=$n round $r: off ${off_c[-1]} s, cold ${cold_c[-1]} s, warm ${warm_c[-1]} s CPU; load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
  cards=$(du -sk "$site_on/.jiayuan-cache/cards" | cut -f1)
  echo "N=$n (CPU s user+sys / wall s / peak RSS MB, medians of $RUNS; cache ${cards} KB)"
  for kind in off cold warm; do
    declare -n c="${kind}_c" w="${kind}_w" m="${kind}_m"
    printf '  %-5s %7.2f CPU s  %7.2f wall s  %6.0f MB\n' "$kind" "$(median "${c[@]}")" "$(median "${w[@]}")" \
      "$(echo "$(median "${m[@]}") / 1024" | bc -l)"
    unset -n c w m
  done
  echo "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
done
