#!/usr/bin/env bash
# schemathesis against `tessera serve` on a free loopback port, for a bounded number of
# examples per operation (MAX_EXAMPLES, default 20): no 5xx and no response that violates
# the OpenAPI document (scripts/openapi/schemathesis.sh does the run), and the server must
# still answer and stop on SIGTERM afterwards.
#
#   scripts/server/schemathesis.sh .build/debug/tessera
set -uo pipefail
binary=${1:?usage: $0 TESSERA_BINARY}
repository=$(cd "$(dirname "$0")/../.." && pwd)
source "$repository/scripts/server/lib.sh"
require_pip 'schemathesis>=4,<5' schemathesis || exit 1

start_tessera "$binary" || exit 1
output="$TESSERA_WORK/schemathesis.out"
MAX_EXAMPLES=${MAX_EXAMPLES:-20} timeout 900 "$repository/scripts/openapi/schemathesis.sh" "$TESSERA_URL" > "$output" 2>&1
status=$?
grep -E '^(=+ .* =+|[0-9]+ (passed|failed)|.*(generated|cases|Operations|Test cases).*)' "$output" | tail -8
if [ "$status" -eq 0 ]; then pass; else fail "schemathesis (exit $status)"; tail -60 "$output"; fi
expect "the server still answers after the run" curl -fsS -o /dev/null "$TESSERA_URL/healthz"
stop_tessera || fail "shutdown on SIGTERM"
finish "schemathesis.sh"
