#!/usr/bin/env bash
# The HTTP server's acceptance scripts, each against its own `tessera serve` on a free
# loopback port with a temporary data directory (`make test` runs this):
#
#   openapi/validate.py  the OpenAPI document is valid and keeps the project's rules (no server)
#   conformance.sh    OpenFGA's consolidated and ABAC suites over HTTP: every case passes
#   fga-cli.sh        OpenFGA's `fga` CLI, with asserted outputs
#   sdk.sh            OpenFGA's Python SDK on every endpoint
#   schemathesis.sh   the OpenAPI document against the server (MAX_EXAMPLES per operation)
#   bench-http.sh     wrk, briefly (BENCH_DURATION, default 2s): no failed request; the rates
#                     are printed, never judged (use `make bench-http` on a release build)
#
#   scripts/server/acceptance.sh .build/debug/tessera
# Runs every script and fails at the end if any failed.
set -uo pipefail
binary=${1:?usage: $0 TESSERA_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
failed=()
run() {
  local name=$1; shift
  echo "== $name"
  local started=$SECONDS
  if "$here/$name" "$binary" "$@"; then echo "== $name: ok ($((SECONDS - started)) s)"; else failed+=("$name"); echo "== $name: FAILED"; fi
}
echo "== openapi/validate.py"
source "$here/lib.sh"
if require_pip_module openapi-spec-validator openapi_spec_validator && python3 "$here/../openapi/validate.py"; then
  echo "== openapi/validate.py: ok"
else
  failed+=("openapi/validate.py"); echo "== openapi/validate.py: FAILED"
fi
# A duration flag out of range is refused with the flag's name, not a crash (it trapped once).
echo "== serve refuses --check-deadline 1e20s"
refusal=$(mktemp -d)
if ! timeout 20 "$binary" serve --data-dir "$refusal/data" --http-addr 127.0.0.1:0 --check-deadline 1e20s >"$refusal/out" 2>&1 \
  && grep -q -- "--check-deadline must be a duration" "$refusal/out"; then
  echo "== serve refuses --check-deadline 1e20s: ok"
else
  failed+=("duration flag refusal"); echo "== serve refuses --check-deadline 1e20s: FAILED"; cat "$refusal/out"
fi
rm -rf "$refusal"
run conformance.sh
run fga-cli.sh
run sdk.sh
MAX_EXAMPLES=${MAX_EXAMPLES:-20} run schemathesis.sh
run bench-http.sh "${BENCH_DURATION:-2s}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "server acceptance: failed: ${failed[*]}"
  exit 1
fi
echo "server acceptance: all passed"
