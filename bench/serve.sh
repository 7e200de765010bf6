#!/usr/bin/env bash
# Throughput, latency and memory of `newsdex serve` under load: starts
# the server on an index, warms it up, then runs bench/load.rs (CLIENTS
# keep-alive connections sending the queries of bench/queries.txt as
# faceted searches, /api/v1/search?q=..., the default facets counted)
# for DURATION seconds, and reports requests/s, median, p90 and p99
# latency and the server's resident memory every 10 s.
#
# Usage: bench/serve.sh [INDEX]
#   INDEX  the index directory (default: $BENCH_DIR/index, as
#          bench/index.sh builds it; BENCH_DIR defaults to
#          /tmp/newsdex-bench)
# Environment:
#   CLIENTS           concurrent clients (default 16)
#   DURATION          seconds of measured load (default 180)
#   WARMUP            seconds of load before it, not measured (default 10)
#   PORT              loopback port of the server (default 7879)
#   WORKERS           the server's --workers (default: one per core)
#   SERVE_ARGS        more flags for newsdex serve, e.g. "--cache 0"
#   NEWSDEX           a newsdex binary to measure instead of building one
#                     (to compare two builds side by side)
#   CARGO_TARGET_DIR  where cargo builds (default: the repo's target/)
#
# Needs bash, cargo and rustc. Traffic goes to 127.0.0.1 only.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bench_dir=${BENCH_DIR:-/tmp/newsdex-bench}
index=${1:-$bench_dir/index}
clients=${CLIENTS:-16}
duration=${DURATION:-180}
warmup=${WARMUP:-10}
port=${PORT:-7879}
if [[ ! -d $index ]]; then
    echo "bench: no index at $index (build one with bench/index.sh)" >&2
    exit 2
fi
target=${CARGO_TARGET_DIR:-$repo/target}
if [[ -n ${NEWSDEX:-} ]]; then
    bin=$NEWSDEX
else
    echo "bench: building newsdex (release) in $target"
    (cd "$repo" && CARGO_TARGET_DIR="$target" cargo build --release \
        --quiet --bin newsdex)
    bin="$target/release/newsdex"
fi
load="$target/release/newsdex-load"
rustc -O --edition 2021 -o "$load" "$repo/bench/load.rs"

workers=()
if [[ -n ${WORKERS:-} ]]; then workers=(--workers "$WORKERS"); fi
# shellcheck disable=SC2206 # flags split on spaces on purpose
extra=(${SERVE_ARGS:-})
log=$(mktemp)
"$bin" serve --index "$index" --bind "127.0.0.1:$port" "${workers[@]}" \
    "${extra[@]}" 2> "$log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
    if grep -q "serving" "$log"; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then cat "$log" >&2; exit 2; fi
    sleep 0.1
done
echo "bench: $(head -1 "$log")"
echo "bench: $(nproc) cores; warming up for $warmup s"
"$load" --addr "127.0.0.1:$port" --queries "$repo/bench/queries.txt" \
    --clients "$clients" --seconds "$warmup" > /dev/null 2>&1
echo "bench: $clients clients for $duration s"
"$load" --addr "127.0.0.1:$port" --queries "$repo/bench/queries.txt" \
    --clients "$clients" --seconds "$duration" --pid "$server"
