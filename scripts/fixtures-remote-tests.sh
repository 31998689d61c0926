#!/usr/bin/env bash
# `tessera test --api-url` and `tessera store import` against a real `tessera serve`:
#
# (a) `tessera test --api-url URL --store-id ID Fixtures/` prints the same report (every
#     file's counts, the totals) and exits as the in-process run does, and leaves the store
#     without tuples; a copy of a fixture with one wrong expectation fails remotely as
#     locally, with the same FAIL line (file, line, test, query, expected, got); a fixture
#     using Tessera's extensions (contextual_tuples, {error: CODE}, .jsonl) passes both ways.
# (b) `tessera store import` of a fixture (CSV tuple file with conditions) and of a copy
#     reading its tuples from a .jsonl file, into the server (--api-url) and into a data
#     directory with the server stopped (--data-dir, then served and read): the store
#     holds exactly the fixture's tuples (read back through /read, compared with the
#     fixture as scripts/tuple-set.py reads it) and the model id printed; a duplicate tuple
#     or a malformed .jsonl line is refused with its file and line and creates no store.
#
#   scripts/fixtures-remote-tests.sh .build/debug/tessera      (about 10 s)
set -uo pipefail

binary=${1:?usage: $0 TESSERA_BINARY}
[ -x "$binary" ] || { echo "not an executable: $binary" >&2; exit 2; }
repository=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=server/lib.sh
source "$repository/scripts/server/lib.sh"
command -v curl > /dev/null || { echo "curl is needed" >&2; exit 2; }
require_pip_module pyyaml yaml || exit 2
tuple_set=$repository/scripts/tuple-set.py
fixtures=$repository/Fixtures
work=$TESSERA_WORK
bounded() { timeout 120 "$@"; }

expect_eq() { # LABEL ACTUAL EXPECTED
  if [ "$2" == "$3" ]; then pass; else fail "$1: got '$2', expected '$3'"; fi
}
# expect_status LABEL STATUS EXPECTED STDERR_FILE: the exit status; shows the file when it differs.
expect_status() {
  if [ "$2" == "$3" ]; then pass; else fail "$1: exit status $2, expected $3"; cat "$4"; fi
}
# expect_same LABEL FILE_A FILE_B: the files are identical (the diff is shown otherwise).
expect_same() {
  if diff -u "$2" "$3" > "$work/diff"; then pass; else fail "$1:"; head -40 "$work/diff"; fi
}
create_store() { # NAME: prints the new store's id
  curl -fsS -X POST -H 'Content-Type: application/json' --data "{\"name\":\"$1\"}" "$TESSERA_URL/stores" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
store_count() {
  curl -fsS "$TESSERA_URL/stores?page_size=100" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["stores"]))'
}
latest_model_id() { # STORE_ID
  curl -fsS "$TESSERA_URL/stores/$1/authorization-models?page_size=1" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["authorization_models"][0]["id"])'
}
field() { sed -n "s/^$1 //p" "$2"; } # FIELD OUTPUT_FILE: `store_id X` lines of store import

# --- (a) tessera test: in process and against the server ----------------------------------

bounded "$binary" test "$fixtures" > "$work/local.out" 2> "$work/local.err"
expect_eq "tessera test Fixtures/ in process: exit status" "$?" 0
grep -q '^Checks [0-9]*/[0-9]* passing' "$work/local.out" || fail "the in-process report has no Checks line"

start_tessera "$binary" || exit 1
store=$(create_store fixtures-remote) || { fail "create store"; finish fixtures-remote-tests; exit 1; }
bounded "$binary" test --api-url "$TESSERA_URL" --store-id "$store" "$fixtures" > "$work/remote.out" 2> "$work/remote.err"
expect_eq "tessera test --api-url --store-id Fixtures/: exit status" "$?" 0
expect_same "the report against the server differs from the in-process one" "$work/local.out" "$work/remote.out"
expect_eq "the store holds no tuples after the run" "$(python3 "$tuple_set" read "$TESSERA_URL" "$store" | wc -l)" 0

