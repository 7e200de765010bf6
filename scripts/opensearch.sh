#!/usr/bin/env bash
# A local OpenSearch node for newsdex's tests, benchmarks and demos.
#
#   scripts/opensearch.sh start  [PORT]   fetch (once), unpack (once), start, wait for health
#   scripts/opensearch.sh stop   [PORT]   stop the node of PORT
#   scripts/opensearch.sh status [PORT]   exit 0 when a node answers on PORT
#
# PORT defaults to 9200 (NEWSDEX_OS_PORT). The node listens on 127.0.0.1
# only, single-node discovery unless NEWSDEX_OS_SEEDS names other nodes'
# transport ports (scripts/opensearch-cluster.sh does; NEWSDEX_OS_ROLES
# then gives a node's roles, e.g. data,ingest), with a heap of
# 512 MB (NEWSDEX_OS_HEAP). OpenSearch refuses to run as root: when
# started as root, the node runs as the user newsdex-os, created if
# missing. The distribution is OpenSearch's integ-test zip from Maven
# Central, fetched with Maven's dependency plugin into ~/.m2 and checked
# against the SHA-256 below; it is unpacked and the node's data kept
# under NEWSDEX_OS_HOME (default: .opensearch in the repository,
# ignored by git). Every step is skipped when already done, so running
# `start` twice leaves one node.
#
# Needs Java 17 or later (OpenSearch 2.19), Maven and unzip: on Debian,
# `apt-get install openjdk-17-jre-headless maven unzip`.
set -euo pipefail

VERSION=2.19.6
SHA256=71d6d8b1c637f3faecda0752b184b1cc526fc6eaad59ec1408c6327bb00b9293
ARTIFACT=org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip
# The integ-test zip has no analysis-common module (the English
# analyzer); Maven Central has its jar, which becomes a module below.
ANALYSIS=org.opensearch.plugin:analysis-common:$VERSION
ANALYSIS_SHA256=187378844d92a043b935038f9ae168f7812f686b1c1c7128f8b97731baff8a1a
USER_NAME=newsdex-os

here="$(cd "$(dirname "$0")/.." && pwd)"
home="${NEWSDEX_OS_HOME:-$here/.opensearch}"
cmd="${1:-status}"
port="${2:-${NEWSDEX_OS_PORT:-9200}}"
transport=$((port + 100))
node="$home/node-$port"
dist="$home/opensearch-$VERSION"

say() { echo "opensearch.sh: $*" >&2; }
die() { say "$*"; exit 2; }

up() {
    curl -fsS "http://127.0.0.1:$port/_cluster/health" >/dev/null 2>&1
}

need() {
    command -v "$1" >/dev/null 2>&1 || die "$1 is missing: $2"
}

# Fetches ARTIFACT into ~/.m2 unless there, checks its SHA-256.
get() {
    local artifact="$1" file="$2" sha="$3"
    if [ ! -f "$file" ]; then
        need mvn "install Maven (apt-get install maven)"
        say "fetching $artifact from Maven Central"
        mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
            -Dartifact="$artifact" -Dtransitive=false >&2 \
            || die "maven could not fetch $artifact"
    fi
    echo "$sha  $file" | sha256sum -c --quiet - >&2 \
        || die "$file does not have the pinned SHA-256 $sha"
}

fetch() {
    local m2="$HOME/.m2/repository/org/opensearch"
    local zip="$m2/distribution/integ-test-zip/opensearch/$VERSION/opensearch-$VERSION.zip"
    local jar="$m2/plugin/analysis-common/$VERSION/analysis-common-$VERSION.jar"
    get "$ARTIFACT" "$zip" "$SHA256"
    get "$ANALYSIS" "$jar" "$ANALYSIS_SHA256"
    if [ ! -x "$dist/bin/opensearch" ]; then
        need unzip "install unzip (apt-get install unzip)"
        mkdir -p "$home"
        rm -rf "$home/unpack.tmp"
        unzip -q "$zip" -d "$home/unpack.tmp"
        local mod="$home/unpack.tmp/opensearch-$VERSION/modules/analysis-common"
        mkdir -p "$mod"
        cp "$jar" "$mod/"
        cat >"$mod/plugin-descriptor.properties" <<PROPS
description=Adds "built in" analyzers to OpenSearch.
version=$VERSION
name=analysis-common
classname=org.opensearch.analysis.common.CommonAnalysisPlugin
java.version=11
opensearch.version=$VERSION
custom.foldername=
extended.plugins=
has.native.controller=false
PROPS
        mv "$home/unpack.tmp/opensearch-$VERSION" "$dist"
        rmdir "$home/unpack.tmp"
    fi
}

