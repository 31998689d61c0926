#!/usr/bin/env bash
# Runs `tessera model validate` and `tessera model transform` from outside, on OpenFGA's
# conformance data, and checks exit statuses and output: `FILE:LINE:COL: error: message`,
# then the source line and a caret; transforms that read back; with `fga` on the PATH, JSON
# output byte for byte equal to `fga model transform`'s.
#
#   scripts/model-cli-tests.sh .build/debug/tessera
#
# The conformance data is found as the Swift tests find it: $TESSERA_SHARED_DIR, ../shared
# next to the repository, or /work/shared.
set -uo pipefail

binary=${1:?usage: $0 TESSERA_BINARY}
[ -x "$binary" ] || { echo "not an executable: $binary" >&2; exit 2; }
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
repository=$(cd "$(dirname "$0")/.." && pwd)
shared=${TESSERA_SHARED_DIR:-}
for candidate in "$shared" "$repository/../shared" /work/shared; do
  if [ -n "$candidate" ] && [ -d "$candidate/conformance/language" ]; then shared=$candidate; break; fi
done
language=$shared/conformance/language
[ -d "$language" ] || { echo "conformance data not found (set TESSERA_SHARED_DIR)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

fail() { failures=$((failures + 1)); echo "FAIL: $*"; }
pass() { checks=$((checks + 1)); }

# The output of a failed validation must start with a located diagnostic, its source line
# and a caret line.
check_format() { # label output_file file_name
  local first second third
  first=$(sed -n 1p "$2"); second=$(sed -n 2p "$2"); third=$(sed -n 3p "$2")
  if ! [[ $first =~ ^$3:[0-9]+:[0-9]+:\ error:\ .+ ]]; then fail "$1: first line is not FILE:LINE:COL: error: ...: $first"; return; fi
  if [ -z "$second" ] || ! [[ $third =~ ^[[:space:]]*\^~*$ ]]; then fail "$1: no source line and caret after: $first"; return; fi
  pass
}

# --- DSL validation cases (the block-literal ones; the Swift tests read every case) -------

# Splits a YAML case file into case files: NNN.fga and NNN.meta (name, skip, first error line).
extract_cases() { # yaml_file out_dir
  awk -v out="$2" '
    function flush() {
      if (n > 0 && has_dsl) {
        printf "%s", dsl > (out "/" n ".fga"); close(out "/" n ".fga")
        printf "name=%s\nskip=%s\nerrors=%s\nline=%s\n", name, skip, errors, line > (out "/" n ".meta"); close(out "/" n ".meta")
      }
    }
    /^- name: / { flush(); n++; name = substr($0, 9); gsub(/^"|"$/, "", name); skip = "no"; errors = "no"; line = ""; has_dsl = 0; in_dsl = 0; want_line = 0; next }
    in_dsl {
      if ($0 ~ /^    / || $0 ~ /^ *$/) { s = $0; sub(/^    /, "", s); if (s ~ /^ *$/) s = ""; dsl = dsl s "\n"; next }
      in_dsl = 0
    }
    /^  dsl: \|-?$/ { in_dsl = 1; has_dsl = 1; dsl = ""; next }
    /^  skip: true/ { skip = "yes" }
    /^  expected_errors: *\[\] *$/ { errors = "no"; next }
    /^    - msg:/ { if (errors == "no") { errors = "yes"; want_line = 1 } }
    want_line && /^        start: [0-9]+/ { line = $2; want_line = 0 }
    END { flush() }
  ' "$1"
}

for file in dsl-syntax-validation-cases.yaml dsl-semantic-validation-cases.yaml; do
  dir=$work/${file%.yaml}
  mkdir -p "$dir"
  extract_cases "$language/$file" "$dir"
  count=$(ls "$dir"/*.fga 2>/dev/null | wc -l)
  [ "$count" -ge 60 ] || fail "$file: only $count cases extracted"
  for model in "$dir"/*.fga; do
    meta=${model%.fga}.meta
    name=$(sed -n 's/^name=//p' "$meta"); skip=$(sed -n 's/^skip=//p' "$meta")
    errors=$(sed -n 's/^errors=//p' "$meta"); line=$(sed -n 's/^line=//p' "$meta")
    # OpenFGA's server refuses these as cycles (the language data lists them as valid).
    [[ $name == "union does not require all child to have entry"* ]] && errors=yes && line=""
    (cd "$dir" && "$binary" model validate "$(basename "$model")") > "$work/out" 2>&1
    status=$?
    label="$file: $name"
    if [ "$errors" = yes ] || [ "$skip" = yes ]; then
      [ $status -eq 1 ] || { fail "$label: exit status $status, expected 1"; continue; }
      check_format "$label" "$work/out" "$(basename "$model")"
      if [ -n "$line" ] && [ "$skip" = no ]; then
        grep -q "^$(basename "$model"):$((line + 1)):[0-9]*: error: " "$work/out" && pass || fail "$label: no error on line $((line + 1)): $(head -1 "$work/out")"
      fi
    else
      [ $status -eq 0 ] && [ ! -s "$work/out" ] && pass || fail "$label: exit status $status, output: $(head -3 "$work/out")"
    fi
  done
done

# --- Transformer pairs: validation, both transforms, agreement with fga -------------------

fga_available=no
command -v fga > /dev/null 2>&1 && fga_available=yes
for dir in "$language"/transformer/*/; do
  name=$(basename "$dir")
  dsl=$dir/authorization-model.fga
  json=$dir/authorization-model.json
  case $name in
    14-mixed-operators | 15-mixed-operators-with-direct-assignments-once-beginning-of-line) expected=1 ;;
    *) expected=0 ;;
  esac
  for model in "$dsl" "$json"; do
    "$binary" model validate "$model" > "$work/out" 2>&1
    status=$?
    [ $status -eq $expected ] && pass || fail "validate $name/$(basename "$model"): exit status $status, expected $expected: $(head -1 "$work/out")"
    [ $expected -eq 1 ] && check_format "validate $name/$(basename "$model")" "$work/out" "$model"
  done
  # DSL → JSON → DSL gives the file back (fga prints one more line break).
  if "$binary" model transform "$dsl" > "$work/model.json" 2> "$work/err"; then
    "$binary" model transform --from json --to fga - < "$work/model.json" > "$work/model.fga" 2> "$work/err"
    cmp -s "$work/model.fga" <(cat "$dsl"; echo) && pass || fail "transform $name: DSL → JSON → DSL differs from the file"
  else
    fail "transform $name: $(head -1 "$work/err")"
  fi
  "$binary" model transform "$json" > "$work/model.fga" 2> "$work/err"
  cmp -s "$work/model.fga" <(cat "$dsl"; echo) && pass || fail "transform $name: JSON → DSL differs from the .fga file"
  if [ $fga_available = yes ]; then
    fga model transform --file "$dsl" > "$work/fga.json" 2> /dev/null
    cmp -s "$work/model.json" "$work/fga.json" && pass || fail "transform $name: JSON differs from fga model transform's"
  fi
