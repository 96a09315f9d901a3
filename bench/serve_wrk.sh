#!/usr/bin/env bash
# Throughput of `jiayuan serve` on one page, with wrk: keep-alive and `Connection: close` over
# CONNECTIONS connections, and keep-alive over a single connection (one request at a time).
#
#   bash bench/serve_wrk.sh                      # builds target/release/jiayuan, 3 runs each
#   JIAYUAN=/tmp/old/jiayuan bash bench/serve_wrk.sh   # another binary (e.g. one built from main)
#
# Environment: RUNS (default 3, at least 3), DURATION (default 10s), CONNECTIONS (default 50),
# PAGE (default /news/). The demo site is copied to bench/out/serve-site and served from there
# on a free loopback port; wrk (Debian's `wrk`, installed if missing) sends all traffic to
# 127.0.0.1 only. Prints each run's requests/s and the median of each mode.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-50}"
PAGE="${PAGE:-/news/}"
[ "$RUNS" -ge 3 ] || { echo "serve_wrk.sh: RUNS must be at least 3" >&2; exit 2; }
log() { echo "[bench] $*" >&2; }

if ! command -v wrk >/dev/null; then
  log "installing wrk with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
# shellcheck source=bench/release_binary.sh
source "$ROOT/bench/release_binary.sh"
release_binary "$ROOT" "$OUT"

SITE="$OUT/serve-site"
rm -rf "$SITE"
mkdir -p "$SITE"
for f in site.toml content themes quiz; do
  [ -e "$ROOT/$f" ] && cp -r "$ROOT/$f" "$SITE/"
done
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$JIAYUAN" --root "$SITE" serve --port "$PORT" >"$OUT/serve.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT$PAGE" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT$PAGE" || { log "server did not answer; see $OUT/serve.log"; exit 1; }

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run_mode() { # $1 = label, $2 = connections, rest = extra wrk args
  local label="$1" conns="$2"; shift 2
  local rates=()
  for i in $(seq 1 "$RUNS"); do
    local r
    r="$(wrk -t"$((conns < 2 ? 1 : 2))" -c"$conns" -d"$DURATION" "$@" "http://127.0.0.1:$PORT$PAGE" \
      | awk '/Requests\/sec/ {print $2}')"
    log "$label run $i: $r req/s"
    rates+=("$r")
  done
  printf '%s\n' "${rates[@]}" | median
}
keep="$(run_mode keep-alive "$CONNECTIONS")"
close="$(run_mode close "$CONNECTIONS" -H 'Connection: close')"
one="$(run_mode one-connection 1)"
echo "| binary | page | -c$CONNECTIONS keep-alive | -c$CONNECTIONS Connection: close | -c1 keep-alive |"
echo "|---|---|---|---|---|"
echo "| $JIAYUAN | $PAGE | $keep | $close | $one |"
echo "(requests/s, median of $RUNS runs of $DURATION each)"
