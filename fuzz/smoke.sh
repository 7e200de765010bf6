#!/usr/bin/env bash
# A short run of every fuzz target, as CI does it (`.ci/run`): each
# target replays its seeds (fuzz/seeds/TARGET) and then mutates them
# for RUNS inputs (default 2000) from a fixed random seed, so that a
# commit passes or fails the same way every time; new inputs go to a
# temporary folder, never into the repository. A crash or an input
# slower than 10 s fails, and libFuzzer prints the input to reproduce
# it (fuzz/artifacts/TARGET/).
#
# Installs what it needs when missing: a nightly toolchain (rustup) and
# cargo-fuzz at the version pinned below (crates.io).
#
#   fuzz/smoke.sh              every target
#   fuzz/smoke.sh query html   those targets
#   RUNS=20000 fuzz/smoke.sh   longer
set -euo pipefail
cd "$(dirname "$0")/.."

# The cargo-fuzz this was written against; a newer one may change its
# flags or layout.
cargo_fuzz_version=0.13.2
toolchain="${FUZZ_TOOLCHAIN:-nightly}"
runs="${RUNS:-2000}"

if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
    rustup toolchain install "$toolchain" --profile minimal
fi
if ! cargo fuzz --version 2>/dev/null | grep -qx "cargo-fuzz $cargo_fuzz_version"; then
    cargo install cargo-fuzz --version "$cargo_fuzz_version" --locked
fi

targets=("$@")
if [[ ${#targets[@]} == 0 ]]; then
    mapfile -t targets < <(cargo "+$toolchain" fuzz list)
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for target in "${targets[@]}"; do
    mkdir -p "$scratch/$target"
    log="$scratch/$target.log"
    if ! cargo "+$toolchain" fuzz run "$target" \
        "$scratch/$target" "fuzz/seeds/$target" -- \
        -runs="$runs" -seed=1 -timeout=10 -max_total_time=120 \
        -print_final_stats=1 >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "fuzz smoke: $target FAILED" >&2
        exit 1
    fi
    execs=$(awk '/number_of_executed_units/ { print $2 }' "$log")
    echo "fuzz smoke: $target ok, $execs inputs"
done
