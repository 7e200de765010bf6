#!/usr/bin/env bash
# Latency of the explore commands (facets, timeline, related) on an
# existing index: runs each ROUNDS times, one process per run, and prints
# the median and the fastest run.
#
# Usage: bench/explore.sh [INDEX]
#   INDEX  the index directory (default: $BENCH_DIR/index, as
#          bench/index.sh builds it; BENCH_DIR defaults to
#          /tmp/newsdex-bench)
# Environment:
#   ROUNDS            runs of each command (default 7)
#   RELATED           the entity for `related` (default "Paul Volcker",
#                     who is in the Reuters benchmark corpus)
#   NEWSDEX           the binary to time (default: build it in release
#                     mode and use that)
#   CARGO_TARGET_DIR  where cargo builds (default: the repo's target/)
#
# Needs bash and python3 (standard library only).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bench_dir=${BENCH_DIR:-/tmp/newsdex-bench}
index=${1:-$bench_dir/index}
rounds=${ROUNDS:-7}
related=${RELATED:-Paul Volcker}
if [[ ! -d $index ]]; then
    echo "bench: no index at $index (build one with bench/index.sh)" >&2
    exit 2
fi
if [[ -n ${NEWSDEX:-} ]]; then
    bin=$NEWSDEX
else
    target=${CARGO_TARGET_DIR:-$repo/target}
    echo "bench: building newsdex (release) in $target"
    (cd "$repo" && CARGO_TARGET_DIR="$target" cargo build --release --quiet)
    bin="$target/release/newsdex"
fi

python3 - "$bin" "$index" "$rounds" "$related" <<'PY'
import statistics, subprocess, sys, time
binary, index, rounds, related = sys.argv[1:]
rounds = int(rounds)
commands = [
    ["--version"],
    ["search", "--no-facets", "-n", "0", "zzqqxx"],
    ["facets", "--field", "person"],
    ["facets", "--field", "org"],
    ["facets", "--field", "place"],
    ["facets", "--field", "place", "--under", "Europe"],
    ["timeline", "--by", "year"],
    ["timeline", "--by", "month"],
    ["related", related],
]

def run(args):
    start = time.perf_counter()
    done = subprocess.run([binary] + args, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"bench: {args} failed: {done.stderr.decode()}")
    return elapsed

print(f"{'median':>9} {'fastest':>9}  command ({rounds} runs each, "
      "one process per run)")
for args in commands:
    if args != ["--version"]:
        args = args[:1] + ["--index", index] + args[1:]
    run(args)  # warm the page cache
    times = [run(args) for _ in range(rounds)]
    label = " ".join(a if " " not in a else f'"{a}"' for a in args
                     if a != index and a != "--index")
    print(f"{statistics.median(times) * 1000:7.1f} ms "
          f"{min(times) * 1000:6.1f} ms  newsdex {label}")
PY
