#!/usr/bin/env bash
# Build-time benchmark: jiayuan vs Hugo on the same synthetic Chinese corpus.
#
#   bash bench/build_bench.sh                 # N = 1000 10000, 3 runs each, print a Markdown table
#   bash bench/build_bench.sh 1000            # only N = 1000
#   bash bench/build_bench.sh --record 1000 10000   # also append the result to BENCHMARKS.md
#
# Environment: RUNS (default 3, at least 3), TOOLS (default "jiayuan hugo"; "hugo" alone
# skips building jiayuan, to check the Hugo side while the generator is not ready).
# Every build is a clean one (public/ removed first); the two generators alternate run by run.
# Exits non-zero if any build fails or writes no HTML.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"
# JIAYUAN_FLAGS=--no-search compares the build alone with Hugo, which builds no search index.
RUNS="${RUNS:-3}"
TOOLS="${TOOLS:-jiayuan hugo}"
RECORD=0
SIZES=()
for a in "$@"; do
  case "$a" in
    --record) RECORD=1 ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *[!0-9]*|'') echo "build_bench.sh: not a page count: $a" >&2; exit 2 ;;
    *) SIZES+=("$a") ;;
  esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
[ "$RUNS" -ge 3 ] || { echo "build_bench.sh: RUNS must be at least 3" >&2; exit 2; }

log() { echo "[bench] $*" >&2; }

# --- tools -----------------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
case " $TOOLS " in *" hugo "*) command -v hugo >/dev/null || need_apt+=(hugo) ;; esac
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The binary is copied out of target/ so that another cargo build during a long run
# cannot swap it; the commit and working-tree state are taken at build time.
JIAYUAN="$OUT/bin/jiayuan"
commit="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty=""
if [ -n "$(cd "$ROOT" && git status --porcelain -- generator wasm-search wasm-quiz Cargo.toml Cargo.lock 2>/dev/null)" ]; then
  dirty=" + uncommitted changes in the generator's crates"
fi
case " $TOOLS " in *" jiayuan "*)
  log "cargo build --release -p jiayuan"
  (cd "$ROOT" && cargo build --release -p jiayuan) >&2 || { log "cargo build failed"; exit 1; }
  mkdir -p "$OUT/bin"
  cp "$ROOT/target/release/jiayuan" "$JIAYUAN.tmp" && mv "$JIAYUAN.tmp" "$JIAYUAN"
  ;;
esac

# --- helpers ---------------------------------------------------------------------------
# "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34" -> seconds
wall_seconds() {
  awk -F': ' '/Elapsed \(wall clock\) time/ {
    n = split($NF, p, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + p[i]
    printf "%.3f\n", s }' "$1"
}
rss_kb() { awk -F': ' '/Maximum resident set size/ {print $NF}' "$1"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

cmd_for() { # tool N -> the build command (absolute paths: Hugo resolves -d against -s)
  case "$1" in
    jiayuan) echo "$JIAYUAN build --root $OUT/jiayuan-$2 --output $OUT/jiayuan-$2/public ${JIAYUAN_FLAGS:-}" ;;
    hugo) echo "hugo --quiet -s $OUT/hugo-$2 -d $OUT/hugo-$2/public" ;;
  esac
}

declare -A WALL RSS HTML ARTICLES
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$OUT/logs"
failed=0

for n in "${SIZES[@]}"; do
  for tool in $TOOLS; do
    flag=""; [ "$tool" = hugo ] && flag="--hugo"
    python3 "$ROOT/bench/gen_corpus.py" "$n" "$OUT/$tool-$n" $flag >&2
  done
  for tool in $TOOLS; do WALL[$tool-$n]=""; RSS[$tool-$n]=""; done
  for run in $(seq 1 "$RUNS"); do
    for tool in $TOOLS; do
      site="$OUT/$tool-$n"
      rm -rf "$site/public"
      tlog="$OUT/logs/$tool-$n-run$run.time"
      blog="$OUT/logs/$tool-$n-run$run.log"
      cmd="$(cmd_for "$tool" "$n")"
      log "N=$n run $run/$RUNS: $cmd"
      # shellcheck disable=SC2086
      if ! (cd "$ROOT" && /usr/bin/time -v -o "$tlog" $cmd >"$blog" 2>&1); then
        log "FAILED: $cmd (exit status in $tlog); last lines of $blog:"
        tail -n 20 "$blog" >&2
        failed=1; continue
      fi
      html=$(find "$site/public" -name '*.html' 2>/dev/null | wc -l)
      if [ "$html" -eq 0 ]; then
        log "FAILED: $cmd wrote no HTML under $site/public"; failed=1; continue
      fi
      WALL[$tool-$n]+="$(wall_seconds "$tlog") "
      RSS[$tool-$n]+="$(rss_kb "$tlog") "
      HTML[$tool-$n]=$html
      ARTICLES[$tool-$n]=$(find "$site/public" -path '*/page-[0-9]*/index.html' | wc -l)
    done
  done
