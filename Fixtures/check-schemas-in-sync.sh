#!/usr/bin/env bash
# Checks that every fixture's inline model is byte-identical to its schema file.
#
# Each fixture embeds its model as a `model: |` block (two-space indent) so it runs anywhere,
# with no path outside Fixtures/. The canonical text lives in Schemas/<name>.fga. A fixture
# Fixtures/<base>.fga.yaml belongs to Schemas/<base>.fga; when there is no such file, trailing
# "-suffix" parts are dropped one by one (github-enterprise -> github).
#
#   Fixtures/check-schemas-in-sync.sh          check; exit 1 on any difference
#   Fixtures/check-schemas-in-sync.sh --fix    rewrite the inline models from Schemas/
#
# Also fails when a schema has no fixture. Needs only bash, awk and cmp.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
schemas="$(cd "$here/../Schemas" && pwd)"
fix=0
[ "${1:-}" = "--fix" ] && fix=1

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The inline model: lines after `model: |` up to the next line that is neither empty nor
# indented, with the two-space indent removed and trailing empty lines dropped (YAML's
# default "clip" chomping keeps exactly one final newline).
extract() {
  awk '
    /^model: \|[ \t]*$/ { inblock = 1; found = 1; next }
    inblock && /^$/     { pending = pending "\n"; next }
    inblock && /^  /    { printf "%s%s\n", pending, substr($0, 3); pending = ""; next }
    inblock             { inblock = 0 }
    END                 { if (!found) exit 3 }
  ' "$1"
}

# Rewrites the block in place with the schema's text.
replace() {
  awk -v schema="$2" '
    /^model: \|[ \t]*$/ {
      print
      while ((getline line < schema) > 0) print (line == "" ? "" : "  " line)
      inblock = 1; next
    }
    inblock && (/^$/ || /^  /) { next }
    inblock { inblock = 0 }
    { print }
  ' "$1" > "$tmp/rewritten"
  cat "$tmp/rewritten" > "$1"
}

schema_for() {
  local base="$1"
  while :; do
    if [ -f "$schemas/$base.fga" ]; then echo "$schemas/$base.fga"; return 0; fi
    case "$base" in *-*) base="${base%-*}" ;; *) return 1 ;; esac
  done
}

status=0
declare -A covered=()
shopt -s nullglob
for fixture in "$here"/*.fga.yaml; do
  name="$(basename "$fixture" .fga.yaml)"
  if ! schema="$(schema_for "$name")"; then
    echo "NO SCHEMA  $(basename "$fixture"): no Schemas/$name.fga (nor a shorter -prefix)"
    status=1; continue
  fi
  covered["$(basename "$schema")"]=1
  if ! extract "$fixture" > "$tmp/inline"; then
    echo "NO MODEL   $(basename "$fixture"): no 'model: |' block"
    status=1; continue
  fi
  if cmp -s "$tmp/inline" "$schema"; then
    echo "in sync    $(basename "$fixture") = Schemas/$(basename "$schema")"
  elif [ "$fix" = 1 ]; then
    replace "$fixture" "$schema"
    echo "fixed      $(basename "$fixture") <- Schemas/$(basename "$schema")"
  else
    echo "DIFFERS    $(basename "$fixture") vs Schemas/$(basename "$schema"):"
    diff -u "$schema" "$tmp/inline" | sed 's/^/    /' || true
    status=1
  fi
done

for schema in "$schemas"/*.fga; do
  if [ -z "${covered[$(basename "$schema")]:-}" ]; then
    echo "NO FIXTURE Schemas/$(basename "$schema")"
    status=1
  fi
done

[ "$status" = 0 ] && echo "all fixtures match their schemas" || echo "schema/fixture mismatch (run with --fix to copy Schemas/ into the fixtures)"
exit "$status"
