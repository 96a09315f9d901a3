#!/usr/bin/env bash
# Province-day simulation of the contest server (issue 9), on SQLite and on PostgreSQL:
# 13 cities × PER_CITY participants, each registering, drawing a paper, saving 20 answers one
# request at a time and submitting, CONCURRENCY participants at once, against
# `jiayuan contest serve` on loopback. Server and load share this machine's cores.
# Prints one JSON line per run and the medians of RUNS runs per backend.
#
# usage: bash bench/contest_bench.sh [PER_CITY=200] [CONCURRENCY=64] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
PER_CITY=${1:-200}
CONC=${2:-64}
RUNS=${3:-3}
cargo build --release -q -p jiayuan
cargo build --release -q -p contest-server --example province_day
BIN=target/release/jiayuan
LOAD=target/release/examples/province_day
PG_ADMIN=${JIAYUAN_TEST_POSTGRES:-$(bash .ci/postgres.sh)}
out=$(mktemp)
for backend in sqlite postgres; do
  for run in $(seq 1 "$RUNS"); do
    tmp=$(mktemp -d)
    if [ "$backend" = sqlite ]; then
      db="$tmp/contest.db"
    else
      name="jiayuan_bench_$$_$run"
      psql -q "$PG_ADMIN" -c "CREATE DATABASE $name" >/dev/null
      db="${PG_ADMIN%/*}/$name"
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "$BIN" contest serve --db "$db" --listen "127.0.0.1:$port" --ip-rate 0 --token-rate 0 --pool 16 2>/dev/null &
    pid=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/consent" >/dev/null && break; sleep 0.1; done
    line=$("$LOAD" "http://127.0.0.1:$port" "$PER_CITY" "$CONC")
    echo "{\"backend\":\"$backend\",\"run\":$run,${line#\{}" | tee -a "$out"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    [ "$backend" = postgres ] && psql -q "$PG_ADMIN" -c "DROP DATABASE $name" >/dev/null
    rm -rf "$tmp"
  done
done
python3 - "$out" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
keys = ["answers_per_s", "submits_per_s", "answer_p50_ms", "answer_p99_ms", "submit_p50_ms", "submit_p99_ms", "errors", "seconds"]
for backend in ("sqlite", "postgres"):
    rs = [r for r in runs if r["backend"] == backend]
    med = {k: statistics.median(r[k] for r in rs) for k in keys}
    print(f"median of {len(rs)} {backend}: " + json.dumps(med, ensure_ascii=False))
PY
rm -f "$out"
