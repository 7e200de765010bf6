#!/usr/bin/env bash
# Two OpenSearch nodes on 127.0.0.1, the sample corpus on them with two
# primary shards and one replica each, and one node lost:
#
#   scripts/opensearch-cluster.sh            run the whole demonstration
#   scripts/opensearch-cluster.sh stop       stop both nodes
#
# Steps (each printed as it runs):
#   1. start nodes on HTTP ports 9301 and 9302 (transport 9401, 9402),
#      one cluster: 9301 its cluster manager and a data node, 9302 a
#      data node;
#   2. `newsdex push` the sample corpus into index `pair` with
#      --shards 2 --replicas 1, and wait for green health;
#   3. `newsdex --engine ... search '*'` and a facet count: the answers;
#   4. stop the second node; the same search and facets again, compared
#      with the answers of step 3 (searches still answered in full);
#   5. `newsdex push` again while the node is down (it may be refused or
#      retried while the cluster has no manager), start the node again,
#      and check that the push finishes and the index still holds the
#      same 48 articles (a push is idempotent by article id).
#
# Exits 0 when every check holds. Needs what scripts/opensearch.sh
# needs, and a built newsdex (cargo build --release).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
os="$here/scripts/opensearch.sh"
newsdex="${NEWSDEX:-$here/target/release/newsdex}"
[ -x "$newsdex" ] || newsdex="$here/target/debug/newsdex"
a=9301 b=9302
url="http://127.0.0.1:$a/pair"
export NEWSDEX_OS_CLUSTER=newsdex-pair
export NEWSDEX_OS_SEEDS="127.0.0.1:$((a + 100)),127.0.0.1:$((b + 100))"
# One cluster manager (node a) and a data node (b): losing b leaves the
# cluster its manager, and its shards' copies on a answer. (Two
# manager-eligible nodes cannot lose either: the one left is no
# majority of the voting configuration.)
export NEWSDEX_OS_MANAGERS="node-$a"
export NEWSDEX_OS_HOME="${NEWSDEX_OS_HOME:-$here/.opensearch/pair}"
# The shared distribution is reused from the single-node harness.
mkdir -p "$NEWSDEX_OS_HOME"

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAILED: $*"; exit 1; }

if [ "${1:-}" = stop ]; then
    "$os" stop "$a"; "$os" stop "$b"
    exit 0
fi

health() {
    for _ in $(seq 1 120); do
        "$os" status "$a" && break
        sleep 1
    done
    curl -fsS "http://127.0.0.1:$a/_cluster/health?wait_for_status=$1&wait_for_nodes=$2&timeout=120s" \
        | sed 's/.*"status":"\([a-z]*\)".*"number_of_nodes":\([0-9]*\).*/status \1, nodes \2/'
    echo
}

answers() {
    "$newsdex" --engine "$url" search '*' -n 1000 --json --no-facets \
        | jq -c '[.total, ([.hits[].id] | sort | length)]'
    "$newsdex" --engine "$url" facets --field place --json | jq -c '.values'
}

step "1. two nodes"
NEWSDEX_OS_NOWAIT=1 "$os" start "$a"
NEWSDEX_OS_NOWAIT=1 NEWSDEX_OS_ROLES=data,ingest "$os" start "$b"
health yellow 2

step "2. push with 2 primaries and 1 replica"
curl -fsS -X DELETE "$url" >/dev/null 2>&1 || true
"$newsdex" push "$url" "$here/sample_corpus" --shards 2 --replicas 1
health green 2
curl -fsS "http://127.0.0.1:$a/_cat/shards/pair?v"

step "3. answers with both nodes"
before="$(answers)"
echo "$before"

step "4. node $b stopped"
"$os" stop "$b"
curl -fsS "http://127.0.0.1:$a/_cluster/health?timeout=5s" | jq -c '{status, number_of_nodes}' || true
after="$(answers)"
echo "$after"
[ "$before" = "$after" ] || fail "the answers changed with one node down"
echo "same answers with one node down"

step "5. push while node $b is down, then bring it back"
"$newsdex" push "$url" "$here/sample_corpus" >"$NEWSDEX_OS_HOME/push.log" 2>&1 &
pushing=$!
sleep 5
NEWSDEX_OS_ROLES=data,ingest "$os" start "$b"
wait "$pushing" || { cat "$NEWSDEX_OS_HOME/push.log"; fail "push did not finish"; }
cat "$NEWSDEX_OS_HOME/push.log"
health green 2
count="$(curl -fsS "$url/_count" | jq .count)"
echo "articles in the index: $count"
[ "$count" = 48 ] || fail "expected 48 articles, found $count"
[ "$(answers)" = "$before" ] || fail "the answers changed after the push"
echo "OK: searches answered in full with a node down; push finished after it came back"
