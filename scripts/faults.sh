#!/usr/bin/env bash
# scripts/faults.sh: faults injected into `newsdex index`, and what the
# index is like after each.
#
# Usage:
#   scripts/faults.sh [CASE...]      all cases, or the ones named
#   NEWSDEX=path/to/newsdex scripts/faults.sh   that binary (default:
#                                    target/release/newsdex, built here)
#   FAULTS_DIR=/scratch/f scripts/faults.sh     work files (default:
#                                    a new folder under $TMPDIR or /tmp)
#
# Each case starts from a new index folder and injects one fault:
#
# - kills (SIGKILL) at a chosen system call, with strace's syscall
#   tampering (`strace -f -P FILE -e inject=SYSCALL:signal=KILL:when=N`
#   kills the process the Nth time it makes SYSCALL on FILE): while a
#   first run creates the index (its creation sentinel, its marker, the
#   first `meta.json`, the second fsync of a thread, the manifest, the
#   saved vocabulary), while a second
#   run commits (`meta.json` renamed, the Nth fsync), while `--rebuild`
#   deletes the old index (the marker, the Nth unlink);
# - a deleted marker file (`newsdex-index.json`), which `index` refuses
#   with the way out and `--rebuild` removes;
# - a full disk (a small tmpfs; needs root, skipped with a message
#   otherwise): at creation, during a first run, during a second run
#   whose index must stay at its last commit. The error must say "the
#   disk is full"; the tmpfs is then made larger (as freeing space
#   would) and the same command run again.
#
# After the fault it checks that the fault happened (the run was killed,
# or failed), then that a later run of the same `newsdex index` command
# succeeds, that `newsdex check` finds the index sound, that the
# article count is the corpus's, and that `--rebuild` works and gives
# the same count. One line per case, PASS or FAIL with what failed;
# exit status 1 when a case failed.
#
# Needs strace; as root it is installed with apt-get when missing.
set -uo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$repo/sample_corpus"
corpus_articles=48
work="${FAULTS_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/newsdex-faults.XXXXXX")}"
mkdir -p "$work"

if [[ -z "${NEWSDEX:-}" ]]; then
    (cd "$repo" && cargo build --release --quiet) || exit 2
    NEWSDEX="$repo/target/release/newsdex"
fi

if ! command -v strace >/dev/null; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        apt-get install -y strace >/dev/null 2>&1 \
            || { apt-get update >/dev/null 2>&1 \
                && apt-get install -y strace >/dev/null 2>&1; }
    fi
    command -v strace >/dev/null \
        || { echo "faults.sh: strace is needed (apt-get install strace)" >&2; exit 2; }
fi

failed=0
passed=0
skipped=0
case_dir=""
disk=""
idx=""
log=""
problems=()

ndx() { "$NEWSDEX" --index "$idx" "$@"; }

# The number of articles in the index ("articles: N" of `stats`).
articles() { ndx stats 2>/dev/null | awk '/^articles:/ { print $2 }'; }

problem() { problems+=("$1"); }

# A new folder for case $1; the index in it.
start() {
    case_dir="$work/$1"
    rm -rf "$case_dir"
    mkdir -p "$case_dir"
    idx="$case_dir/index"
    log="$case_dir/log"
    problems=()
}

# Runs `newsdex index ARGS...` under strace, killed at the fault
# `strace ARGS` (before `--`) describe; notes a problem when it was not
# killed.
killed_at() {
    local strace_args=()
    while [[ "$1" != "--" ]]; do strace_args+=("$1"); shift; done
    shift
    # In a subshell whose stderr is dropped: bash says "Killed" there.
    (strace -f -o /dev/null "${strace_args[@]}" \
        "$NEWSDEX" --index "$idx" index -q "$@" >>"$log" 2>&1; exit $?) \
        2>/dev/null
    local code=$?
    [[ $code == 137 ]] || problem "the fault did not happen (exit $code)"
}

# Same command again: succeeds, the index checks sound, the count is
# $1; then --rebuild, check and count again.
recovers() {
    local want="$1"; shift
    ndx index -q "$@" >>"$log" 2>&1 || problem "index again failed"
    verify "$want" "after the same command"
    ndx index -q --rebuild "$@" >>"$log" 2>&1 || problem "--rebuild failed"
    verify "$want" "after --rebuild"
}

# The index checks sound and holds $1 articles.
verify() {
    ndx check >>"$log" 2>&1 || problem "check failed $2"
    local n
    n="$(articles)"
    [[ "$n" == "$1" ]] || problem "$n articles $2, not $1"
}

