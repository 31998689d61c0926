#!/usr/bin/env bash
# Exercises `tessera condition eval` from outside: output JSON, exit statuses (0 success,
# 1 evaluation error, 2 parse/type/input error), the --name=value form and expressions
# that start with '-'.
#
#   scripts/condition-cli-tests.sh .build/debug/tessera
set -uo pipefail

BINARY=${1:?usage: $0 path/to/tessera}
passed=0
failed=0
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

# check exact|prefix STATUS EXPECTED -- ARGS...: runs `condition eval ARGS` and compares the
# exit status and stdout (whole, or its start for messages whose tail need not be pinned).
check() {
    local mode=$1 status=$2 expected=$3
    shift 4
    local output actual matched=no
    output=$("$BINARY" condition eval "$@" 2>"$workdir/stderr")
    actual=$?
    if [[ $mode == exact && $output == "$expected" ]] || [[ $mode == prefix && $output == "$expected"* ]]; then
        matched=yes
    fi
    if [[ $actual == "$status" && $matched == yes ]]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: condition eval $*"
        echo "  expected status $status, output ($mode): $expected"
        echo "  actual   status $actual, output: $output"
        sed 's/^/  stderr: /' "$workdir/stderr"
    fi
}
expect() { check exact "$@"; }
expect_prefix() { check prefix "$@"; }

# Values of each kind.
expect 0 '{"type":"int","value":3}' -- --expression '1 + 2'
expect 0 '{"type":"uint","value":18446744073709551615}' -- --expression '18446744073709551615u'
expect 0 '{"type":"double","value":"NaN"}' -- --expression '0.0 / 0.0'
expect 0 '{"type":"double","value":"-Infinity"}' -- --expression '-1.0 / 0.0'
expect 0 '{"type":"string","value":"a\"b"}' -- --expression "'a\"b'"
expect 0 '{"type":"list<int>","value":[2,4]}' -- --expression '[1, 2].map(x, x * 2)'
expect 0 '{"type":"list<any>","value":[]}' -- --expression '[]'
expect 0 '{"type":"map<string>","value":{"k":"v"}}' -- --expression "{'k': 'v'}"
expect 0 '{"type":"duration","value":"5400s"}' -- --expression "duration('1h30m')"
expect 0 '{"type":"timestamp","value":"2023-10-11T10:00:00+02:00"}' -- --expression "timestamp('2023-10-11T10:00:00+02:00')"
expect 0 '{"type":"timestamp","value":"2023-10-11T08:00:00.5Z"}' -- --expression "timestamp('2023-10-11T08:00:00.500Z')"
expect 0 '{"type":"null","value":null}' -- --expression 'null'

# Parameters, context, ip addresses.
expect 0 '{"type":"bool","value":true}' -- --expression 'x < 100' --param x:int --context '{"x": 10}'
expect 0 '{"type":"bool","value":true}' -- --expression 'ips.exists(ip, ip.in_cidr("10.0.0.0/8"))' \
    --param 'ips:list<ipaddress>' --context '{"ips": ["192.168.0.1", "::ffff:10.1.2.3"]}'
expect 0 '{"type":"list<ipaddress>","value":["10.0.0.1"]}' -- --expression 'ips' --param 'ips:list<ipaddress>' --context '{"ips":["::ffff:10.0.0.1"]}'
expect 0 '{"type":"bool","value":true}' -- --expression 'now < grant + ttl' --param now:timestamp --param grant:timestamp \
    --param ttl:duration --context '{"now":"2024-01-01T00:10:00Z","grant":"2024-01-01T00:00:00Z","ttl":"1h"}'

# The --name=value form, and expressions starting with '-'.
expect 0 '{"type":"int","value":-5}' -- --expression=-5
expect 0 '{"type":"int","value":-4}' -- --expression '-x + 1' --param x:int --context '{"x":5}'
expect 0 '{"type":"int","value":-9223372036854775808}' -- --expression=-9223372036854775808
expect 0 '{"type":"bool","value":false}' -- --expression=x\>1 --param=x:int --context='{"x":1}'

