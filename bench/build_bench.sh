#!/usr/bin/env bash
# Build-time benchmark: jiayuan with search, without search, and `cp -r` of the same output
# (the floor for writing it), optionally Hugo, on the same synthetic Chinese corpus.
#
#   bash bench/build_bench.sh                 # N = 1000 10000, 3 runs each, print a Markdown table
#   bash bench/build_bench.sh 1000            # only N = 1000
#   bash bench/build_bench.sh --record 1000 10000   # also append the result to BENCHMARKS.md
#
# Environment: RUNS (default 3, at least 3); TOOLS (default "search nosearch cp"; add "hugo"
# to build the Hugo flavour too, installed with apt-get if missing); JIAYUAN_BIN (use this
# binary instead of building target/release/jiayuan).
# BENCH_OUT (default bench/out: where corpora, builds and copies go; /dev/shm/… takes the
# disk out of the figures).
# Every build is a clean one (public/ removed first); the tools alternate run by run, and
# `cp` copies the output the `search` run of the same round just wrote.
# Exits non-zero if any build fails or writes no HTML.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${BENCH_OUT:-$ROOT/bench/out}"
RUNS="${RUNS:-3}"
TOOLS="${TOOLS:-search nosearch cp}"
RECORD=0
SIZES=()
for a in "$@"; do
  case "$a" in
    --record) RECORD=1 ;;
    -h|--help) sed -n 2,14p "$0"; exit 0 ;;
    *[!0-9]*|'') echo "build_bench.sh: not a page count: $a" >&2; exit 2 ;;
    *) SIZES+=("$a") ;;
  esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
[ "$RUNS" -ge 3 ] || { echo "build_bench.sh: RUNS must be at least 3" >&2; exit 2; }
case " $TOOLS " in *" cp "*)
  case " $TOOLS " in *" search "*) ;; *) echo "build_bench.sh: cp copies the search build's output; keep search in TOOLS" >&2; exit 2 ;; esac ;;
esac

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
if [ -n "$(cd "$ROOT" && git status --porcelain -- generator crates wasm-search wasm-quiz Cargo.toml Cargo.lock 2>/dev/null)" ]; then
  dirty=" + uncommitted changes in the generator's crates"
fi
mkdir -p "$OUT/bin"
if [ -n "${JIAYUAN_BIN:-}" ]; then
  cp "$JIAYUAN_BIN" "$JIAYUAN.tmp" && mv "$JIAYUAN.tmp" "$JIAYUAN"
  commit="$commit (binary: $JIAYUAN_BIN)"
else
  log "cargo build --release -p jiayuan"
  (cd "$ROOT" && cargo build --release -p jiayuan) >&2 || { log "cargo build failed"; exit 1; }
  cp "$ROOT/target/release/jiayuan" "$JIAYUAN.tmp" && mv "$JIAYUAN.tmp" "$JIAYUAN"
fi

# --- helpers ---------------------------------------------------------------------------
# "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34" -> seconds
wall_seconds() {
  awk -F': ' '/Elapsed \(wall clock\) time/ {
    n = split($NF, p, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + p[i]
    printf "%.3f\n", s }' "$1"
}
rss_kb() { awk -F': ' '/Maximum resident set size/ {print $NF}' "$1"; }
cpu_seconds() { awk -F': ' '/User time|System time/ {s += $NF} END {printf "%.2f\n", s}' "$1"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
median_of() { echo "$1" | tr ' ' '\n' | grep . | median; }

site_of() { # tool N -> the corpus folder it reads
  case "$1" in hugo) echo "$OUT/hugo-$2" ;; *) echo "$OUT/jiayuan-$2" ;; esac
}
dest_of() { # tool N -> the folder it writes
  case "$1" in
    search) echo "$OUT/jiayuan-$2/public" ;;
    nosearch) echo "$OUT/jiayuan-$2/public-nosearch" ;;
    cp) echo "$OUT/jiayuan-$2/public-copy" ;;
    hugo) echo "$OUT/hugo-$2/public" ;;
  esac
}
cmd_for() { # tool N -> the command (absolute paths: Hugo resolves -d against -s)
  case "$1" in
    search) echo "$JIAYUAN build --root $OUT/jiayuan-$2 --output $(dest_of search "$2")" ;;
    nosearch) echo "$JIAYUAN build --root $OUT/jiayuan-$2 --output $(dest_of nosearch "$2") --no-search" ;;
    cp) echo "cp -r $(dest_of search "$2") $(dest_of cp "$2")" ;;
    hugo) echo "hugo --quiet -s $OUT/hugo-$2 -d $(dest_of hugo "$2")" ;;
  esac
}

