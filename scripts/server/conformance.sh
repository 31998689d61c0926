#!/usr/bin/env bash
# OpenFGA's conformance suites (consolidated and ABAC) over HTTP against `tessera serve`
# on a free loopback port: every case must pass.
#
#   scripts/server/conformance.sh .build/debug/tessera
set -uo pipefail
binary=${1:?usage: $0 TESSERA_BINARY}
repository=$(cd "$(dirname "$0")/../.." && pwd)
source "$repository/scripts/server/lib.sh"
shared=$(find_shared "$repository") || { echo "conformance data not found (set TESSERA_SHARED_DIR)"; exit 2; }

for suite in openfga-consolidated.json openfga-abac.json; do
  start_tessera "$binary" || exit 1
  output=$(python3 "$shared/conformance/openfga_conformance.py" run --url "$TESSERA_URL" --suite "$shared/conformance/$suite" 2>&1)
  summary=$(printf '%s\n' "$output" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
  echo "$suite: ${summary:-no summary}"
  if [[ $summary =~ ^[0-9]+\ passed,\ 0\ failed ]]; then pass; else fail "$suite"; printf '%s\n' "$output" | tail -20; fi
  stop_tessera || fail "$suite: shutdown"
done
finish "conformance.sh"
