#!/usr/bin/env bash
# Property-based tests of a running Tessera against its OpenAPI document, with schemathesis 4.
#
# Usage:
#   scripts/openapi/schemathesis.sh URL [extra `schemathesis run` options...]
#
# For example, against `make serve` (which listens on 127.0.0.1:8080):
#   make serve &                                  # or .build/release/tessera serve ...
#   scripts/openapi/schemathesis.sh http://127.0.0.1:8080
#   TESSERA_TOKEN=secret scripts/openapi/schemathesis.sh http://127.0.0.1:8080   # a server with authentication
#
# What it does:
#   1. installs schemathesis with pip if it is missing (the options below are schemathesis 4's);
#   2. prepare.py: waits for URL/healthz, checks that URL/openapi.json is this document, seeds a
#      store (model, tuples, assertions) and a second store for deleteStore, and writes a config
#      that points every path parameter at them (random ids would only ever meet a 404);
#   3. runs the examples, coverage and fuzzing phases, positive and negative data, at most
#      MAX_EXAMPLES test cases per operation, with a fixed seed and no example database (so two
#      runs send the same requests), one worker, and the checks `not_a_server_error` (no 5xx) and
#      `response_schema_conformance` (every documented response body matches its schema), plus
#      `streamed_lines_conformance` (schemathesis_hooks.py) for the newline-delimited stream.
#
# Environment:
#   TESSERA_TOKEN   bearer token to send (preshared key or OIDC access token with every scope)
#   MAX_EXAMPLES    test cases per operation (default 20)
#   SEED            hypothesis seed (default 20240601)
#   PHASES          schemathesis phases (default examples,coverage,fuzzing)
#   CHECKS          checks, comma-separated; prepare.py writes them into the config, since a check named
#                   with --checks would override the per-operation settings there
#                   (default not_a_server_error,response_schema_conformance,streamed_lines_conformance)
#   REPORT_DIR      write a JUnit report there (default: no report)
#   TESSERA_WAIT    seconds to wait for /healthz (default 30)
#
# Exit status: schemathesis's (0 when every check passed, non-zero on any failure or error); 1 when
# the server could not be prepared; 1 when everything passed but the server serves another document.
set -euo pipefail

if [ $# -lt 1 ] || [[ "$1" == -* ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
fi
url="${1%/}"
shift

here="$(cd "$(dirname "$0")" && pwd)"
spec="$(cd "$here/../.." && pwd)/Sources/TesseraServer/Resources/openapi.json"

if ! command -v schemathesis >/dev/null 2>&1; then
    echo "schemathesis.sh: installing schemathesis with pip" >&2
    python3 -m pip install --quiet 'schemathesis>=4,<5'
fi
version="$(schemathesis --version 2>/dev/null | grep -oE '[0-9]+(\.[0-9]+)+' | head -n 1 || true)"
case "$version" in
    4.*) ;;
    *) echo "schemathesis.sh: warning: written for schemathesis 4, found '${version:-unknown}'" >&2 ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
config="$work/schemathesis.toml"
report=()
if [ -n "${REPORT_DIR:-}" ]; then
    report=(--report junit --report-dir "$REPORT_DIR")
fi

document_differs=0
prepare_status=0
python3 "$here/prepare.py" "$url" "$spec" "$config" || prepare_status=$?
case "$prepare_status" in
    0) ;;
    3) document_differs=1 ;;
    *) echo "schemathesis.sh: could not prepare $url" >&2; exit 1 ;;
esac

export TESSERA_OPENAPI="$spec"
status=0
schemathesis --config-file "$config" run "$spec" \
    --url "$url" \
    --phases "${PHASES:-examples,coverage,fuzzing}" \
    --max-examples "${MAX_EXAMPLES:-20}" \
    --seed "${SEED:-20240601}" \
    --generation-database none \
    --workers 1 \
    --request-timeout 10 \
    --no-color \
    ${report[@]+"${report[@]}"} \
    "$@" || status=$?

if [ "$document_differs" -eq 1 ]; then
    echo "schemathesis.sh: FAILED: $url/openapi.json is not $spec" >&2
    [ "$status" -eq 0 ] && status=1
fi
exit "$status"
