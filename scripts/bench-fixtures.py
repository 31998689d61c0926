#!/usr/bin/env python3
"""Wall time of `tessera test` against `fga model test --tests`, on the same files.

    scripts/bench-fixtures.py TESSERA [--repeat N] [--fixtures DIR] [--out DIR]

(a) every fixture in Fixtures/ (one `tessera test Fixtures/` run against one
    `fga model test --tests 'Fixtures/*.fga.yaml'` run), where process start-up dominates;
(b) one large generated fixture: a document-sharing model (nested groups, a folder tree,
    documents) with about 31,000 tuples in a CSV tuple file and about 1,000 assertions
    (checks, list_objects, list_users) whose expected values this script computes itself,
    so both tools must pass it.

Each command runs N times (default 3); the median wall time counts. Both tools must pass
every file (exit 0), else the timing is void. Prints both ratios (fga / tessera). Not a
CI gate; `make bench-fixtures` runs it on a release build.
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import time

MODEL = """model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define parent: [folder]
    define viewer: [user, group#member] or viewer from parent
type doc
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user, group#member] or owner
    define viewer: [user, group#member] or editor or viewer from parent
"""


def generate(out, seed=42, users=2000, groups=200, folders=500, docs=10000):
    """Writes large.fga.yaml and large.tuples.csv to `out`; returns (tuples, assertions)."""
    rng = random.Random(seed)
    rows = []

    # Groups: 20 direct members each; every tenth group also holds the next group.
    group_users = {g: set(rng.sample(range(users), 20)) for g in range(groups)}
    nested = {g: ({g + 1} if g % 10 == 0 and g + 1 < groups else set()) for g in range(groups)}
    for g, members in group_users.items():
        rows += [("user", "u%d" % u, "", "member", "group", "g%d" % g) for u in sorted(members)]
    for g, children in nested.items():
        rows += [("group", "g%d" % c, "member", "member", "group", "g%d" % g) for c in sorted(children)]

    members_memo = {}

    def members(g):
        if g not in members_memo:
            result = set(group_users[g])
            for c in nested[g]:
                result |= members(c)
            members_memo[g] = result
        return members_memo[g]

    # Folders: a tree (parent of f is (f - 1) // 5), each with one user and one group viewer.
    folder_parent = {f: (f - 1) // 5 for f in range(1, folders)}
    folder_direct = {}
    for f in range(folders):
        u, g = rng.randrange(users), rng.randrange(groups)
        folder_direct[f] = {u} | members(g)
        rows.append(("user", "u%d" % u, "", "viewer", "folder", "f%d" % f))
        rows.append(("group", "g%d" % g, "member", "viewer", "folder", "f%d" % f))
        if f in folder_parent:
            rows.append(("folder", "f%d" % folder_parent[f], "", "parent", "folder", "f%d" % f))
    folder_viewers = {}
    for f in range(folders):  # parents have smaller numbers
        folder_viewers[f] = folder_direct[f] | (folder_viewers[folder_parent[f]] if f in folder_parent else set())

    # Documents: a parent folder and an owner each; every other one a group editor.
    doc_parent, doc_editors = {}, {}
    for d in range(docs):
        f, owner = rng.randrange(folders), rng.randrange(users)
        doc_parent[d] = f
        rows.append(("folder", "f%d" % f, "", "parent", "doc", "d%d" % d))
        rows.append(("user", "u%d" % owner, "", "owner", "doc", "d%d" % d))
        editors = {owner}
        if d % 2 == 0:
            g = rng.randrange(groups)
            rows.append(("group", "g%d" % g, "member", "editor", "doc", "d%d" % d))
            editors |= members(g)
        doc_editors[d] = editors

    def doc_viewers(d):
        return doc_editors[d] | folder_viewers[doc_parent[d]]

    # Assertions: 900 checks (half picked among the document's viewers), 50 list_objects
    # on folders, 50 list_users on documents.
    checks = []
    for _ in range(900):
        d = rng.randrange(docs)
        viewers = doc_viewers(d)
        u = rng.choice(sorted(viewers)) if rng.random() < 0.5 else rng.randrange(users)
        relation = rng.choice(["viewer", "viewer", "editor"])
        expected = u in (viewers if relation == "viewer" else doc_editors[d])
        checks.append("      - {user: user:u%d, object: doc:d%d, assertions: {%s: %s}}" % (u, d, relation, "true" if expected else "false"))
    list_objects = []
    for _ in range(50):
        u = rng.randrange(users)
        found = ["folder:f%d" % f for f in range(folders) if u in folder_viewers[f]]
        list_objects.append("      - {user: user:u%d, type: folder, assertions: {viewer: [%s]}}" % (u, ", ".join(found)))
    list_users = []
    for _ in range(50):
        d = rng.randrange(docs)
        found = ["user:u%d" % u for u in sorted(doc_viewers(d))]
        list_users.append(
            "      - {object: doc:d%d, user_filter: [{type: user}], assertions: {viewer: {users: [%s]}}}" % (d, ", ".join(found)))

    with open(os.path.join(out, "large.tuples.csv"), "w") as handle:
        handle.write("user_type,user_id,user_relation,relation,object_type,object_id\n")
        handle.writelines(",".join(row) + "\n" for row in rows)
    with open(os.path.join(out, "large.fga.yaml"), "w") as handle:
        handle.write("name: large generated fixture\nmodel: |\n")
        handle.writelines("  " + line + "\n" for line in MODEL.splitlines())
        handle.write("tuple_file: large.tuples.csv\ntests:\n")
        handle.write("  - name: checks\n    check:\n" + "\n".join(checks) + "\n")
        handle.write("  - name: lists\n    list_objects:\n" + "\n".join(list_objects) + "\n")
        handle.write("    list_users:\n" + "\n".join(list_users) + "\n")
    return len(rows), len(checks) + len(list_objects) + len(list_users)


def timed(command, repeat, cwd=None):
    """Median wall time of `command` over `repeat` runs; exits when it fails."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if run.returncode != 0:
            sys.exit("bench-fixtures: %s failed (exit %d):\n%s%s" % (" ".join(command), run.returncode, run.stdout[-2000:], run.stderr[-2000:]))
    return statistics.median(times), times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tessera")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fixtures", default="Fixtures")
    parser.add_argument("--out", default=".build/bench-fixtures")
    args = parser.parse_args()
    tessera = os.path.abspath(args.tessera)
    os.makedirs(args.out, exist_ok=True)
    tuples, assertions = generate(args.out)
    fixtures = sorted(f for f in os.listdir(args.fixtures) if f.endswith(".fga.yaml"))

    print("(a) %s: %d files" % (args.fixtures, len(fixtures)))
    ours_a, all_a = timed([tessera, "test", args.fixtures], args.repeat)
    theirs_a, all_fa = timed(["fga", "model", "test", "--tests", os.path.join(args.fixtures, "*.fga.yaml")], args.repeat)
    print("    tessera test        median %.3f s  (%s)" % (ours_a, ", ".join("%.3f" % t for t in all_a)))
    print("    fga model test      median %.3f s  (%s)" % (theirs_a, ", ".join("%.3f" % t for t in all_fa)))
    print("    ratio fga/tessera   %.1fx" % (theirs_a / ours_a))

    print("(b) %s/large.fga.yaml: %d tuples, %d assertions" % (args.out, tuples, assertions))
    ours_b, all_b = timed([tessera, "test", "large.fga.yaml"], args.repeat, cwd=args.out)
    theirs_b, all_fb = timed(["fga", "model", "test", "--tests", "large.fga.yaml"], args.repeat, cwd=args.out)
    print("    tessera test        median %.3f s  (%s)" % (ours_b, ", ".join("%.3f" % t for t in all_b)))
    print("    fga model test      median %.3f s  (%s)" % (theirs_b, ", ".join("%.3f" % t for t in all_fb)))
    print("    ratio fga/tessera   %.1fx" % (theirs_b / ours_b))


if __name__ == "__main__":
    main()