# Ends case $1: PASS, or FAIL with its problems and log.
finish() {
    if [[ ${#problems[@]} == 0 ]]; then
        echo "PASS $1"
        passed=$((passed + 1))
    else
        local IFS=';'
        echo "FAIL $1: ${problems[*]} (log: $log)"
        failed=$((failed + 1))
    fi
}

skip() {
    echo "SKIP $1: $2"
    skipped=$((skipped + 1))
}

# A copy of the corpus whose files are newer than the index: a second
# run reads them all again.
touched_corpus() {
    cp -r "$corpus" "$case_dir/corpus"
    ndx index -q "$case_dir/corpus" >>"$log" 2>&1 || problem "first run failed"
    sleep 1
    touch "$case_dir"/corpus/*
}

# A first run of the sample corpus killed at the fault `strace ARGS`
# describe, then recovers.
first_run() {
    killed_at "$@" -- "$corpus"
    recovers $corpus_articles "$corpus"
}

# A second run (every file changed) killed at the fault, with `index
# ARGS` after `--` when given; then recovers.
second_run() {
    touched_corpus
    local strace_args=()
    while [[ $# -gt 0 && "$1" != "--" ]]; do strace_args+=("$1"); shift; done
    [[ $# -gt 0 ]] && shift
    killed_at "${strace_args[@]}" -- "$@" "$case_dir/corpus"
    recovers $corpus_articles "$case_dir/corpus"
}

# Sets `fault` to the strace arguments that kill at the Nth (default
# first) open, rename or unlink of the path $1 (relative to the index),
# or at the Nth fsync or unlink of any file.
fault=()
renames=rename,renameat,renameat2
at_open() { fault=(-P "$idx/$1" -e trace=openat -e inject=openat:signal=KILL); }
at_rename() {
    fault=(-P "$idx/$1" -e trace=$renames
        -e "inject=$renames:signal=KILL:when=${2:-1}")
}
at_unlink() {
    fault=(-P "$idx/$1" -e trace=unlink,unlinkat
        -e inject=unlink,unlinkat:signal=KILL)
}
at_fsync() {
    fault=(-e trace=fsync,fdatasync
        -e "inject=fsync,fdatasync:signal=KILL:when=$1")
}
at_any_unlink() {
    fault=(-e trace=unlink,unlinkat
        -e "inject=unlink,unlinkat:signal=KILL:when=$1")
}

# std::fs::rename is `rename`, which `strace -P` matches by its first
# path: the temporary file renamed onto the marker (or manifest, or
# saved vocabulary). tantivy's `renameat` onto meta.json is matched by
# its target. strace counts `when` per thread: the first run's commit
# is another thread's first rename of meta.json, so the first run is
# killed in its writing by an fsync instead.
case_first_run_sentinel() { at_open newsdex-index.creating; first_run "${fault[@]}"; }
case_first_run_marker_write() { at_open newsdex-index.json.partial; first_run "${fault[@]}"; }
case_first_run_marker_rename() { at_rename newsdex-index.json.partial; first_run "${fault[@]}"; }
case_first_run_created_meta() { at_rename meta.json; first_run "${fault[@]}"; }
case_first_run_fsync() { at_fsync 2; first_run "${fault[@]}"; }
case_first_run_manifest() { at_rename newsdex-files.json.tmp; first_run "${fault[@]}"; }
case_first_run_vocabulary() { at_rename newsdex-vocab.bin.tmp; first_run "${fault[@]}"; }
# The issue's reproducer: a second run killed as it renames meta.json.
case_second_run_commit() { at_rename meta.json; second_run "${fault[@]}"; }
case_second_run_fsync() { at_fsync 3; second_run "${fault[@]}"; }
case_rebuild_marker_unlink() {
    at_unlink newsdex-index.json
    second_run "${fault[@]}" -- --rebuild
}
case_rebuild_mid_delete() { at_any_unlink 8; second_run "${fault[@]}" -- --rebuild; }

case_deleted_marker() {
    ndx index -q "$corpus" >>"$log" 2>&1 || problem "first run failed"
    rm "$idx/newsdex-index.json"
    if ndx index -q "$corpus" >>"$log" 2>&1; then
        problem "index of a folder without its marker succeeded"
    fi
    grep -q "index --rebuild" "$log" || problem "no --rebuild advice"
    ndx index -q --rebuild "$corpus" >>"$log" 2>&1 || problem "--rebuild failed"
    verify $corpus_articles "after --rebuild"
}

# A corpus of $1 articles of 2 KB each, in one JSON Lines file.
big_corpus() {
    awk -v n="$1" 'BEGIN {
        srand(17)
        for (i = 1; i <= n; i++) {
            body = ""
            for (w = 0; w < 300; w++) body = body sprintf(" w%x", int(rand() * 65536))
            printf "{\"id\":\"a%d\",\"title\":\"Story %d\",\"body\":\"%s\"}\n", i, i, body
        }
    }' > "$case_dir/big.jsonl"
}

# Mounts a tmpfs of size $1 at the case's disk/ and puts the index on
# it.
small_disk() {
    disk="$case_dir/disk"
    mkdir -p "$disk"
    mount -t tmpfs -o "size=$1" newsdex-faults "$disk" 2>>"$log" || return 1
    idx="$disk/index"
}

# The run failed saying the disk is full, and the index is not damaged.
said_disk_full() {
    grep -q "the disk is full" "$log" || problem "no 'the disk is full'"
}

# As freeing space would: the tmpfs made larger.
more_space() {
    mount -o remount,size=256m "$disk" 2>>"$log" || problem "remount failed"
}

# Whether a tmpfs can be mounted here (root, and allowed to mount).
can_mount() {
    [[ "$(id -u)" == 0 ]] || return 1
    mkdir -p "$work/probe"
    mount -t tmpfs -o size=1m newsdex-faults "$work/probe" 2>/dev/null \
        || return 1
    umount "$work/probe"
}

case_disk_full_at_creation() {
    small_disk 16k || { problem "cannot mount a tmpfs"; return; }
    if ndx index -q "$corpus" >>"$log" 2>&1; then
        problem "indexing into 16 KiB succeeded"
    fi
    said_disk_full
    more_space
    recovers $corpus_articles "$corpus"
    umount "$disk"
}

case_disk_full_first_run() {
    big_corpus 3000
    small_disk 2m || { problem "cannot mount a tmpfs"; return; }
    if ndx index -q "$case_dir/big.jsonl" >>"$log" 2>&1; then
        problem "indexing into 2 MiB succeeded"
    fi
    said_disk_full
    more_space
    recovers 3000 "$case_dir/big.jsonl"
    umount "$disk"
}

case_disk_full_second_run() {
    big_corpus 3000
    small_disk 256m || { problem "cannot mount a tmpfs"; return; }
    ndx index -q "$corpus" >>"$log" 2>&1 || problem "first run failed"
    # Leaves about 1 MiB free.
    local free
    free=$(df -k --output=avail "$disk" | tail -1)
    fallocate -l "$(( (free - 1024) * 1024 ))" "$disk/filler" 2>>"$log" \
        || problem "cannot fill the disk"
    if ndx index -q "$corpus" "$case_dir/big.jsonl" >>"$log" 2>&1; then
        problem "indexing into a full disk succeeded"
    fi
    said_disk_full
    rm -f "$disk/filler"
    # Intact at its last commit: the first run's articles.
    ndx check >>"$log" 2>&1 || problem "check failed after the full disk"
    local n
    n="$(articles)"
    [[ "$n" -ge $corpus_articles ]] || problem "$n articles after the full disk"
    recovers $((corpus_articles + 3000)) "$corpus" "$case_dir/big.jsonl"
    umount "$disk"
}

all_cases=(
    first_run_sentinel first_run_marker_write first_run_marker_rename
    first_run_created_meta first_run_fsync first_run_manifest
    first_run_vocabulary second_run_commit second_run_fsync
    rebuild_marker_unlink rebuild_mid_delete deleted_marker
    disk_full_at_creation disk_full_first_run disk_full_second_run
)
cases=("$@")
[[ ${#cases[@]} == 0 ]] && cases=("${all_cases[@]}")

echo "newsdex: $NEWSDEX; work files: $work"
for c in "${cases[@]}"; do
    name="${c//_/-}"
    if ! declare -F "case_$c" >/dev/null; then
        echo "faults.sh: no case $c (cases: ${all_cases[*]})" >&2
        exit 2
    fi
    if [[ "$c" == disk_full_* ]] && ! can_mount; then
        skip "$name" "mounting a tmpfs needs root (and a system that allows it)"
        continue
    fi
    start "$name"
    "case_$c"
    finish "$name"
done
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed == 0 ]]
