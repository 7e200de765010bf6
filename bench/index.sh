#!/usr/bin/env bash
# Indexing throughput and query latency of newsdex on a large corpus.
#
# Builds a corpus from ../shared/corpora/reuters21578/reuters21578.jsonl
# repeated REPEAT times with distinct ids (10 times: 215,780 articles,
# about 251 MB), builds newsdex in release mode, indexes the corpus from
# scratch under /usr/bin/time -v, then runs the queries of
# bench/queries.txt and reports their latency: per process, and inside
# one process (search --queries --timings).
#
# Usage: bench/index.sh
# Environment:
#   BENCH_DIR         work directory (default /tmp/newsdex-bench)
#   REPEAT            copies of the corpus (default 10)
#   ROUNDS            runs of each query for latency (default 3)
#   CARGO_TARGET_DIR  where cargo builds (default: the repo's target/)
#
# Needs bash, python3 (standard library only), cargo, /usr/bin/time.
# Skips (exit 0) when ../shared is not there.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
source_file="$repo/../shared/corpora/reuters21578/reuters21578.jsonl"
if [[ ! -f $source_file ]]; then
    echo "bench: ../shared/corpora/reuters21578/reuters21578.jsonl not" \
        "found; skipping."
    exit 0
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "bench: /usr/bin/time is missing (apt-get install time)." >&2
    exit 2
fi

bench_dir=${BENCH_DIR:-/tmp/newsdex-bench}
repeat=${REPEAT:-10}
rounds=${ROUNDS:-3}
target=${CARGO_TARGET_DIR:-$repo/target}
queries="$repo/bench/queries.txt"
corpus="$bench_dir/reuters-x$repeat.jsonl"
index="$bench_dir/index"
mkdir -p "$bench_dir"

# 1. The corpus: each record once per copy, ids suffixed with the copy;
# newsdex keeps every record and groups the copies into stories.
if [[ ! -s $corpus ]]; then
    echo "bench: writing $corpus ($repeat copies)"
    python3 - "$source_file" "$corpus" "$repeat" <<'EOF'
import json, sys
src, dst, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, encoding="utf-8") as f:
    records = [json.loads(line) for line in f if line.strip()]
with open(dst + ".tmp", "w", encoding="utf-8") as out:
    for copy in range(repeat):
        for r in records:
            r = dict(r)
            r["id"] = f"{r.get('id', '')}-{copy}"
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
import os
os.replace(dst + ".tmp", dst)
EOF
fi
articles=$(wc -l < "$corpus")
bytes=$(wc -c < "$corpus")
# bench/opensearch.sh asks for the corpus alone.
if [[ -n ${CORPUS_ONLY:-} ]]; then
    exit 0
fi

# 2. The binary.
echo "bench: building newsdex (release) in $target"
(cd "$repo" && CARGO_TARGET_DIR="$target" cargo build --release --quiet)
bin="$target/release/newsdex"

# 3. Indexing.
echo "bench: indexing $articles articles ($((bytes / 1000000)) MB)"
rm -rf "$index"
/usr/bin/time -v "$bin" index --index "$index" --quiet "$corpus" \
    2> "$bench_dir/time.txt"
index_bytes=$(du -sb "$index" | cut -f1)
indexed=$("$bin" stats --index "$index" | awk '/^articles:/ {print $2}')
stories=$("$bin" stats --index "$index" | awk '/^stories:/ {print $2}')

# 4. Query latency, then the report.
python3 - "$bin" "$index" "$queries" "$rounds" "$articles" "$bytes" \
    "$index_bytes" "$bench_dir/time.txt" "$indexed" "$stories" <<'EOF'
import statistics, subprocess, sys, time
(binary, index, queries_file, rounds, articles, nbytes, index_bytes,
 time_file, indexed, stories) = sys.argv[1:]
rounds, articles = int(rounds), int(articles)
nbytes, index_bytes = int(nbytes), int(index_bytes)

def wall_seconds(text):
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:23.45"
    value = text.rsplit(": ", 1)[1].strip()
    secs = 0.0
    for part in value.split(":"):
        secs = secs * 60 + float(part)
    return secs

stats = {}
with open(time_file, encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line.startswith("Elapsed (wall clock)"):
            stats["wall"] = wall_seconds(line)
        elif line.startswith("Maximum resident set size"):
            stats["rss_kb"] = int(line.rsplit(":", 1)[1])
        elif line.startswith("User time"):
            stats["user"] = float(line.rsplit(":", 1)[1])
        elif line.startswith("System time"):
            stats["sys"] = float(line.rsplit(":", 1)[1])
        elif line.startswith("Exit status"):
            stats["status"] = int(line.rsplit(":", 1)[1])
if stats.get("status", 0) != 0:
    sys.exit(f"bench: indexing failed:\n{open(time_file).read()}")

with open(queries_file, encoding="utf-8") as f:
    queries = [q.strip() for q in f
               if q.strip() and not q.lstrip().startswith("#")]

def run(args):
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    # Exit 1 is "no results", not a failure.
    if done.returncode not in (0, 1):
        sys.exit(f"bench: {args} failed: {done.stderr.decode()}")
    return elapsed

def pct(values, p):
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))
    return values[k]

search = [binary, "search", "--index", index, "--color", "never"]
# Warm the page cache once.
for q in queries:
    run(search + [q])
startup = [run([binary, "--version"]) for _ in range(10)]
floor = [run(search + ["--no-facets", "-n", "0", "zzqqxx"])
         for _ in range(10)]
per_query = []
for _ in range(rounds):
    for q in queries:
        per_query.append(run(search + [q]))
batch = []
for _ in range(rounds):
    batch.append(run(search + ["--queries", queries_file]))
# In-process latency: what `--timings` reports for each query of one
# `search --queries` process (microseconds, a tab, the query).
inside = []
for _ in range(rounds):
    done = subprocess.run(search + ["--queries", queries_file, "--timings"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"bench: --timings run failed: {done.stderr}")
    for line in done.stderr.splitlines():
        micros, _, _query = line.partition("\t")
        inside.append(int(micros) / 1e6)

ms = lambda s: s * 1000
wall = stats["wall"]
print()
print(f"corpus      {articles} records, {nbytes / 1e6:.0f} MB "
      f"({indexed} records in the index, {stories} stories)")
print(f"index       {wall:.1f} s wall "
      f"(user {stats['user']:.1f} s, sys {stats['sys']:.1f} s)")
print(f"            {articles / wall:,.0f} records/s, "
      f"{nbytes / 1e6 / wall:.1f} MB/s")
print(f"            peak RSS {stats['rss_kb'] / 1024:.0f} MB, "
      f"index size {index_bytes / 1e6:.0f} MB")
print(f"queries     {len(queries)} queries x {rounds} rounds, "
      f"one process each (start + index open + query + facets):")
print(f"            median {ms(statistics.median(per_query)):.1f} ms, "
      f"p99 {ms(pct(per_query, 99)):.1f} ms, "
      f"max {ms(max(per_query)):.1f} ms")
print(f"            process start alone (--version): median "
      f"{ms(statistics.median(startup)):.1f} ms")
print(f"            start + index open + empty query: median "
      f"{ms(statistics.median(floor)):.1f} ms")
print(f"            --queries batch (one process, {len(queries)} queries):"
      f" {ms(min(batch) / len(queries)):.1f} ms per query on average")
print(f"            in-process (--timings), {len(inside)} runs: "
      f"median {ms(statistics.median(inside)):.2f} ms, "
      f"p99 {ms(pct(inside, 99)):.2f} ms, max {ms(max(inside)):.2f} ms")
EOF
