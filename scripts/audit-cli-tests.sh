#!/usr/bin/env bash
# The audit log from outside, through the real `tessera` binary: every mutation type and
# every refusal recorded once with its caller, request id and revision; a server killed
# with SIGKILL between commit and projection records the write exactly once after restart;
# `tessera audit verify` exits 0 on an untouched log and 1 naming the entry after a row is
# edited, deleted or swapped with the sqlite3 shell; retention prunes only old entries and
# verify still passes; --audit-decisions records the decisions it names and refuses a bad
# value; GET /stores/{id}/audit pages through the log and is refused with --audit off.
#
#   scripts/audit-cli-tests.sh .build/debug/tessera
set -uo pipefail

binary=${1:?usage: $0 TESSERA_BINARY}
[ -x "$binary" ] || { echo "not an executable: $binary" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "the sqlite3 shell is needed (apt-get install sqlite3)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 2; }

work=$(mktemp -d)
data=$work/data
key=audit-cli-tests-preshared-key-0123456789
pid=""
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
failures=0
checks=0
fail() { failures=$((failures + 1)); echo "FAIL: $*"; }
pass() { checks=$((checks + 1)); }
expect_eq() { # label actual expected
  if [ "$2" == "$3" ]; then pass; else fail "$1: got '$2', expected '$3'"; fi
}

start_server() { # extra serve arguments
  : >"$work/server.out"
  "$binary" serve --data-dir "$data" --http-addr 127.0.0.1:0 --datastore-sync full \
    --authn-method preshared --authn-preshared-keys "$key" "$@" >"$work/server.out" 2>"$work/server.err" &
  pid=$!
  port=""
  for _ in $(seq 1 150); do
    port=$(sed -n 's/^tessera listening on http:\/\/[^ ]*:\([0-9]*\) .*/\1/p' "$work/server.out" | head -1)
    [ -n "$port" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server did not start:"; cat "$work/server.err"; exit 1
}

stop_server() { # signal
  kill "-$1" "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  pid=""
}

# api METHOD PATH BODY REQUEST_ID [TOKEN]: prints the status; the body goes to $work/body.
api() {
  local auth=(-H "Authorization: Bearer ${5-$key}")
  [ "${5-x}" == "" ] && auth=()
  curl -s -o "$work/body" -w '%{http_code}' -X "$1" "${auth[@]}" -H "X-Request-Id: $4" \
    -H 'Content-Type: application/json' ${3:+--data "$3"} "http://127.0.0.1:$port$2"
}
field() { python3 -c "import json,sys; print(json.load(open('$work/body'))$1)"; }

# query REQUEST_ID: the audit entries of one request, one JSON object a line.
query() { "$binary" audit query --data-dir "$data" --request-id "$1"; }
count() { query "$1" | grep -c . ; }
entry_field() { query "$1" | head -1 | python3 -c "import json,sys; e=json.loads(sys.stdin.read()); print(e$2)"; }

# --- mutations and refusals while projection is held back, then SIGKILL -------------------

start_server --audit-test-projection-delay 120s
expect_eq "create store" "$(api POST /stores '{"name":"audited"}' cli-create)" 201
store=$(field "['id']")
model='{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"folder","relations":{"viewer":{"this":{}}},"metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"user"}]}}}}]}'
expect_eq "write model" "$(api POST "/stores/$store/authorization-models" "$model" cli-model)" 201
model_id=$(field "['authorization_model_id']")
expect_eq "write tuples" "$(api POST "/stores/$store/write" '{"writes":{"tuple_keys":[{"object":"folder:plans","relation":"viewer","user":"user:bob"},{"object":"folder:specs","relation":"viewer","user":"user:bob"}]}}' cli-write)" 200
expect_eq "delete tuple" "$(api POST "/stores/$store/write" '{"deletes":{"tuple_keys":[{"object":"folder:specs","relation":"viewer","user":"user:bob"}]}}' cli-delete)" 200
expect_eq "write assertions" "$(api PUT "/stores/$store/assertions/$model_id" '{"assertions":[{"tuple_key":{"object":"folder:plans","relation":"viewer","user":"user:bob"},"expectation":true}]}' cli-assert)" 204
expect_eq "create second store" "$(api POST /stores '{"name":"doomed"}' cli-create-2)" 201
doomed=$(field "['id']")
expect_eq "delete store" "$(api DELETE "/stores/$doomed" '' cli-drop)" 204
expect_eq "no token" "$(api POST "/stores/$store/check" '{}' cli-401-missing '')" 401
expect_eq "wrong key" "$(api POST "/stores/$store/write" '{}' cli-401-wrong wrong-key-wrong-key)" 401
expect_eq "check passes" "$(api POST "/stores/$store/check" '{"tuple_key":{"object":"folder:plans","relation":"viewer","user":"user:bob"}}' cli-check)" 200
sleep 0.5
# Committed and acknowledged, refusals written, mutations not yet projected: kill now.
expect_eq "write not yet projected before the kill" "$(count cli-write)" 0
expect_eq "refusal recorded at once" "$(count cli-401-missing)" 1
stop_server KILL

start_server
for _ in $(seq 1 100); do [ "$(count cli-drop)" == 1 ] && break; sleep 0.1; done
for request in cli-create cli-model cli-write cli-delete cli-assert cli-create-2 cli-drop cli-401-missing cli-401-wrong; do
  expect_eq "$request recorded once after SIGKILL and restart" "$(count $request)" 1
done
expect_eq "checks are not recorded by default" "$(count cli-check)" 0
expect_eq "create kind" "$(entry_field cli-create "['kind']")" createStore
expect_eq "model kind" "$(entry_field cli-model "['kind'], e['model_id']")" "writeModel $model_id"
expect_eq "write kind and store" "$(entry_field cli-write "['kind'], e['store_id'], e['model_id']")" "write $store $model_id"
expect_eq "write caller" "$(entry_field cli-write "['caller']['client_id'], e['caller']['source_address']")" "preshared-key-1 127.0.0.1"
expect_eq "write tuples" "$(entry_field cli-write "['tuples'][1]")" "{'object': 'folder:specs', 'operation': 'write', 'relation': 'viewer', 'user': 'user:bob'}"
expect_eq "delete tuples" "$(entry_field cli-delete "['tuples'][0]['operation']")" delete
expect_eq "assertions kind" "$(entry_field cli-assert "['kind'], e['model_id']")" "writeAssertions $model_id"
expect_eq "store deletion" "$(entry_field cli-drop "['kind'], e['store_id']")" "deleteStore $doomed"
revisions=$(for r in cli-create cli-model cli-write cli-delete cli-assert cli-create-2 cli-drop; do entry_field $r "['revision']"; done | tr '\n' ' ')
expect_eq "revisions increase by one per mutation" "$revisions" "$(seq -s ' ' 1 7) "
expect_eq "missing token refusal" "$(entry_field cli-401-missing "['kind'], e['outcome'], e['reason'], e['detail']['status'], e['store_id']")" "refusal refused missing_token 401 $store"
expect_eq "wrong key refusal" "$(entry_field cli-401-wrong "['reason'], e['detail']['operation']")" "unknown_preshared_key write"
if "$binary" audit query --data-dir "$data" --format table --actor preshared-key-1 | grep -q "cli-write"; then pass; else fail "table output lacks the write"; fi
if "$binary" audit query --data-dir "$data" --since 2000-01-01T00:00:00Z --until 2001-01-01T00:00:00Z | grep -q .; then fail "--until did not filter"; else pass; fi
# Verify works while the server runs.
if "$binary" audit verify --data-dir "$data" >"$work/verify" 2>&1; then pass; else fail "verify on a live untouched log: $(cat "$work/verify")"; fi
stop_server TERM

# A clean restart projects nothing twice.
start_server
sleep 0.5
stop_server TERM
expect_eq "no repeats after another restart" "$(count cli-write)" 1

# --- verify and tampering with the sqlite3 shell -------------------------------------------

if "$binary" audit verify --data-dir "$data" >"$work/verify" 2>&1; then pass; else fail "verify on an untouched log: $(cat "$work/verify")"; fi
"$binary" audit verify --data-dir "$work/nowhere" >/dev/null 2>&1
expect_eq "verify without a log exits 2" "$?" 2

tampered() { # label sql expected_text
  local copy=$work/tamper-$1
  mkdir -p "$copy"
  cp "$data/audit.sqlite" "$copy/"
  sqlite3 "$copy/audit.sqlite" "$2" || { fail "$1: sqlite3 refused the edit"; return; }
  "$binary" audit verify --data-dir "$copy" >"$work/verify" 2>&1
  local status=$?
  expect_eq "$1: verify exit status" "$status" 1
  if grep -q "$3" "$work/verify"; then pass; else fail "$1: verify output does not name '$3': $(cat "$work/verify")"; fi
}
tampered edit "DROP TRIGGER audit_entries_append_only; UPDATE audit_entries SET subject = 'mallory' WHERE seq = 3;" "entry 3 edited"
tampered tuple "DROP TRIGGER audit_tuples_append_only; UPDATE audit_tuples SET user = 'user:mallory' WHERE seq = (SELECT seq FROM audit_entries WHERE request_id = 'cli-write') AND ordinal = 0;" "edited"
tampered delete "DROP TRIGGER audit_entries_prune_only; DELETE FROM audit_entries WHERE seq = 4;" "entry 4 missing"
tampered swap "DROP TRIGGER audit_entries_append_only; UPDATE audit_entries SET seq = -1 WHERE seq = 2; UPDATE audit_entries SET seq = 2 WHERE seq = 5; UPDATE audit_entries SET seq = 5 WHERE seq = -1;" "entry 2 reordered"
# The triggers refuse plain edits.
if sqlite3 "$data/audit.sqlite" "UPDATE audit_entries SET subject = 'x' WHERE seq = 1;" 2>/dev/null; then fail "UPDATE was not refused"; else pass; fi
if sqlite3 "$data/audit.sqlite" "DELETE FROM audit_entries WHERE seq = 1;" 2>/dev/null; then fail "DELETE was not refused"; else pass; fi

# --- retention -----------------------------------------------------------------------------

total_before=$("$binary" audit query --data-dir "$data" | grep -c .)
sleep 3
start_server --audit-retention 2s
expect_eq "write after restart" "$(api POST "/stores/$store/write" '{"writes":{"tuple_keys":[{"object":"folder:new","relation":"viewer","user":"user:ann"}]}}' cli-new)" 200
for _ in $(seq 1 50); do [ "$(count cli-new)" == 1 ] && break; sleep 0.1; done
stop_server TERM
expect_eq "new entry kept" "$(count cli-new)" 1
expect_eq "old entries pruned" "$(count cli-write)" 0
kinds=$("$binary" audit query --data-dir "$data" | python3 -c "import json,sys; print(' '.join(sorted({json.loads(l)['kind'] for l in sys.stdin})))")
expect_eq "what remains" "$kinds" "prune write"
pruned=$("$binary" audit query --data-dir "$data" --kind prune | tail -1 | python3 -c "import json,sys; print(json.loads(sys.stdin.read())['detail']['pruned_total'])")
expect_eq "pruned count" "$pruned" "$total_before"
if "$binary" audit verify --data-dir "$data" >"$work/verify" 2>&1; then pass; else fail "verify after pruning: $(cat "$work/verify")"; fi
if grep -q "$total_before pruned" "$work/verify"; then pass; else fail "verify does not report the pruned entries: $(cat "$work/verify")"; fi

# --- check decisions (--audit-decisions) and GET /stores/{id}/audit -------------------------

# Bounded: a server that wrongly starts is stopped, and the message check then fails.
timeout 20 "$binary" serve --data-dir "$work/refused" --http-addr 127.0.0.1:0 --audit-decisions sometimes >/dev/null 2>"$work/refused.err"
if [ $? -ne 0 ] && grep -q -- "--audit-decisions must be" "$work/refused.err"; then pass; else fail "a bad --audit-decisions was not refused naming the flag: $(cat "$work/refused.err")"; fi
TESSERA_AUDIT_DECISIONS=sampled:2 timeout 20 "$binary" serve --data-dir "$work/refused" --http-addr 127.0.0.1:0 >/dev/null 2>"$work/refused.err"
if [ $? -ne 0 ] && grep -q -- "--audit-decisions must be" "$work/refused.err"; then pass; else fail "a bad TESSERA_AUDIT_DECISIONS was not refused: $(cat "$work/refused.err")"; fi
timeout 20 "$binary" serve --data-dir "$work/refused" --http-addr 127.0.0.1:0 --audit off --audit-decisions denied >/dev/null 2>"$work/refused.err"
if [ $? -ne 0 ] && grep -q -- "--audit-decisions denied needs --audit on" "$work/refused.err"; then pass; else fail "--audit-decisions with --audit off was not refused: $(cat "$work/refused.err")"; fi

data=$work/decisions
start_server --audit-decisions denied
expect_eq "create store (decisions)" "$(api POST /stores '{"name":"decided"}' dec-create)" 201
store=$(field "['id']")
expect_eq "write model (decisions)" "$(api POST "/stores/$store/authorization-models" "$model" dec-model)" 201
expect_eq "write tuple (decisions)" "$(api POST "/stores/$store/write" '{"writes":{"tuple_keys":[{"object":"folder:plans","relation":"viewer","user":"user:bob"}]}}' dec-write)" 200
expect_eq "allowed check" "$(api POST "/stores/$store/check" '{"tuple_key":{"object":"folder:plans","relation":"viewer","user":"user:bob"}}' dec-allow)$(field "['allowed']")" 200True
expect_eq "denied check" "$(api POST "/stores/$store/check" '{"tuple_key":{"object":"folder:plans","relation":"viewer","user":"user:eve"}}' dec-deny)$(field "['allowed']")" 200False
for _ in $(seq 1 50); do [ "$(count dec-deny)" == 1 ] && [ "$(count dec-write)" == 1 ] && break; sleep 0.1; done
expect_eq "denied decision recorded" "$(entry_field dec-deny "['kind'], e['outcome'], e['detail']['user'], e['caller']['client_id']")" "decision denied user:eve preshared-key-1"
expect_eq "allowed decision not recorded with 'denied'" "$(count dec-allow)" 0
expect_eq "audit query --kind decision" "$("$binary" audit query --data-dir "$data" --kind decision | python3 -c "import json,sys; print([json.loads(l)['request_id'] for l in sys.stdin])")" "['dec-deny']"
expect_eq "endpoint: decisions" "$(api GET "/stores/$store/audit?kind=decision" '' dec-read)" 200
expect_eq "endpoint: the denied decision, alone" "$(field "['entries'][0]['request_id']") $(field "['continuation_token']")" "dec-deny "
expect_eq "endpoint: first page of one" "$(api GET "/stores/$store/audit?page_size=1" '' dec-page)" 200
token=$(field "['continuation_token']")
first_seq=$(field "['entries'][0]['seq']")
[ -n "$token" ] && pass || fail "endpoint: no continuation token after a full page"
expect_eq "endpoint: second page" "$(api GET "/stores/$store/audit?page_size=1&continuation_token=$token" '' dec-page-2)" 200
expect_eq "endpoint: the second page continues after the first" "$(field "['entries'][0]['seq'] > $first_seq")" True
expect_eq "endpoint: a foreign token" "$(api GET "/stores/$store/audit?kind=write&continuation_token=$token" '' dec-bad)$(field "['code']")" 400invalid_continuation_token
stop_server TERM
start_server --audit off
expect_eq "endpoint with --audit off" "$(api GET "/stores/$store/audit" '' dec-off)$(field "['code']")" 400audit_disabled
stop_server TERM

echo "audit CLI tests: $checks passed, $failures failed"
[ "$failures" -eq 0 ]