# One wrong expectation: the first `true` of the first check assertions of rbac.fga.yaml.
mkdir -p "$work/wrong"
line=$(grep -n 'assertions: {.*true' "$fixtures/rbac.fga.yaml" | head -1 | cut -d: -f1)
sed "${line}s/: true/: false/" "$fixtures/rbac.fga.yaml" > "$work/wrong/rbac.fga.yaml"
bounded "$binary" test "$work/wrong/rbac.fga.yaml" > "$work/wrong-local.out" 2>&1
expect_eq "a wrong expectation in process: exit status" "$?" 1
bounded "$binary" test --api-url "$TESSERA_URL" --store-id "$store" "$work/wrong/rbac.fga.yaml" > "$work/wrong-remote.out" 2>&1
expect_eq "a wrong expectation against the server: exit status" "$?" 1
grep '^FAIL ' "$work/wrong-local.out" > "$work/wrong-local.fail"
grep '^FAIL ' "$work/wrong-remote.out" > "$work/wrong-remote.fail"
expect_eq "one failing assertion in process" "$(wc -l < "$work/wrong-local.fail")" 1
expect_eq "the failing assertion is the edited line" \
  "$(grep -c "^FAIL $work/wrong/rbac.fga.yaml:$line:[0-9]* \[.*\] Check(.*): expected false, got true\$" "$work/wrong-local.fail")" 1
expect_same "the failing assertion against the server" "$work/wrong-local.fail" "$work/wrong-remote.fail"

