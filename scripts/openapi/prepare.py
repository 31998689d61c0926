#!/usr/bin/env python3
"""Prepare a running Tessera for schemathesis.sh: seed a store and write the run's configuration.

Usage:
    scripts/openapi/prepare.py URL SPEC CONFIG_OUT

1. Waits (up to $TESSERA_WAIT seconds, default 30) for URL/healthz to answer 200.
2. Compares URL/openapi.json with SPEC, so the server is known to serve this document.
3. Creates two stores: one with a small model (the one the document's examples use),
   tuples and assertions, and one that only the deleteStore operation gets.
4. Writes CONFIG_OUT, a schemathesis.toml that points the path parameters at them,
   loads schemathesis_hooks.py, enables the checks named in $CHECKS (default:
   not_a_server_error, response_schema_conformance, streamed_lines_conformance), and
   sends $TESSERA_TOKEN as a bearer token if it is set.

Random store and model ids would only ever reach 404 `store_id_not_found`; with real
ids the generated requests reach the validation and the engine.

Exit status: 0 when ready; 3 when ready but the served document differs from SPEC; 1
when the server could not be reached or seeded.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ULID = re.compile(r"^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$")
HOOKS = Path(__file__).resolve().with_name("schemathesis_hooks.py")
DEFAULT_CHECKS = "not_a_server_error,response_schema_conformance,streamed_lines_conformance"

# The model of the document's examples: `document:roadmap`, `viewer`, `user:anne`, `group#member`.
MODEL = {
    "schema_version": "1.1",
    "type_definitions": [
        {"type": "user"},
        {"type": "group",
         "relations": {"member": {"this": {}}},
         "metadata": {"relations": {"member": {"directly_related_user_types": [{"type": "user"}]}}}},
        {"type": "document",
         "relations": {
             "owner": {"this": {}},
             "viewer": {"union": {"child": [{"this": {}}, {"computedUserset": {"object": "", "relation": "owner"}}]}}},
         "metadata": {"relations": {
             "owner": {"directly_related_user_types": [{"type": "user"}]},
             "viewer": {"directly_related_user_types": [
                 {"type": "user"}, {"type": "user", "wildcard": {}}, {"type": "group", "relation": "member"}]}}}},
    ],
}
TUPLES = [
    ("user:anne", "viewer", "document:roadmap"),
    ("user:anne", "owner", "document:plan"),
    ("user:bob", "member", "group:eng"),
    ("group:eng#member", "viewer", "document:specs"),
    ("user:*", "viewer", "document:handbook"),
]


class Server:
    def __init__(self, url: str, token: str | None) -> None:
        self.url = url.rstrip("/")
        self.token = token

    def call(self, method: str, path: str, body=None) -> tuple[int, bytes]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def json(self, method: str, path: str, body=None, expect: int = 200):
        status, content = self.call(method, path, body)
        if status != expect:
            raise RuntimeError(f"{method} {path} answered {status}, expected {expect}: {content[:500]!r}")
        return json.loads(content) if content else None


def wait_until_serving(server: Server, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    last = "no answer"
    while True:
        try:
            status, content = server.call("GET", "/healthz")
            if status == 200:
                return
            last = f"{status} {content[:200]!r}"
        except OSError as error:
            last = str(error)
        if time.monotonic() >= deadline:
            raise RuntimeError(f"{server.url}/healthz is not serving after {seconds:g}s: {last}")
        time.sleep(0.5)


def served_document_matches(server: Server, spec: Path) -> bool:
    expected = json.loads(spec.read_text(encoding="utf-8"))
    status, content = server.call("GET", "/openapi.json")
    if status != 200:
        print(f"prepare: GET /openapi.json answered {status}; expected this document", file=sys.stderr)
        return False
    try:
        served = json.loads(content)
    except ValueError:
        print("prepare: GET /openapi.json is not JSON", file=sys.stderr)
        return False
    if served != expected:
        print(f"prepare: the server's /openapi.json differs from {spec}", file=sys.stderr)
        return False
    return True


def ulid(value, what: str) -> str:
    if not isinstance(value, str) or not ULID.match(value):
        raise RuntimeError(f"{what} is not a ULID: {value!r}")
    return value


def seed(server: Server) -> dict[str, str]:
    suffix = time.strftime("%Y%m%d-%H%M%S")
    store = ulid(server.json("POST", "/stores", {"name": f"schemathesis-{suffix}"}, expect=201)["id"], "store id")
    victim = ulid(server.json("POST", "/stores", {"name": f"schemathesis-delete-{suffix}"}, expect=201)["id"],
                  "store id")
    model = ulid(server.json("POST", f"/stores/{store}/authorization-models", MODEL, expect=201)
                 ["authorization_model_id"], "model id")
    writes = [{"user": user, "relation": relation, "object": obj} for user, relation, obj in TUPLES]
    server.json("POST", f"/stores/{store}/write", {"writes": {"tuple_keys": writes}, "authorization_model_id": model})
    assertions = [
        {"tuple_key": {"user": "user:anne", "relation": "viewer", "object": "document:plan"}, "expectation": True},
        {"tuple_key": {"user": "user:bob", "relation": "viewer", "object": "document:roadmap"}, "expectation": False},
    ]
    server.json("PUT", f"/stores/{store}/assertions/{model}", {"assertions": assertions}, expect=204)
    return {"store": store, "victim": victim, "model": model}


def toml_string(value: str) -> str:
    return json.dumps(value)  # a JSON string of ASCII text is a valid TOML basic string


def write_config(path: Path, ids: dict[str, str], with_token: bool, checks: list[str]) -> None:
    lines = [
        "# Written by scripts/openapi/prepare.py for one schemathesis.sh run.",
        f"hooks = {toml_string(str(HOOKS))}",
        "# No failures remembered from earlier runs: a run sends the same requests every time,",
        "# and writes nothing into the working directory.",
        "cache = { enabled = false }",
    ]
    if with_token:
        # Schemathesis substitutes the variable when it loads this file; the token is not written here.
        lines.append('headers = { Authorization = "Bearer ${TESSERA_TOKEN}" }')
    lines += [
        "",
        "[parameters]",
        f'"path.store_id" = {toml_string(ids["store"])}',
        f'"path.id" = {toml_string(ids["model"])}',
        f'"path.authorization_model_id" = {toml_string(ids["model"])}',
        "",
        "# DELETE gets a store of its own, so the other operations keep theirs.",
        "[[operations]]",
        'include-operation-id = "deleteStore"',
        f'parameters = {{ "path.store_id" = {toml_string(ids["victim"])} }}',
        "",
        "# A newline-delimited JSON stream: schemathesis_hooks.py checks it line by line instead.",
        "[[operations]]",
        'include-operation-id = "streamedListObjects"',
        "checks.response_schema_conformance.enabled = false",
        "",
        "# Here rather than on the command line, where a check named there would override the",
        "# per-operation setting above.",
        "[checks]",
        "enabled = false",
    ]
    lines += [f"{name}.enabled = true" for name in checks]
    lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 1
    url, spec, config = argv[0], Path(argv[1]), Path(argv[2])
    token = os.environ.get("TESSERA_TOKEN") or None
    server = Server(url, token)
    try:
        wait_until_serving(server, float(os.environ.get("TESSERA_WAIT", "30")))
        document_matches = served_document_matches(server, spec)
        ids = seed(server)
    except (RuntimeError, OSError, ValueError, KeyError, TypeError) as error:
        print(f"prepare: {error}", file=sys.stderr)
        return 1
    checks = [name for name in re.split(r"[\s,]+", os.environ.get("CHECKS") or DEFAULT_CHECKS) if name]
    write_config(config, ids, token is not None, checks)
    print(f"prepare: store {ids['store']} (model {ids['model']}), store {ids['victim']} for deleteStore")
    return 0 if document_matches else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