done

# --- report ----------------------------------------------------------------------------
cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
mem="$(awk '/^MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
hugo_v="$(command -v hugo >/dev/null && hugo version | awk '{print $2}' || echo -)"
rustc_v="$(cd "$ROOT" && rustc --version 2>/dev/null | awk '{print $2}' || echo -)"

report="$(mktemp)"
{
  echo "### $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$commit\`$dirty"
  echo
  echo "Machine: $(nproc) CPUs ($cpu), $mem RAM, load average at start $LOAD_BEFORE, at end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Hugo $hugo_v, rustc $rustc_v. $RUNS clean builds each (public/ removed first), median."
  echo
  echo "Commands (from the repo root; N = ${SIZES[*]}; bench/out/bin/jiayuan is a copy of target/release/jiayuan):"
  echo
  echo '```'
  echo "bash bench/build_bench.sh ${SIZES[*]}"
  for tool in $TOOLS; do echo "/usr/bin/time -v $(cmd_for "$tool" N | sed "s#$ROOT/#\$PWD/#g")"; done
  echo '```'
  echo
  echo "| N pages | generator | wall time (median) | fastest run | per 1000 pages | pages/s | peak RSS (median) | HTML files | article pages | time jiayuan/hugo | RSS jiayuan/hugo |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for n in "${SIZES[@]}"; do
    for tool in $TOOLS; do
      w="${WALL[$tool-$n]}"
      if [ -z "$w" ]; then
        echo "| $n | $tool | failed | | | | | | | | |"; continue
      fi
      mw=$(echo "$w" | tr ' ' '\n' | grep . | median)
      fw=$(echo "$w" | tr ' ' '\n' | grep . | sort -g | head -1)
      mr=$(echo "${RSS[$tool-$n]}" | tr ' ' '\n' | grep . | median)
      ratio_t=""; ratio_r=""
      if [ "$tool" = jiayuan ] && [ -n "${WALL[hugo-$n]:-}" ]; then
        hw=$(echo "${WALL[hugo-$n]}" | tr ' ' '\n' | grep . | median)
        hr=$(echo "${RSS[hugo-$n]}" | tr ' ' '\n' | grep . | median)
        ratio_t=$(awk -v a="$mw" -v b="$hw" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
        ratio_r=$(awk -v a="$mr" -v b="$hr" 'BEGIN {printf "%.2f", a / b}')
      fi
      awk -v n="$n" -v t="$tool" -v w="$mw" -v f="$fw" -v r="$mr" -v h="${HTML[$tool-$n]}" -v a="${ARTICLES[$tool-$n]}" \
          -v rt="$ratio_t" -v rr="$ratio_r" 'BEGIN {
        ps = (w > 0 ? sprintf("%.0f", n / w) : "n/a (<10 ms)")
        printf "| %d | %s | %.2f s | %.2f s | %.3f s | %s | %.0f MiB | %d | %d | %s | %s |\n",
               n, t, w, f, w * 1000 / n, ps, r / 1024, h, a, rt, rr }'
    done
  done
  echo
  echo "Raw wall times (s): $(for n in "${SIZES[@]}"; do for tool in $TOOLS; do printf '%s-%s: %s; ' "$tool" "$n" "${WALL[$tool-$n]% }"; done; done)"
} >"$report"

cat "$report"
if [ "$RECORD" = 1 ]; then
  { echo; cat "$report"; } >>"$ROOT/BENCHMARKS.md"
  log "appended to BENCHMARKS.md"
fi
rm -f "$report"
exit "$failed"
