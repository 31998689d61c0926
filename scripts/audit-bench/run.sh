#!/usr/bin/env bash
# Audit overhead, measured end to end with wrk against a release build: check throughput
# and write throughput with `--audit off` and `--audit on`, alternating (off, on, off, on …)
# so drift on a shared machine hits both alike. Not a CI gate.
#
#   scripts/audit-bench/run.sh .build/release/tessera [ROUNDS=3] [SECONDS=10] [CONNECTIONS=16]
set -euo pipefail
binary=${1:?usage: $0 TESSERA_BINARY [ROUNDS] [SECONDS] [CONNECTIONS]}
rounds=${2:-3}
seconds=${3:-10}
connections=${4:-16}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT

rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"; }
errors() { sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$1"; }

for round in $(seq 1 "$rounds"); do
  for mode in off on; do
    data=$work/data-$mode-$round
    "$binary" serve --data-dir "$data" --http-addr 127.0.0.1:0 --audit "$mode" --log-level warning >"$work/out" 2>"$work/err" &
    pid=$!
    port=""
    for _ in $(seq 1 100); do
      port=$(sed -n 's/^tessera listening on http:\/\/[^ ]*:\([0-9]*\) .*/\1/p' "$work/out" | head -1)
      [ -n "$port" ] && break
      sleep 0.1
    done
    base=http://127.0.0.1:$port
    store=$(curl -s -X POST "$base/stores" -d '{"name":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    curl -s -o /dev/null -X POST "$base/stores/$store/authorization-models" -d '{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"group","relations":{"member":{"this":{}}},"metadata":{"relations":{"member":{"directly_related_user_types":[{"type":"user"}]}}}},{"type":"doc","relations":{"viewer":{"this":{}}},"metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"user"},{"type":"group","relation":"member"}]}}}}]}'
    for i in $(seq 0 9); do
      curl -s -o /dev/null -X POST "$base/stores/$store/write" -d "{\"writes\":{\"tuple_keys\":[{\"object\":\"doc:seed-$i\",\"relation\":\"viewer\",\"user\":\"group:g$i#member\"},{\"object\":\"group:g$i\",\"relation\":\"member\",\"user\":\"user:u$i\"}]}}"
    done
    wrk -t2 -c"$connections" -d"${seconds}s" -s "$here/check.lua" "$base/stores/$store/check" >"$work/check"
    wrk -t2 -c"$connections" -d"${seconds}s" -s "$here/write.lua" "$base/stores/$store/write" >"$work/write"
    kill -TERM $pid; wait $pid || true
    pid=""
    audited=0
    [ -f "$data/audit.sqlite" ] && audited=$("$binary" audit query --data-dir "$data" --kind write | grep -c . || true)
    echo "round $round audit=$mode check_rps=$(rps "$work/check") check_errors=$(errors "$work/check" || true) write_rps=$(rps "$work/write") write_errors=$(errors "$work/write" || true) audit_write_entries=$audited"
  done
done