declare -A WALL RSS CPU HTML FILES
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$OUT/logs"
failed=0

for n in "${SIZES[@]}"; do
  python3 "$ROOT/bench/gen_corpus.py" "$n" "$OUT/jiayuan-$n" >&2
  case " $TOOLS " in *" hugo "*) python3 "$ROOT/bench/gen_corpus.py" "$n" "$OUT/hugo-$n" --hugo >&2 ;; esac
  for tool in $TOOLS; do WALL[$tool-$n]=""; RSS[$tool-$n]=""; CPU[$tool-$n]=""; done
  for run in $(seq 1 "$RUNS"); do
    for tool in $TOOLS; do
      dest="$(dest_of "$tool" "$n")"
      rm -rf "$dest"
      tlog="$OUT/logs/$tool-$n-run$run.time"
      blog="$OUT/logs/$tool-$n-run$run.log"
      cmd="$(cmd_for "$tool" "$n")"
      log "N=$n run $run/$RUNS: $cmd"
      sync
      # shellcheck disable=SC2086
      if ! (cd "$ROOT" && /usr/bin/time -v -o "$tlog" $cmd >"$blog" 2>&1); then
        log "FAILED: $cmd (exit status in $tlog); last lines of $blog:"
        tail -n 20 "$blog" >&2
        failed=1; continue
      fi
      html=$(find "$dest" -name '*.html' 2>/dev/null | wc -l)
      if [ "$html" -eq 0 ]; then
        log "FAILED: $cmd wrote no HTML under $dest"; failed=1; continue
      fi
      WALL[$tool-$n]+="$(wall_seconds "$tlog") "
      RSS[$tool-$n]+="$(rss_kb "$tlog") "
      CPU[$tool-$n]+="$(cpu_seconds "$tlog") "
      HTML[$tool-$n]=$html
      FILES[$tool-$n]="$(find "$dest" -type f | wc -l) files, $(du -sm "$dest" | cut -f1) MB"
    done
  done
  for tool in $TOOLS; do rm -rf "$(dest_of "$tool" "$n")"; done
done

# --- report ----------------------------------------------------------------------------
cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
mem="$(awk '/^MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
hugo_v="$(command -v hugo >/dev/null && hugo version | awk '{print $2}' || echo "not installed")"
rustc_v="$(cd "$ROOT" && rustc --version 2>/dev/null | awk '{print $2}' || echo -)"

report="$(mktemp)"
{
  echo "### $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$commit\`$dirty"
  echo
  echo "Machine: $(nproc) CPUs ($cpu), $mem RAM, load average at start $LOAD_BEFORE, at end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Hugo $hugo_v, rustc $rustc_v. $RUNS clean runs each (output removed first), alternating, median."
  echo
  echo "Commands (from the repo root; N = ${SIZES[*]}; bench/out/bin/jiayuan is a copy of the release binary):"
  echo
  echo '```'
  echo "bash bench/build_bench.sh ${SIZES[*]}"
  for tool in $TOOLS; do echo "/usr/bin/time -v $(cmd_for "$tool" N | sed "s#$ROOT/#\$PWD/#g")"; done
  echo '```'
  echo
  echo "| N pages | run | wall (median) | fastest | CPU user+sys (median) | peak RSS (median) | wall / cp -r | output |"
  echo "|---:|---|---:|---:|---:|---:|---:|---|"
  for n in "${SIZES[@]}"; do
    floor=""
    [ -n "${WALL[cp-$n]:-}" ] && floor=$(median_of "${WALL[cp-$n]}")
    for tool in $TOOLS; do
      w="${WALL[$tool-$n]}"
      if [ -z "$w" ]; then
        echo "| $n | $tool | failed | | | | | |"; continue
      fi
      mw=$(median_of "$w")
      fw=$(echo "$w" | tr ' ' '\n' | grep . | sort -g | head -1)
      mr=$(median_of "${RSS[$tool-$n]}")
      mc=$(median_of "${CPU[$tool-$n]}")
      ratio=""
      [ -n "$floor" ] && ratio=$(awk -v a="$mw" -v b="$floor" 'BEGIN {printf "%.1f×", (b > 0 ? a / b : 0)}')
      awk -v n="$n" -v t="$tool" -v w="$mw" -v f="$fw" -v c="$mc" -v r="$mr" -v q="$ratio" -v o="${FILES[$tool-$n]}" 'BEGIN {
        printf "| %d | %s | %.2f s | %.2f s | %.2f s | %.0f MiB | %s | %s |\n", n, t, w, f, c, r / 1024, q, o }'
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
