#!/usr/bin/env bash
# Parser scaling: each pathological input shape at n, 2n and 4n, timed in the Markdown
# renderer (and pulldown-cmark alone) or the front matter loader.
#
#   bash bench/parse_scaling.sh                    # every shape at its default n
#   bash bench/parse_scaling.sh star cjk-emphasis  # some shapes
#   bash bench/parse_scaling.sh star:5000          # a shape at another n
#
# Environment: RUNS (default 5 rounds of n, 2n, 4n; the median of each is shown), LIMIT (default 2.2, the largest
# accepted time ratio for doubling the input), BIN (a parse_scaling binary to time
# instead of building the current one, e.g. one built from an older commit).
# Prints a Markdown table; exits 1 if doubling any shape's input costs more than LIMIT×.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-5}"
LIMIT="${LIMIT:-2.2}"
DEFAULTS=(star:400000 underscore:400000 cjk-emphasis:100000 brackets:1000000
  brackets-closed:200000 quotes:250000 lists:250000 long-line:30000 yaml-deep-many:800)
[ $# -gt 0 ] || set -- "${DEFAULTS[@]}"

if [ -z "${BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release -q -p jiayuan-content --example parse_scaling)
  mkdir -p "$ROOT/bench/out/bin"
  # A copy, so that another cargo build during the run cannot swap it.
  cp "$ROOT/target/release/examples/parse_scaling" "$ROOT/bench/out/bin/parse_scaling"
  BIN="$ROOT/bench/out/bin/parse_scaling"
fi

default_n() {
  local d
  for d in "${DEFAULTS[@]}"; do
    [ "${d%%:*}" = "$1" ] && { echo "${d#*:}"; return; }
  done
  echo "parse_scaling.sh: unknown shape $1" >&2
  exit 2
}

echo "$( [ "$BIN" = "$ROOT/bench/out/bin/parse_scaling" ] && echo "commit $(cd "$ROOT" && git rev-parse --short HEAD)" || echo "binary $BIN"), load average $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs, median CPU ms"
echo
echo "| shape | n | bytes at 4n | ms at n | ms at 2n | ms at 4n | 2n/n | 4n/2n | pulldown-cmark ms (n, 2n, 4n) |"
echo "|---|---|---|---|---|---|---|---|---|"
slow=0
for arg in "$@"; do
  shape="${arg%%:*}"
  if [ "$arg" != "$shape" ]; then n="${arg#*:}"; else n="$(default_n "$shape")"; fi
  # Rounds of n, 2n, 4n in turn, so that a change in the machine's load hits all
  # three sizes alike; the median of each size over the rounds is shown.
  rows=()
  for _ in $(seq "$RUNS"); do
    for k in 1 2 4; do
      rows+=("$k $("$BIN" "$shape" $((n * k)) 1)")
    done
  done
  mid=$(((RUNS + 1) / 2))
  med() { printf '%s\n' "${rows[@]}" | awk -v k="$1" -v f="$2" '$1 == k { print $f }' | sort -g | sed -n "${mid}p"; }
  line="$(awk -v limit="$LIMIT" -v shape="$shape" -v n="$n" \
    -v b="$(med 4 4)" -v m1="$(med 1 5)" -v m2="$(med 2 5)" -v m4="$(med 4 5)" \
    -v p1="$(med 1 6)" -v p2="$(med 2 6)" -v p4="$(med 4 6)" 'BEGIN {
      r1 = m2 / (m1 > 0 ? m1 : 0.001); r2 = m4 / (m2 > 0 ? m2 : 0.001)
      flag = (r1 > limit || r2 > limit) ? " **over**" : ""
      printf "| %s | %s | %s | %.1f | %.1f | %.1f | %.2f | %.2f%s | %s, %s, %s |\n", \
        shape, n, b, m1, m2, m4, r1, r2, flag, p1, p2, p4
    }')"
  echo "$line"
  case "$line" in *"**over**"*) slow=1 ;; esac
done
exit "$slow"
