#!/usr/bin/env bash
# The same corpus and queries on the local index and on one local
# OpenSearch node, side by side in one run:
#
# 1. the Reuters corpus of bench/index.sh (REPEAT copies; 10: 215,780
#    records), written by bench/index.sh when missing;
# 2. `newsdex index` of it from scratch, timed;
# 3. a node started with scripts/opensearch.sh on port 9260 (heap
#    NEWSDEX_OS_HEAP, default 512m), the index deleted, `newsdex push`
#    of the same file, timed;
# 4. every query of bench/queries.txt, ROUNDS times, as one `newsdex
#    search` process on the local index and one with --engine (each
#    process opens its archive: for the cluster, that includes reading
#    the entity vocabulary from its aggregations), median and p99 of
#    each, then per query the medians side by side; and the average per
#    query of one `search --queries bench/queries.txt` process on each
#    (the archive opened once).
#
# Usage: bench/opensearch.sh
# Environment: BENCH_DIR (default /tmp/newsdex-bench), REPEAT (10),
# ROUNDS (3), NEWSDEX_OS_HEAP (512m), KEEP_NODE=1 to leave the node up,
# SKIP_LOAD=1 to time the queries alone on what an earlier run loaded
# (the node keeps its data under .opensearch/node-9260).
# Needs what bench/index.sh and scripts/opensearch.sh need.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bench_dir=${BENCH_DIR:-/tmp/newsdex-bench}
repeat=${REPEAT:-10}
rounds=${ROUNDS:-3}
port=9260
corpus="$bench_dir/reuters-x$repeat.jsonl"
index="$bench_dir/index-local"
url="http://127.0.0.1:$port/bench"

if [[ ! -s $corpus ]]; then
    CORPUS_ONLY=1 BENCH_DIR="$bench_dir" REPEAT="$repeat" "$repo/bench/index.sh"
fi
[[ -s $corpus ]] || { echo "bench: no corpus (../shared missing?)"; exit 0; }

echo "bench: building newsdex (release)"
(cd "$repo" && cargo build --release --quiet)
bin="$repo/target/release/newsdex"

"$repo/scripts/opensearch.sh" start "$port"
if [[ -z ${KEEP_NODE:-} ]]; then
    trap '"$repo/scripts/opensearch.sh" stop "$port"' EXIT
fi

seconds() {
    local start end
    start=$(date +%s.%N)
    "$@"
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.1f}')"
}

if [[ -n ${SKIP_LOAD:-} ]]; then
    index_s=0 push_s=0
else
    echo "bench: newsdex index"
    rm -rf "$index"
    index_s=$(seconds "$bin" index --index "$index" --quiet "$corpus")
    echo "bench: newsdex push"
    curl -fsS -X DELETE "http://127.0.0.1:$port/bench" >/dev/null 2>&1 || true
    push_s=$(seconds "$bin" push --quiet "$url" "$corpus")
fi
articles=$(wc -l < "$corpus")
local_n=$("$bin" --index "$index" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
engine_n=$("$bin" --engine "$url" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')

python3 - "$bin" "$index" "$url" "$repo/bench/queries.txt" "$rounds" \
    "$articles" "$index_s" "$push_s" "$local_n" "$engine_n" <<'PY'
import statistics, subprocess, sys, time
(binary, index, url, queries_file, rounds, articles, index_s, push_s,
 local_n, engine_n) = sys.argv[1:]
rounds, articles = int(rounds), int(articles)
index_s, push_s = float(index_s), float(push_s)
with open(queries_file, encoding="utf-8") as f:
    queries = [q.strip() for q in f if q.strip() and not q.lstrip().startswith("#")]

def run(args):
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode not in (0, 1):
        sys.exit(f"bench: {args} failed: {done.stderr.decode()}")
    return time.perf_counter() - start

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]

local = [binary, "--index", index, "search", "--color", "never"]
engine = [binary, "--engine", url, "search", "--color", "never"]
for q in queries:  # warm both
    run(local + [q]); run(engine + [q])
times = {"local": {q: [] for q in queries}, "engine": {q: [] for q in queries}}
for _ in range(rounds):
    for q in queries:
        times["local"][q].append(run(local + [q]))
        times["engine"][q].append(run(engine + [q]))
ms = lambda s: s * 1000
print()
print(f"corpus   {articles} records; local index {local_n} articles, cluster {engine_n}")
if index_s and push_s:
    print(f"load     newsdex index: {index_s:.1f} s ({articles / index_s:,.0f} records/s)")
    print(f"         newsdex push (1 node, 1 shard, 0 replicas): {push_s:.1f} s ({articles / push_s:,.0f} records/s)")
for name in ("local", "engine"):
    all_ = [t for ts in times[name].values() for t in ts]
    print(f"search   {name:6}: {len(queries)} queries x {rounds}, one process each: "
          f"median {ms(statistics.median(all_)):.1f} ms, p99 {ms(pct(all_, 99)):.1f} ms")
for name, cmd in (("local", local), ("engine", engine)):
    batch = min(run(cmd + ["--queries", queries_file]) for _ in range(rounds))
    print(f"batch    {name:6}: one --queries process of {len(queries)} queries: "
          f"{ms(batch / len(queries)):.1f} ms per query on average")
print()
print("median ms  local  engine  query")
for q in queries:
    print(f"          {ms(statistics.median(times['local'][q])):6.1f} "
          f"{ms(statistics.median(times['engine'][q])):7.1f}  {q}")
PY