start() {
    if up; then
        say "a node already answers on 127.0.0.1:$port"
        return 0
    fi
    if [ -f "$node/pid" ] && kill -0 "$(cat "$node/pid")" 2>/dev/null; then
        say "the node of port $port is starting already"
        [ -n "${NEWSDEX_OS_NOWAIT:-}" ] && return 0
        wait_up
        return
    fi
    need java "install Java 17 or later (apt-get install openjdk-17-jre-headless)"
    need curl "install curl"
    fetch
    # Each node gets its own copy of the configuration: the node writes
    # its keystore there.
    mkdir -p "$node/data" "$node/logs"
    if [ ! -f "$node/config/jvm.options" ]; then
        rm -rf "$node/config"
        cp -r "$dist/config" "$node/config.tmp"
        # GC logs, heap dumps and crash files go to the node's folder,
        # not the distribution's (which the node's user cannot write).
        sed -i -e "s#logs/#$node/logs/#g" \
            -e "s#HeapDumpPath=data#HeapDumpPath=$node/data#" \
            "$node/config.tmp/jvm.options"
        mv "$node/config.tmp" "$node/config"
    fi
    local run=()
    if [ "$(id -u)" = 0 ]; then
        id "$USER_NAME" >/dev/null 2>&1 \
            || useradd --system --no-create-home --shell /usr/sbin/nologin "$USER_NAME"
        chown -R "$USER_NAME" "$node"
        chmod -R a+rX "$dist"
        # The user must reach the folders on the way to the node.
        local d="$home"
        while [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
        run=(runuser -u "$USER_NAME" --)
    fi
    local discovery=(-Ediscovery.type=single-node)
    if [ -n "${NEWSDEX_OS_SEEDS:-}" ]; then
        discovery=(-Ediscovery.seed_hosts="$NEWSDEX_OS_SEEDS"
                   -Ecluster.initial_cluster_manager_nodes="$NEWSDEX_OS_MANAGERS")
    fi
    # The integ-test zip has no bundled JDK: the machine's Java runs it.
    local java_home="${OPENSEARCH_JAVA_HOME:-${JAVA_HOME:-}}"
    if [ -z "$java_home" ]; then
        java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    fi
    say "starting OpenSearch $VERSION on 127.0.0.1:$port (logs in $node/logs)"
    OPENSEARCH_JAVA_OPTS="-Xms${NEWSDEX_OS_HEAP:-512m} -Xmx${NEWSDEX_OS_HEAP:-512m}" \
    OPENSEARCH_PATH_CONF="$node/config" OPENSEARCH_JAVA_HOME="$java_home" \
        "${run[@]}" "$dist/bin/opensearch" -d -p "$node/pid" \
        -Enetwork.host=127.0.0.1 -Ehttp.port="$port" \
        -Etransport.port="$transport" \
        -Enode.name="node-$port" -Ecluster.name="${NEWSDEX_OS_CLUSTER:-newsdex}" \
        -Epath.data="$node/data" -Epath.logs="$node/logs" \
        -Ecluster.routing.allocation.disk.threshold_enabled=false \
        "${discovery[@]}" ${NEWSDEX_OS_ROLES:+-Enode.roles="$NEWSDEX_OS_ROLES"} \
        >"$node/stdout.log" 2>&1 \
        || { cat "$node/stdout.log" >&2; die "OpenSearch did not start"; }
    # A node of a cluster being formed waits for the others.
    if [ -n "${NEWSDEX_OS_NOWAIT:-}" ]; then
        return 0
    fi
    wait_up
}

# Waits for the node's health: a lone node is green or yellow
# (replicas have nowhere to go).
wait_up() {
    for _ in $(seq 1 180); do
        if curl -fsS "http://127.0.0.1:$port/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
            say "node on 127.0.0.1:$port is up"
            return 0
        fi
        if { [ -f "$node/pid" ] && ! kill -0 "$(cat "$node/pid")" 2>/dev/null; } \
            || grep -q "^Caused by\|StartupException" "$node/stdout.log" 2>/dev/null; then
            tail -n 30 "$node/logs/"*.log >&2 2>/dev/null || true
            die "OpenSearch exited while starting"
        fi
        sleep 1
    done
    die "no cluster health from 127.0.0.1:$port after 180 s"
}

stop() {
    if [ ! -f "$node/pid" ]; then
        say "no node of port $port was started here"
        return 0
    fi
    local pid
    pid="$(cat "$node/pid")"
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
    fi
    rm -f "$node/pid"
    say "node of port $port stopped"
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    status) up ;;
    *) die "usage: $0 start|stop|status [PORT]" ;;
esac