# Evaluation errors: status 1.
expect 1 '{"error":"division by zero","code":"evaluation","position":2}' -- --expression '1 / 0'
expect 1 '{"error":"integer overflow","code":"evaluation","position":20}' -- --expression '9223372036854775807 + 1'
expect 1 '{"error":"context is missing parameters '"'"'[y]'"'"'","code":"missing_parameters","position":11,"missing_parameters":["y"]}' -- \
    --expression 'x < 100 || y < 50' --param x:int --param y:int --context '{"x":10}'
expect_prefix 1 '{"error":"failed to convert context parameter '"'"'x'"'"'' -- --expression 'x < 1' --param x:int --context '{"x":1.5}'
expect_prefix 1 '{"error":"operation cancelled: actual cost limit exceeded' -- --expression '[1,2,3,4,5,6,7,8,9,10].all(x, x > 0)' --cost-budget 20

# Parse and type errors: status 2.
expect 2 '{"error":"undeclared reference to '"'"'y'"'"'","code":"type","position":0}' -- --expression 'y > 1'
expect 2 '{"error":"found no matching overload for '"'"'+'"'"' applied to '"'"'(int, string)'"'"'","code":"type","position":2}' -- --expression "1 + 'a'"
expect_prefix 2 '{"error":"expected an expression, found end of expression","code":"syntax","position":3}' -- --expression '1 +'
expect_prefix 2 '{"error":"--param' -- --expression 'x' --param 'x:list<list<int>>'
expect_prefix 2 '{"error":"--context is not valid JSON' -- --expression '1' --context '{'
expect_prefix 2 '{"error":"give either --model' -- --context '{}'

# Conditions from a model file (OpenFGA JSON form).
cat >"$workdir/model.json" <<'JSON'
{"schema_version":"1.1","type_definitions":[{"type":"user"}],
 "conditions":{"non_expired_grant":{"name":"non_expired_grant","expression":"current_time < grant_time + grant_duration",
   "parameters":{"current_time":{"type_name":"TYPE_NAME_TIMESTAMP"},"grant_time":{"type_name":"TYPE_NAME_TIMESTAMP"},
                 "grant_duration":{"type_name":"TYPE_NAME_DURATION"}}}}}
JSON
grant='"grant_time":"2024-01-01T00:00:00Z","grant_duration":"1h"'
expect 0 '{"type":"bool","value":true}' -- --model "$workdir/model.json" --condition non_expired_grant \
    --context "{\"current_time\":\"2024-01-01T00:59:59Z\",$grant}"
expect 0 '{"type":"bool","value":false}' -- --model="$workdir/model.json" --condition=non_expired_grant \
    --context="{\"current_time\":\"2024-01-01T01:00:00Z\",$grant}"
expect_prefix 1 '{"error":"context is missing parameters' -- --model "$workdir/model.json" --condition non_expired_grant --context '{}'
expect_prefix 2 '{"error":"the model has no condition '"'"'nope'"'"'' -- --model "$workdir/model.json" --condition nope
expect_prefix 2 '{"error":"cannot read model file' -- --model "$workdir/missing.json" --condition x
# JSON is told by its text when the name does not say (here no .json suffix).
cp "$workdir/model.json" "$workdir/model-json.txt"
expect 0 '{"type":"bool","value":true}' -- --model "$workdir/model-json.txt" --condition non_expired_grant \
    --context "{\"current_time\":\"2024-01-01T00:59:59Z\",$grant}"
# The same condition from a DSL model file.
cat >"$workdir/model.fga" <<'FGA'
model
  schema 1.1
type user
condition non_expired_grant(current_time: timestamp, grant_time: timestamp, grant_duration: duration) {
  current_time < grant_time + grant_duration
}
FGA
expect 0 '{"type":"bool","value":true}' -- --model "$workdir/model.fga" --condition non_expired_grant \
    --context "{\"current_time\":\"2024-01-01T00:59:59Z\",$grant}"
expect 0 '{"type":"bool","value":false}' -- --model "$workdir/model.fga" --condition non_expired_grant \
    --context "{\"current_time\":\"2024-01-01T01:00:00Z\",$grant}"
printf 'model\n  schema 1.1\ntype\n' >"$workdir/broken.fga"
expect_prefix 2 '{"error":"invalid model file' -- --model "$workdir/broken.fga" --condition x

echo "condition CLI: $passed passed, $failed failed"
[[ $failed == 0 ]]
