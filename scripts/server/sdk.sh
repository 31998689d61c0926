#!/usr/bin/env bash
# OpenFGA's Python SDK (openfga-sdk) against `tessera serve` on a free loopback port: every
# endpoint, with sdk_client.py's assertions, and the server must stop on SIGTERM.
#
#   scripts/server/sdk.sh .build/debug/tessera
set -uo pipefail
binary=${1:?usage: $0 TESSERA_BINARY}
repository=$(cd "$(dirname "$0")/../.." && pwd)
source "$repository/scripts/server/lib.sh"
require_pip_module openfga-sdk openfga_sdk || exit 1

start_tessera "$binary" || exit 1
expect "openfga-sdk assertions" timeout 300 python3 "$repository/scripts/server/sdk_client.py" "$TESSERA_URL"
stop_tessera || fail "shutdown on SIGTERM"
finish "sdk.sh"
