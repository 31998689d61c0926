#!/usr/bin/env bash
# HTTP load test with wrk: check throughput and the same server's /healthz throughput, in
# one run, on a release build of `tessera serve` on a free loopback port.
#
#   scripts/server/bench-http.sh .build/release/tessera [DURATION] [CONNECTIONS] [THREADS]
#
# Seeds a store with Schemas/gdrive.fga and a folder tree (a check of `can_view` on a
# document through a nested group, two folder levels and the block exclusion: about a dozen
# tuple reads), then runs wrk against /healthz and against /check for DURATION each
# (default 10s; CONNECTIONS default 16, THREADS default 2). Prints requests/s and latency
# percentiles of both and the ratio, and compares them with the goal (check >= 0.7x healthz,
# check p99 <= 5 ms) without failing on it: absolute rates depend on the machine. Fails
# only when a request failed (a socket error or a non-2xx answer) or the server misbehaved.
#
# BENCH_SERVE_ARGS: extra `tessera serve` arguments (e.g. `--audit off`). BENCH_WRITES=1:
# afterwards, also wrk against /write, one new tuple per request (scripts/server/bench-audit.sh
# uses both to compare auditing settings).
set -uo pipefail
binary=${1:?usage: $0 TESSERA_RELEASE_BINARY [DURATION] [CONNECTIONS] [THREADS]}
duration=${2:-10s}
connections=${3:-16}
threads=${4:-2}
repository=$(cd "$(dirname "$0")/../.." && pwd)
source "$repository/scripts/server/lib.sh"
require_apt wrk wrk || exit 1

# shellcheck disable=SC2086 # BENCH_SERVE_ARGS is a list of words
start_tessera "$binary" --log-level warning ${BENCH_SERVE_ARGS:-} || exit 1
api() { curl -fsS -X "$1" -H 'Content-Type: application/json' "$TESSERA_URL$2" ${3:+--data-binary "$3"}; }
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

store=$(api POST /stores '{"name":"bench"}' | json_field id) || { fail "create store"; finish "bench-http"; exit 1; }
"$binary" model transform --to json "$repository/Schemas/gdrive.fga" > "$TESSERA_WORK/model.json" || { fail "model transform"; exit 1; }
api POST "/stores/$store/authorization-models" "$(cat "$TESSERA_WORK/model.json")" > /dev/null || { fail "write model"; exit 1; }
# The checked path plus noise: 40 writes of 100 documents each in other folders.
api POST "/stores/$store/write" '{"writes":{"tuple_keys":[
  {"user":"user:bob","relation":"member","object":"group:backend"},
  {"user":"group:backend#member","relation":"member","object":"group:eng"},
  {"user":"group:eng#member","relation":"viewer","object":"folder:root"},
  {"user":"folder:root","relation":"parent","object":"folder:team"},
  {"user":"folder:team","relation":"parent","object":"document:plan"},
  {"user":"user:mallory","relation":"blocked","object":"document:plan"}]}}' > /dev/null || { fail "write tuples"; exit 1; }
for batch in $(seq 1 40); do
  keys=$(python3 -c 'import json,sys; b=int(sys.argv[1]); print(json.dumps({"writes":{"tuple_keys":[{"user":"folder:f%d"%(i%50),"relation":"parent","object":"document:d%d_%d"%(b,i)} for i in range(100)]}}))' "$batch")
  api POST "/stores/$store/write" "$keys" > /dev/null || { fail "write noise"; exit 1; }
done
export BENCH_PATH="/stores/$store/check"
export BENCH_BODY='{"tuple_key":{"user":"user:bob","relation":"can_view","object":"document:plan"}}'
answer=$(api POST "$BENCH_PATH" "$BENCH_BODY")
expect "the benchmarked check is allowed ($answer)" test "$answer" = '{"allowed":true,"resolution":""}'

# run_wrk NAME ARGS...: runs wrk, prints its summary, sets RPS_<NAME> and P99_<NAME> (ms).
run_wrk() {
  local name=$1; shift
  local out="$TESSERA_WORK/wrk-$name.out"
  wrk --latency -t "$threads" -c "$connections" -d "$duration" "$@" > "$out" 2>&1 || { fail "wrk $name"; cat "$out"; return 1; }
  python3 - "$out" "$name" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
percentiles = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
errors = re.search(r"Socket errors: (.*)", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
name = sys.argv[2]
print(f"{name}: {rps:.0f} requests/s, latency p50 {ms(percentiles['50']):.2f} ms, p90 {ms(percentiles['90']):.2f} ms, p99 {ms(percentiles['99']):.2f} ms"
      + (f", socket errors: {errors.group(1)}" if errors else "") + (f", non-2xx: {non2xx.group(1)}" if non2xx else ""))
with open(sys.argv[1] + ".vars", "w") as out:
    out.write(f"RPS={rps}\nP99={ms(percentiles['99'])}\nBAD={1 if errors or non2xx else 0}\n")
PY
  local RPS P99 BAD
  source "$out.vars"
  printf -v "RPS_$name" '%s' "$RPS"
  printf -v "P99_$name" '%s' "$P99"
  if [ "$BAD" -eq 0 ]; then pass; else fail "wrk $name: failed requests"; fi
}

echo "wrk: $threads threads, $connections connections, $duration per endpoint; server: $binary"
run_wrk healthz "$TESSERA_URL/healthz" || { finish "bench-http"; exit 1; }
run_wrk check -s "$repository/scripts/server/bench-check.lua" "$TESSERA_URL" || { finish "bench-http"; exit 1; }
python3 - "$RPS_healthz" "$RPS_check" "$P99_check" <<'PY'
import sys
healthz, check, p99 = map(float, sys.argv[1:])
ratio = check / healthz
print(f"check/healthz throughput: {ratio:.2f} (goal >= 0.70: {'met' if ratio >= 0.7 else 'NOT met'}); "
      f"check p99 {p99:.2f} ms (goal <= 5 ms: {'met' if p99 <= 5 else 'NOT met'})")
PY
if [ "${BENCH_WRITES:-0}" = 1 ]; then
  export BENCH_PATH="/stores/$store/write"
  run_wrk write -s "$repository/scripts/server/bench-write.lua" "$TESSERA_URL" || { finish "bench-http"; exit 1; }
fi
expect "the server still answers" curl -fsS -o /dev/null "$TESSERA_URL/healthz"
stop_tessera || fail "shutdown on SIGTERM"
finish "bench-http"