# Tessera's extensions (contextual_tuples, an expected error, a .jsonl tuple file) mean the
# same over HTTP: the server gets the contextual tuples and answers with the engine's codes.
mkdir -p "$work/extensions"
cat > "$work/extensions/tuples.jsonl" <<'JSONL'
{"user": "group:eng#member", "relation": "viewer", "object": "doc:1"}
{"user": "user:bob", "relation": "grant", "object": "doc:2", "condition": {"name": "under_limit", "context": {"limit": 10}}}
JSONL
cat > "$work/extensions/extensions.fga.yaml" <<'YAML'
name: extensions
model: |
  model
    schema 1.1
  type user
  type group
    relations
      define member: [user]
  type doc
    relations
      define viewer: [user, group#member]
      define grant: [user with under_limit]
  condition under_limit(amount: int, limit: int) {
    amount <= limit
  }
tuple_file: tuples.jsonl
tests:
  - name: contextual membership
    check:
      - {user: user:anne, object: doc:1, contextual_tuples: [{user: user:anne, relation: member, object: group:eng}], assertions: {viewer: true}}
      - {user: user:anne, object: doc:1, assertions: {viewer: false, owner: {error: validation_error}}}
      - {user: user:bob, object: doc:2, context: {amount: 5}, assertions: {grant: true}}
    list_objects:
      - {user: user:anne, type: doc, contextual_tuples: [{user: user:anne, relation: member, object: group:eng}], assertions: {viewer: [doc:1]}}
    list_users:
      - object: doc:1
        user_filter: [{type: user}]
        contextual_tuples: [{user: user:anne, relation: member, object: group:eng}]
        assertions: {viewer: {users: [user:anne]}}
YAML
bounded "$binary" test --verbose "$work/extensions/extensions.fga.yaml" > "$work/extensions-local.out" 2>&1
expect_status "the extensions fixture in process" "$?" 0 "$work/extensions-local.out"
expect_eq "the extensions fixture: assertions run" "$(grep -c '^PASS ' "$work/extensions-local.out")" 6
bounded "$binary" test --verbose --api-url "$TESSERA_URL" --store-id "$store" "$work/extensions/extensions.fga.yaml" \
  > "$work/extensions-remote.out" 2>&1
expect_status "the extensions fixture against the server" "$?" 0 "$work/extensions-remote.out"
expect_same "the extensions fixture's report against the server" "$work/extensions-local.out" "$work/extensions-remote.out"

# --- (b) store import -----------------------------------------------------------------------

source_fixture=$fixtures/banking-ledger.fga.yaml
python3 "$tuple_set" fixture "$source_fixture" > "$work/expected.tuples"
expected_count=$(wc -l < "$work/expected.tuples")
grep -q '"condition"' "$work/expected.tuples" || fail "the imported fixture should have conditional tuples"

# import_remote LABEL FIXTURE: into the server; the store must hold exactly the expected tuples.
import_remote() {
  bounded "$binary" store import "$2" --api-url "$TESSERA_URL" > "$work/import.out" 2> "$work/import.err"
  expect_status "$1" "$?" 0 "$work/import.err"
  local imported; imported=$(field store_id "$work/import.out")
  expect_eq "$1: tuples line" "$(field tuples "$work/import.out")" "$expected_count"
  expect_eq "$1: the printed model is the store's" "$(latest_model_id "$imported")" "$(field model_id "$work/import.out")"
  python3 "$tuple_set" read "$TESSERA_URL" "$imported" > "$work/read.tuples"
  expect_same "$1: the tuples read back" "$work/expected.tuples" "$work/read.tuples"
}
import_remote "store import --api-url (CSV tuple file)" "$source_fixture"

# The same tuples from a .jsonl file (the fixture's model, its tuple_file swapped).
mkdir -p "$work/jsonl"
python3 -c 'import json,sys; [print(json.dumps(json.loads(l))) for l in sys.stdin]' < "$work/expected.tuples" > "$work/jsonl/tuples.jsonl"
sed 's/^tuple_file: .*/tuple_file: tuples.jsonl/' "$source_fixture" > "$work/jsonl/ledger.fga.yaml"
import_remote "store import --api-url (.jsonl tuple file)" "$work/jsonl/ledger.fga.yaml"

# refused_import LABEL FIXTURE MESSAGE: exit status 2, MESSAGE on standard error, no store made.
refused_import() {
  local before; before=$(store_count)
  bounded "$binary" store import "$2" --api-url "$TESSERA_URL" > "$work/import.out" 2> "$work/import.err"
  expect_eq "$1: exit status" "$?" 2
  if grep -qF -- "$3" "$work/import.err"; then pass; else fail "$1: standard error lacks '$3': $(cat "$work/import.err")"; fi
  expect_eq "$1: no store created" "$(store_count)" "$before"
}
lines=$(wc -l < "$work/jsonl/tuples.jsonl")
mkdir -p "$work/duplicate" "$work/malformed"
cp "$work/jsonl/ledger.fga.yaml" "$work/duplicate/"
cp "$work/jsonl/ledger.fga.yaml" "$work/malformed/"
{ cat "$work/jsonl/tuples.jsonl"; head -1 "$work/jsonl/tuples.jsonl"; } > "$work/duplicate/tuples.jsonl"
refused_import "store import of a duplicate tuple" "$work/duplicate/ledger.fga.yaml" \
  "tuples.jsonl:$((lines + 1)): error: duplicate tuple"
{ head -2 "$work/jsonl/tuples.jsonl"; echo '{"user": "user:x", "relation": "owner"'; } > "$work/malformed/tuples.jsonl"
refused_import "store import of a malformed .jsonl line" "$work/malformed/ledger.fga.yaml" "tuples.jsonl:3:"

stop_tessera || fail "the server did not stop"

# Into a data directory with the server stopped, then served and read.
local_data=$work/local-data
bounded "$binary" store import "$source_fixture" --data-dir "$local_data" > "$work/import.out" 2> "$work/import.err"
expect_status "store import --data-dir" "$?" 0 "$work/import.err"
expect_eq "store import --data-dir: tuples line" "$(field tuples "$work/import.out")" "$expected_count"
TESSERA_DATA=$local_data start_tessera "$binary" || exit 1
imported=$(field store_id "$work/import.out")
expect_eq "store import --data-dir: the printed model is the store's" "$(latest_model_id "$imported")" "$(field model_id "$work/import.out")"
python3 "$tuple_set" read "$TESSERA_URL" "$imported" > "$work/read.tuples"
expect_same "store import --data-dir: the tuples read back" "$work/expected.tuples" "$work/read.tuples"
stop_tessera || fail "the server did not stop"

finish fixtures-remote-tests
