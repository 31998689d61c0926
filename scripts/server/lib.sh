# Shared helpers of the server test scripts (source it): start and stop `tessera serve` on
# a free loopback port with a temporary data directory, install test tools, count checks.
#
#   source "$(dirname "$0")/lib.sh"
#   start_tessera "$binary" [extra serve flags...]   # sets TESSERA_URL, TESSERA_PID, TESSERA_LOG
#                                                     # (TESSERA_DATA=DIR: serve DIR instead)
#   ...
#   stop_tessera                                      # SIGTERM, waits, fails if it hangs

TESSERA_WORK=$(mktemp -d)
TESSERA_PID=""
CHECKS_PASSED=0
CHECKS_FAILED=0

cleanup_tessera() {
  if [ -n "$TESSERA_PID" ] && kill -0 "$TESSERA_PID" 2>/dev/null; then
    kill -TERM "$TESSERA_PID" 2>/dev/null
    wait "$TESSERA_PID" 2>/dev/null
  fi
  rm -rf "$TESSERA_WORK"
}
trap cleanup_tessera EXIT

pass() { CHECKS_PASSED=$((CHECKS_PASSED + 1)); }
fail() { CHECKS_FAILED=$((CHECKS_FAILED + 1)); echo "FAIL: $*"; }
# expect LABEL CONDITION-COMMAND...: passes when the command succeeds.
expect() { local label=$1; shift; if "$@"; then pass; else fail "$label"; fi; }

# Prints the closing line and exits non-zero when anything failed.
finish() {
  echo "$1: $CHECKS_PASSED passed, $CHECKS_FAILED failed"
  [ "$CHECKS_FAILED" -eq 0 ]
}

# start_tessera BINARY [FLAGS...]: serves a fresh data directory (or $TESSERA_DATA when set)
# on 127.0.0.1, port picked by the kernel; returns once the server printed where it listens
# and /healthz answers.
start_tessera() {
  local binary=$1; shift
  local data=${TESSERA_DATA:-"$TESSERA_WORK/data-$RANDOM"}
  TESSERA_LOG="$TESSERA_WORK/serve-$RANDOM.log"
  "$binary" serve --data-dir "$data" --http-addr 127.0.0.1:0 "$@" > "$TESSERA_LOG" 2>&1 &
  TESSERA_PID=$!
  TESSERA_URL=""
  for _ in $(seq 1 300); do
    TESSERA_URL=$(sed -n 's/^tessera listening on \(http:\/\/[^ ]*\).*/\1/p' "$TESSERA_LOG" | head -1)
    [ -n "$TESSERA_URL" ] && break
    kill -0 "$TESSERA_PID" 2>/dev/null || { echo "tessera serve exited:"; cat "$TESSERA_LOG"; return 1; }
    sleep 0.1
  done
  [ -n "$TESSERA_URL" ] || { echo "tessera serve did not start:"; cat "$TESSERA_LOG"; return 1; }
  curl -fsS "$TESSERA_URL/healthz" > /dev/null || { echo "no /healthz at $TESSERA_URL"; return 1; }
}

# stop_tessera: SIGTERM, and the process must be gone within 10 seconds.
stop_tessera() {
  [ -n "$TESSERA_PID" ] || return 0
  kill -TERM "$TESSERA_PID" 2>/dev/null
  for _ in $(seq 1 100); do
    kill -0 "$TESSERA_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$TESSERA_PID" 2>/dev/null; then
    echo "tessera serve ignored SIGTERM for 10 s"
    kill -KILL "$TESSERA_PID"
    TESSERA_PID=""
    return 1
  fi
  wait "$TESSERA_PID" 2>/dev/null
  TESSERA_PID=""
}

# require_pip PACKAGE COMMAND: installs PACKAGE from PyPI when COMMAND is not on the PATH.
require_pip() {
  command -v "$2" > /dev/null 2>&1 && return 0
  echo "installing $1 (pip)"
  python3 -m pip install -q "$1" || { echo "cannot install $1 with pip"; return 1; }
  hash -r
  command -v "$2" > /dev/null 2>&1 || { echo "$1 installed but $2 is not on the PATH"; return 1; }
}

# require_pip_module PACKAGE MODULE: installs PACKAGE when python3 cannot import MODULE.
require_pip_module() {
  python3 -c "import $2" 2> /dev/null && return 0
  echo "installing $1 (pip)"
  python3 -m pip install -q "$1" || { echo "cannot install $1 with pip"; return 1; }
  python3 -c "import $2" || { echo "$1 installed but python3 cannot import $2"; return 1; }
}

# require_apt PACKAGE COMMAND: installs a Debian package when COMMAND is missing.
require_apt() {
  command -v "$2" > /dev/null 2>&1 && return 0
  echo "installing $1 (apt-get)"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$1"; } > /dev/null \
    || { echo "cannot install $1 with apt-get"; return 1; }
  command -v "$2" > /dev/null 2>&1 || { echo "$1 installed but $2 is missing"; return 1; }
}

# The conformance data: $TESSERA_SHARED_DIR, ../shared beside the repository, or /work/shared.
find_shared() {
  local repository=$1 candidate
  for candidate in "${TESSERA_SHARED_DIR:-}" "$repository/../shared" /work/shared; do
    if [ -n "$candidate" ] && [ -f "$candidate/conformance/openfga_conformance.py" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
