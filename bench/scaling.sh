#!/usr/bin/env bash
# How a build with search grows with the site: wall time, CPU, peak RSS, output and index
# size at 1,000, 10,000 and 100,000 pages of the synthetic corpus (bench/gen_corpus.py).
#
#   bash bench/scaling.sh                    # N = 1000 10000 100000, print a Markdown table
#   bash bench/scaling.sh 1000 10000         # other sizes
#   bash bench/scaling.sh --record           # also append the table to BENCHMARKS.md
#
# Environment: RUNS (default 3; builds per size, the median is reported), JIAYUAN_BIN (use
# this binary instead of building target/release/jiayuan), KEEP=1 (keep corpora and output;
# by default each size's corpus and output are deleted once measured: 100,000 pages are
# about 0.8 GB of Markdown and 3 GB of output).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"
RUNS="${RUNS:-3}"
RECORD=0
SIZES=()
for a in "$@"; do
  case "$a" in
    --record) RECORD=1 ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *[!0-9]*|'') echo "scaling.sh: not a page count: $a" >&2; exit 2 ;;
    *) SIZES+=("$a") ;;
  esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
log() { echo "[scaling] $*" >&2; }
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

mkdir -p "$OUT/bin" "$OUT/logs"
JIAYUAN="$OUT/bin/jiayuan-scaling"
commit="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "${JIAYUAN_BIN:-}" ]; then
  cp "$JIAYUAN_BIN" "$JIAYUAN"
else
  (cd "$ROOT" && cargo build --release -p jiayuan) >&2
  cp "$ROOT/target/release/jiayuan" "$JIAYUAN"
fi

field() { awk -F': ' -v k="$2" 'index($0, k) {print $NF}' "$1"; }
wall_seconds() {
  awk -F': ' '/Elapsed \(wall clock\) time/ {
    n = split($NF, p, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + p[i]
    printf "%.3f\n", s }' "$1"
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
rows=()
for n in "${SIZES[@]}"; do
  site="$OUT/jiayuan-$n"
  # gen_corpus.py is deterministic: a corpus it finished (the marker) is reused.
  if [ ! -f "$site/.generated-$n" ]; then
    python3 "$ROOT/bench/gen_corpus.py" "$n" "$site" >&2
    touch "$site/.generated-$n"
  fi
  walls=""; rss=""; cpus=""
  for run in $(seq 1 "$RUNS"); do
    rm -rf "$site/public"
    sync
    tlog="$OUT/logs/scaling-$n-run$run.time"
    log "N=$n run $run/$RUNS"
    /usr/bin/time -v -o "$tlog" "$JIAYUAN" build --root "$site" --output "$site/public" --verbose \
      >"$OUT/logs/scaling-$n-run$run.log" 2>&1 || { log "build failed, see $OUT/logs/scaling-$n-run$run.log"; exit 1; }
    walls+="$(wall_seconds "$tlog") "
    rss+="$(field "$tlog" 'Maximum resident set size') "
    cpus+="$(awk -F': ' '/User time|System time/ {s += $NF} END {printf "%.2f", s}' "$tlog") "
  done
  files=$(find "$site/public" -type f | wc -l)
  out_mb=$(du -sm "$site/public" | cut -f1)
  index_kb=$(du -sk "$site/public/search/index" | cut -f1)
  src_mb=$(du -sm "$site/content" | cut -f1)
  mw=$(echo "$walls" | tr ' ' '\n' | grep . | median)
  mr=$(echo "$rss" | tr ' ' '\n' | grep . | median)
  mc=$(echo "$cpus" | tr ' ' '\n' | grep . | median)
  rows+=("$(awk -v n="$n" -v w="$mw" -v c="$mc" -v r="$mr" -v f="$files" -v o="$out_mb" -v i="$index_kb" -v s="$src_mb" -v raw="${walls% }" 'BEGIN {
    printf "| %d | %s MB | %.2f s | %.2f s | %.0f MiB | %d | %s MB | %.1f MB | %s |", n, s, w, c, r / 1024, f, o, i / 1024, raw }')")
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$site"; fi
done

report="$(mktemp)"
{
  echo "### $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$commit\`"
  echo
  echo "Machine: $(nproc) CPUs, $(awk '/^MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, load average at start $LOAD_BEFORE, at end $(cut -d' ' -f1-3 /proc/loadavg). $RUNS clean builds per size, median."
  echo
  echo '```'
  echo "bash bench/scaling.sh ${SIZES[*]}"
  echo "/usr/bin/time -v bench/out/bin/jiayuan-scaling build --root bench/out/jiayuan-N --output bench/out/jiayuan-N/public --verbose"
  echo '```'
  echo
  echo "| N pages | Markdown | wall (median) | CPU user+sys | peak RSS | output files | output | search index | raw wall times (s) |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
} >"$report"
cat "$report"
if [ "$RECORD" = 1 ]; then
  { echo; cat "$report"; } >>"$ROOT/BENCHMARKS.md"
  log "appended to BENCHMARKS.md"
fi
rm -f "$report"
