#!/usr/bin/env python3
"""Checks that the fixtures exercise every relation of every schema.

For each Schemas/<name>.fga, every relation of every type must be asserted at least once
true and once false by a `check` in the fixtures that belong to it (Fixtures/<name>.fga.yaml
and Fixtures/<name>-*.fga.yaml), and each of those fixtures must also hold list_objects and
list_users assertions. Prints the assertion counts per fixture; exits 1 when something is
missing. Needs python3 with PyYAML.

    python3 Fixtures/check-coverage.py
"""
import pathlib
import re
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
SCHEMAS = HERE.parent / "Schemas"


def relations(schema_text):
    """(type, relation) pairs of a DSL model, read line by line."""
    pairs, current = [], None
    for line in schema_text.splitlines():
        m = re.match(r"^type\s+(\S+)", line)
        if m:
            current = m.group(1)
            continue
        m = re.match(r"^\s+define\s+(\w+)\s*:", line)
        if m and current:
            pairs.append((current, m.group(1)))
        if re.match(r"^condition\s", line):
            current = None
    return pairs


def schema_for(fixture):
    base = fixture.name[: -len(".fga.yaml")]
    while True:
        path = SCHEMAS / f"{base}.fga"
        if path.exists():
            return path
        if "-" not in base:
            return None
        base = base.rsplit("-", 1)[0]


def main():
    failures = []
    seen = {}  # schema path -> {(type, relation): set of outcomes}
    for fixture in sorted(HERE.glob("*.fga.yaml")):
        schema = schema_for(fixture)
        if schema is None:
            failures.append(f"{fixture.name}: no schema")
            continue
        doc = yaml.safe_load(fixture.read_text())
        outcomes = seen.setdefault(schema, {})
        checks = list_objects = list_users = 0
        for test in doc.get("tests", []):
            for c in test.get("check", []) or []:
                users = c.get("users") or [c.get("user")]
                objects = c.get("objects") or [c.get("object")]
                for rel, expected in c["assertions"].items():
                    checks += len(users) * len(objects)
                    for obj in objects:
                        outcomes.setdefault((obj.split(":", 1)[0], rel), set()).add(bool(expected))
            for lo in test.get("list_objects", []) or []:
                list_objects += len(lo["assertions"])
            for lu in test.get("list_users", []) or []:
                list_users += len(lu["assertions"])
        print(f"{fixture.name:32} checks {checks:4}  list_objects {list_objects:3}  list_users {list_users:3}")
        if not list_objects:
            failures.append(f"{fixture.name}: no list_objects assertion")
        if not list_users:
            failures.append(f"{fixture.name}: no list_users assertion")

    for schema in sorted(SCHEMAS.glob("*.fga")):
        if schema not in seen:
            failures.append(f"{schema.name}: no fixture")
            continue
        for pair in relations(schema.read_text()):
            got = seen[schema].get(pair, set())
            for want in (True, False):
                if want not in got:
                    failures.append(f"{schema.name}: {pair[0]}#{pair[1]} never checked {str(want).lower()}")

    for f in failures:
        print("MISSING", f)
    print("every relation is checked both ways" if not failures else f"{len(failures)} gap(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
