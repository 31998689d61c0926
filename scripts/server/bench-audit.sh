#!/usr/bin/env bash
# What auditing costs (issue #9): check and write throughput of a release `tessera serve`
# under each audit setting, the settings alternating for ROUNDS rounds so that machine
# noise spreads evenly; prints every run and the mean of each setting relative to
# `--audit off`. Reports, never fails on a rate (only on a failed request).
#
#   scripts/server/bench-audit.sh .build/release/tessera [DURATION] [ROUNDS]
#
# Each run is scripts/server/bench-http.sh (gdrive check through nested groups and folders)
# with BENCH_WRITES=1 (then /write, one new tuple per request, --datastore-sync full).
set -uo pipefail
binary=${1:?usage: $0 TESSERA_RELEASE_BINARY [DURATION] [ROUNDS]}
duration=${2:-10s}
rounds=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
settings=("--audit off" "" "--audit-decisions all")
names=("audit off" "audit on, decisions none" "audit on, decisions all")
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for round in $(seq 1 "$rounds"); do
  for index in "${!settings[@]}"; do
    out=$(BENCH_SERVE_ARGS="${settings[$index]}" BENCH_WRITES=1 "$here/bench-http.sh" "$binary" "$duration" 2>&1) || {
      echo "$out"; echo "bench-audit: a run failed (${names[$index]})"; exit 1; }
    check=$(sed -n 's/^check: \([0-9]*\) requests\/s.*/\1/p' <<<"$out")
    write=$(sed -n 's/^write: \([0-9]*\) requests\/s.*/\1/p' <<<"$out")
    echo "round $round, ${names[$index]}: check $check/s, write $write/s"
    echo "$index $check $write" >>"$results"
  done
done
python3 - "$results" "${names[@]}" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
names = sys.argv[2:]
means = {}
for index, name in enumerate(names):
    mine = [(float(c), float(w)) for i, c, w in rows if int(i) == index]
    means[index] = (sum(c for c, _ in mine) / len(mine), sum(w for _, w in mine) / len(mine))
base = means[0]
for index, name in enumerate(names):
    check, write = means[index]
    print(f"{name}: check {check:.0f}/s ({check / base[0] - 1:+.1%} vs off), write {write:.0f}/s ({write / base[1] - 1:+.1%} vs off)")
PY