done

# --- Modular models ----------------------------------------------------------------------

for dir in "$language"/transformer-module/*/; do
  name=$(basename "$dir")
  [ -d "$dir/module" ] || continue
  mkdir -p "$work/$name"
  cp "$dir"/module/*.fga "$work/$name/"
  { echo "schema: '1.2'"; echo "contents:"; for module in $(cd "$dir/module" && ls *.fga | sort); do echo "  - $module"; done; } > "$work/$name/fga.mod"
  (cd "$work/$name" && "$binary" model validate fga.mod) > "$work/out" 2>&1
  status=$?
  if [ -f "$dir/expected_errors.json" ]; then
    [ $status -eq 1 ] && pass || fail "validate $name/fga.mod: exit status $status, expected 1"
    # Each expected error: "file": "x.fga" and, below it, "line": { "start": N.
    awk '/"file"/ { gsub(/[",]/, "", $2); file = $2 } /"start"/ && file != "" { if (in_line) { gsub(/,/, "", $2); print file ":" $2 + 1; file = "" } } /"line"/ { in_line = 1; next } /"column"/ { in_line = 0 }' \
      "$dir/expected_errors.json" | while read -r place; do
      grep -q "^$place:[0-9]*: error: " "$work/out" || echo "FAIL: validate $name/fga.mod: no error at $place"
    done > "$work/missing"
    [ -s "$work/missing" ] && { cat "$work/missing"; failures=$((failures + $(wc -l < "$work/missing"))); } || pass
  else
    [ $status -eq 0 ] && pass || fail "validate $name/fga.mod: exit status $status: $(head -1 "$work/out")"
    if [ -f "$dir/combined-sourceinfo.fga" ]; then
      (cd "$work/$name" && "$binary" model transform --to fga fga.mod) > "$work/combined.fga" 2>&1
      cmp -s "$work/combined.fga" <(cat "$dir/combined-sourceinfo.fga"; echo) && pass || fail "transform $name/fga.mod: DSL differs from combined-sourceinfo.fga"
    fi
  fi
done

# --- Command behaviour ---------------------------------------------------------------------

printf 'model\n  schema 1.1\ntype user\n' | "$binary" model transform --from fga - > "$work/out" 2>&1
grep -q '"type_definitions":\[{"type":"user"}\]' "$work/out" && pass || fail "transform from standard input: $(cat "$work/out")"
"$binary" model validate "$work/does-not-exist.fga" > "$work/out" 2>&1
[ $? -eq 1 ] && grep -q "does-not-exist.fga: error:" "$work/out" && pass || fail "validate of a missing file: $(cat "$work/out")"
printf '{"schema_version":"1.1","type_definitions":[{"type":"user","relations":{"r":{"computedUserset":{"relation":"x"}}}}]}\n' > "$work/bad.json"
"$binary" model validate "$work/bad.json" > "$work/out" 2>&1
[ $? -eq 1 ] && grep -q "^$work/bad.json:1:[0-9]*: error: the relation \`x\` does not exist" "$work/out" && pass || fail "validate of a JSON model: $(cat "$work/out")"
printf 'model\n  schema 1.1\ntype user\n  relations\n    define r: a but not [user]\n' > "$work/bad.fga"
"$binary" model transform "$work/bad.fga" > "$work/out" 2>&1
[ $? -eq 1 ] && check_format "transform of a DSL syntax error" "$work/out" "$work/bad.fga" || fail "transform of a DSL syntax error: $(cat "$work/out")"

echo "model CLI: $checks checks passed, $failures failed (fga comparison: $fga_available)"
[ $failures -eq 0 ]
