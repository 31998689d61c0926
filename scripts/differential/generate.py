#!/usr/bin/env python3
"""Differential corpus generator: random models, tuples and queries answered by OpenFGA.

Each case is a random authorization model (OpenFGA DSL), up to 60 tuples valid under it,
and a sample of check, list-objects and list-users queries. The case is written as a
`.fga.yaml` fixture and evaluated by `fga model test --verbose` (OpenFGA's embedded
engine, tuples sent as contextual tuples); OpenFGA's answers (`got`, or the error) are
recorded, never assumed. Tessera's `DifferentialTests` replays the cases through its own
engine and compares.

    generate.py --seed 1 --count 50 --out corpus.json [--conditions] [--jobs 2]

Models that `fga model transform` or `fga model test` rejects are discarded and counted
(the counts go to stderr and to the corpus's `stats`).

`--conditions` adds a condition to every model, attaches it to some type restrictions,
gives conditional tuples a stored context and sends a request context with some queries.
Tessera's engine does not evaluate conditions yet, so the committed corpus is generated
without it.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import random
import re
import subprocess
import sys
import tempfile

MAX_TUPLES = 60
FGA_TIMEOUT = 30  # seconds for one `fga model test` run
OBJECT_TYPE_NAMES = ["group", "folder", "doc", "team", "org", "repo"]
RELATION_NAMES = ["member", "owner", "viewer", "editor", "admin", "reader", "writer", "blocked", "can_view", "can_edit"]
TUPLESET_NAMES = ["parent", "container", "org_of"]
USER_IDS = ["u1", "u2", "u3", "u4"]
# The condition `--conditions` adds; its `x` comes from the request, `limit` from the tuple.
CONDITION_NAME = "below"
CONDITION_DSL = "condition below(x: int, limit: int) {\n  x < limit\n}"

# OpenFGA's numeric error codes and their names (openfga/api `ErrorCode`).
ERROR_CODES = {
    2000: "validation_error",
    2002: "authorization_model_resolution_too_complex",
    2004: "invalid_continuation_token",
    2021: "type_not_found",
    2022: "relation_not_found",
    2027: "invalid_tuple",
    2056: "invalid_authorization_model",
    4000: "internal_error",
    4004: "deadline_exceeded",
}
# Fallbacks for error texts that carry no numeric code.
ERROR_PATTERNS = [
    (re.compile(r"resolution required too many rewrite rules", re.I), "authorization_model_resolution_too_complex"),
    (re.compile(r"deadline exceeded", re.I), "deadline_exceeded"),
    (re.compile(r"invalid tuple|invalid_tuple", re.I), "invalid_tuple"),
]


def error_code_name(text: str) -> str | None:
    """OpenFGA's error code name for an error text printed by `fga`, if recognisable."""
    match = re.search(r"code = Code\((\d+)\)", text)
    if match:
        return ERROR_CODES.get(int(match.group(1)), "code_" + match.group(1))
    for pattern, name in ERROR_PATTERNS:
        if pattern.search(text):
            return name
    return None


# MARK: Models


class Relation:
    """One relation: its direct type restrictions (may be empty) and its rewrite as DSL text."""

    def __init__(self, name: str, restrictions: list[str], rewrite: str, tupleset: bool = False):
        self.name = name
        self.restrictions = restrictions
        self.rewrite = rewrite
        self.tupleset = tupleset


class Model:
    def __init__(self, types: dict[str, list[Relation]], conditions: bool):
        self.types = types  # object type name -> relations (in definition order); `user` has none
        self.conditions = conditions

    def relation(self, type_name: str, name: str) -> Relation | None:
        for relation in self.types.get(type_name, []):
            if relation.name == name:
                return relation
        return None

    def dsl(self) -> str:
        lines = ["model", "  schema 1.1", "", "type user"]
        for type_name, relations in self.types.items():
            if type_name == "user":
                continue
            lines += ["", f"type {type_name}"]
            if relations:
                lines.append("  relations")
                for relation in relations:
                    lines.append(f"    define {relation.name}: {relation.rewrite}")
        if self.conditions:
            lines += [""] + CONDITION_DSL.split("\n")
        return "\n".join(lines) + "\n"


class ModelGenerator:
    """Random models over the DSL's grammar: a direct assignment may only lead a
    definition; `or`/`and` chains and a single `but not` combine computed usersets,
    tuple-to-usersets and parenthesised sub-expressions."""

    def __init__(self, rng: random.Random, conditions: bool):
        self.rng = rng
        self.conditions = conditions

    def generate(self) -> Model:
        rng = self.rng
        object_types = rng.sample(OBJECT_TYPE_NAMES, rng.randint(2, 5))
        # Names first, so rewrites can refer to relations of any type.
        self.tuplesets: dict[str, dict[str, list[str]]] = {}
        self.plain: dict[str, list[str]] = {}
        for type_name in object_types:
            count = rng.randint(1, 4)
            self.plain[type_name] = rng.sample(RELATION_NAMES[:6], min(count, 6)) if rng.random() < 0.7 else rng.sample(RELATION_NAMES, count)
            self.tuplesets[type_name] = {}
        for type_name in object_types:
            if rng.random() < 0.65:
                for name in rng.sample(TUPLESET_NAMES, rng.choice([1, 1, 1, 2])):
                    # Same-type parents give recursion through `X from parent`.
                    targets = rng.sample(object_types, rng.choice([1, 1, 2]))
                    if rng.random() < 0.4 and type_name not in targets:
                        targets[0] = type_name
                    if rng.random() < 0.05:
                        targets.append("user")
                    self.tuplesets[type_name][name] = targets
        self.object_types = object_types
        types: dict[str, list[Relation]] = {"user": []}
        for type_name in object_types:
            relations = [Relation(name, list(targets), "[" + ", ".join(targets) + "]", tupleset=True) for name, targets in self.tuplesets[type_name].items()]
            for name in self.plain[type_name]:
                relations.append(self.relation(type_name, name))
            rng.shuffle(relations)
            types[type_name] = relations
        return Model(types, self.conditions)

    def restriction_candidates(self, type_name: str, name: str) -> list[tuple[str, float]]:
        candidates = [("user", 6.0), ("user:*", 1.5)]
        for other in self.object_types:
            candidates.append((other, 0.7))
            candidates.append((f"{other}:*", 0.2))
            for relation in self.plain[other]:
                # `group#member` on `group#member` is the classic nested group.
                weight = 2.5 if (other, relation) == (type_name, name) else 0.6
                candidates.append((f"{other}#{relation}", weight))
        return candidates

    def restrictions(self, type_name: str, name: str) -> list[str]:
        candidates = self.restriction_candidates(type_name, name)
        chosen: list[str] = []
        for _ in range(self.rng.choice([1, 1, 2, 2, 3, 4])):
            pick = self.rng.choices([c for c, _ in candidates], weights=[w for _, w in candidates])[0]
            if pick not in chosen:
                chosen.append(pick)
        if self.conditions:
            # Each restriction with a condition sometimes, and sometimes both forms.
            out: list[str] = []
            for restriction in chosen:
                roll = self.rng.random()
                if roll < 0.25:
                    out.append(f"{restriction} with {CONDITION_NAME}")
                elif roll < 0.35:
                    out += [restriction, f"{restriction} with {CONDITION_NAME}"]
                else:
                    out.append(restriction)
            chosen = out
        return chosen

    def relation(self, type_name: str, name: str) -> Relation:
        rng = self.rng
        restrictions: list[str] = []
        # The first relation of a type always has an entry point.
        if self.plain[type_name][0] == name or rng.random() < 0.75:
            restrictions = self.restrictions(type_name, name)
            head = "[" + ", ".join(restrictions) + "]"
            roll = rng.random()
            plain = self.plain[type_name]
            if roll < 0.3 or (plain.index(name) == 0 and not self.tuplesets[type_name] and rng.random() < 0.95):
                # Nothing to combine with but the relation itself (mostly refused by OpenFGA).
                rewrite = head
            elif roll < 0.65:
                rewrite = head + "".join(" or " + self.term(type_name, name, 1) for _ in range(rng.choice([1, 1, 2])))
            elif roll < 0.82:
                rewrite = head + " and " + self.term(type_name, name, 1)
            else:
                rewrite = head + " but not " + self.term(type_name, name, 1)
        else:
            rewrite = self.expression(type_name, name, 0, top=True)
        return Relation(name, restrictions, rewrite)

    def expression(self, type_name: str, name: str, depth: int, top: bool = False) -> str:
        """`t1 op t2 [op t3]` with one operator, or `t1 but not t2`."""
        rng = self.rng
        if top and rng.random() < 0.3:
            return self.term(type_name, name, depth + 1)
        op = rng.choices(["or", "and", "but not"], weights=[5, 3, 3])[0]
        count = 2 if op == "but not" else rng.choice([2, 2, 3])
        terms: list[str] = []
        for _ in range(count * 3):
            term = self.term(type_name, name, depth + 1)
            if term not in terms:
                terms.append(term)
            if len(terms) == count:
                break
        if len(terms) == 1:
            return terms[0] if top else self.term(type_name, name, 99) + f" {op} " + terms[0]
        return f" {op} ".join(terms)

    def term(self, type_name: str, name: str, depth: int) -> str:
        rng = self.rng
        plain = self.plain[type_name]
        earlier = plain[: plain.index(name)]
        tuplesets = self.tuplesets[type_name]
        kinds = ["computed", "ttu", "group"]
        weights = [4.0 if earlier else 0.1, 3.0 if tuplesets else 0.0, 1.5 if depth < 3 else 0.0]
        kind = rng.choices(kinds, weights=weights)[0]
        if kind == "group":
            return "(" + self.expression(type_name, name, depth) + ")"
        if kind == "ttu":
            tupleset = rng.choice(list(tuplesets))
            targets = tuplesets[tupleset]
            names = sorted({r for t in targets for r in self.plain.get(t, [])})
            if rng.random() < 0.03 or not names:
                names = RELATION_NAMES  # sometimes a name no target defines: a rejected model
            # Recursion (`viewer from parent` inside `viewer`) is the most interesting case.
            computed = name if name in names and rng.random() < 0.4 else rng.choice(names)
            return f"{computed} from {tupleset}"
        # Computed usersets mostly point to relations defined earlier in `plain` (no
        # computed cycle); sometimes to any relation, a tupleset or the relation itself:
        # OpenFGA accepts such a cycle only when it goes through tuples.
        roll = rng.random()
        if earlier and roll < 0.96:
            return rng.choice(earlier)
        if roll < 0.985 and len(plain) > 1:
            return rng.choice([r for r in plain if r != name])
        if tuplesets and roll < 0.995:
            return rng.choice(list(tuplesets))
        return name


# MARK: Tuples and queries


class CaseGenerator:
    def __init__(self, seed: int, conditions: bool):
        self.seed = seed
        self.rng = random.Random(seed)
        self.conditions = conditions
        self.model = ModelGenerator(self.rng, conditions).generate()
        self.ids = {t: [f"{t[0]}{i}" for i in range(1, self.rng.randint(3, 5))] for t in self.model.types if t != "user"}
        self.ids["user"] = USER_IDS

    def condition_for(self, restriction: str) -> tuple[str, bool]:
        """The restriction's subject (`user`, `user:*`, `group#member`) and whether it names the condition."""
        if " with " in restriction:
            return restriction.split(" with ")[0], True
        return restriction, False

    def user_for(self, subject: str) -> str:
        if subject.endswith(":*"):
            return subject
        if "#" in subject:
            type_name, relation = subject.split("#")
            return f"{type_name}:{self.rng.choice(self.ids[type_name])}#{relation}"
        return f"{subject}:{self.rng.choice(self.ids[subject])}"

    def tuples(self) -> list[dict]:
        rng = self.rng
        assignable = [(t, r) for t, relations in self.model.types.items() for r in relations if r.restrictions]
        out: dict[tuple[str, str, str], dict] = {}
        if not assignable:
            return []
        target = rng.randint(10, MAX_TUPLES)
        self.chain_top: tuple[str, str] | None = None
        if rng.random() < 0.15:
            target = max(target, 40)
            self.chain(out, target)
        for _ in range(target * 3):
            if len(out) >= target:
                break
            type_name, relation = rng.choice(assignable)
            subject, conditional = self.condition_for(rng.choice(relation.restrictions))
            obj = f"{type_name}:{rng.choice(self.ids[type_name])}"
            user = self.user_for(subject)
            if user == f"{obj}#{relation.name}":
                continue  # an implicit tuple: OpenFGA refuses to write it
            key = (obj, relation.name, user)
            if key in out:
                continue
            tuple_ = {"user": user, "relation": relation.name, "object": obj}
            if conditional:
                tuple_["condition"] = {"name": CONDITION_NAME, "context": {"limit": rng.randint(0, 10)}}
            out[key] = tuple_
        return list(out.values())

    def chain(self, out: dict, limit: int) -> None:
        """A chain of 15–30 nested usersets (`group:c1#member` member of `group:c2`…) or
        same-type parents, so some queries approach or pass OpenFGA's resolution depth (25)."""
        rng = self.rng
        links = []
        for type_name, relations in self.model.types.items():
            for relation in relations:
                for restriction in relation.restrictions:
                    subject, conditional = self.condition_for(restriction)
                    if conditional:
                        continue
                    if subject == f"{type_name}#{relation.name}":
                        links.append((type_name, relation.name, True))
                    elif relation.tupleset and subject == type_name:
                        links.append((type_name, relation.name, False))
        if not links:
            return
        type_name, relation, userset = rng.choice(links)
        length = rng.randint(20, 32)
        for index in range(1, length):
            user = f"{type_name}:c{index - 1}" + (f"#{relation}" if userset else "")
            out[(f"{type_name}:c{index}", relation, user)] = {"user": user, "relation": relation, "object": f"{type_name}:c{index}"}
        self.ids[type_name] = self.ids[type_name] + ["c0", f"c{length // 2}", f"c{length - 1}"]
        self.chain_top = (f"{type_name}:c{length - 1}", f"{type_name}:c0")

    def sample_user(self, wildcard_types: set[str]) -> str:
        rng = self.rng
        if self.tuple_users and rng.random() < 0.4:
            return rng.choice(self.tuple_users)  # users that tuples mention answer `true` more often
        roll = rng.random()
        if roll < 0.5:
            return f"user:{rng.choice(USER_IDS + ['nobody'])}"
        if roll < 0.75:
            type_name = rng.choice([t for t in self.model.types if t != "user" and self.model.types[t]] or ["user"])
            if type_name == "user":
                return "user:u1"
            relation = rng.choice(self.model.types[type_name]).name
            return f"{type_name}:{rng.choice(self.ids[type_name])}#{relation}"
        if roll < 0.9:
            return f"{rng.choice(sorted(wildcard_types | {'user'}))}:*"
        type_name = rng.choice([t for t in self.model.types if t != "user"])
        return f"{type_name}:{rng.choice(self.ids[type_name])}"

    def walk(self, tuples: list[dict]) -> tuple[str, str]:
        """An object and a user connected by tuples: start at a tuple, step down from a
        userset to one of its members, and up through tuples that name the object (as a
        parent or in a userset). Random relations on such pairs answer `true` far more
        often than random pairs do."""
        rng = self.rng
        start = rng.choice(tuples)
        user, obj = start["user"], start["object"]
        if "#" in user and rng.random() < 0.5:
            members = [t["user"] for t in tuples if f"{t['object']}#{t['relation']}" == user]
            if members:
                user = rng.choice(members)
        if user.endswith(":*") and rng.random() < 0.5:
            user = user[:-1] + rng.choice(self.ids.get(user[:-2], ["x"]))
        for _ in range(rng.randint(0, 3)):
            parents = [t["object"] for t in tuples if t["user"] == obj or t["user"].startswith(obj + "#")]
            if not parents:
                break
            obj = rng.choice(parents)
        return obj, user

    def context(self) -> dict | None:
        if not self.conditions:
            return None
        return {"x": self.rng.randint(0, 10)} if self.rng.random() < 0.8 else {}

    def queries(self, tuples: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
        rng = self.rng
        model = self.model
        self.tuple_users = sorted({t["user"] for t in tuples})
        wildcard_types = {r.split(" ")[0][:-2] for rels in model.types.values() for rel in rels for r in rel.restrictions if r.split(" ")[0].endswith(":*")}
        object_types = [t for t in model.types if t != "user" and model.types[t]]
        checks: dict[tuple, dict] = {}
        for _ in range(rng.randint(20, 30)):
            if tuples and rng.random() < 0.5:
                obj, user = self.walk(tuples)
                type_name = obj.split(":")[0]
            else:
                type_name = rng.choice(object_types)
                ids = self.ids[type_name] + ["zz"]  # one object no tuple mentions
                obj = f"{type_name}:{rng.choice(ids)}"
                user = self.sample_user(wildcard_types)
            relation = rng.choice(model.types[type_name]).name
            if rng.random() < 0.02:
                relation = "undefined_relation"  # an invalid request: OpenFGA's error code is compared
            checks[(obj, relation, user)] = {"object": obj, "relation": relation, "user": user}
        if self.chain_top:
            # Queries from the top of the chain down to its bottom and beyond.
            top, bottom = self.chain_top
            type_name = top.split(":")[0]
            for _ in range(4):
                relation = rng.choice(model.types[type_name]).name
                user = rng.choice([bottom, f"{bottom}#{relation}", self.sample_user(wildcard_types)])
                checks[(top, relation, user)] = {"object": top, "relation": relation, "user": user}
        list_objects: dict[tuple, dict] = {}
        for _ in range(rng.randint(5, 8)):
            if tuples and rng.random() < 0.5:
                obj, user = self.walk(tuples)
                type_name = obj.split(":")[0]
            else:
                type_name = rng.choice(object_types)
                user = self.sample_user(wildcard_types)
            relation = rng.choice(model.types[type_name]).name
            list_objects[(user, type_name, relation)] = {"user": user, "type": type_name, "relation": relation}
        list_users: dict[tuple, dict] = {}
        for _ in range(rng.randint(5, 8)):
            if tuples and rng.random() < 0.5:
                obj, user = self.walk(tuples)
                type_name = obj.split(":")[0]
                filter_type = user.split(":")[0]
            else:
                type_name = rng.choice(object_types)
                obj = f"{type_name}:{rng.choice(self.ids[type_name] + ['zz'])}"
                filter_type = rng.choice(["user"] * 3 + list(model.types))
            relation = rng.choice(model.types[type_name]).name
            filter_ = filter_type
            if filter_type != "user" and model.types[filter_type] and rng.random() < 0.6:
                filter_ = f"{filter_type}#{rng.choice(model.types[filter_type]).name}"
            list_users[(obj, relation, filter_)] = {"object": obj, "relation": relation, "filter": filter_}
        out = (list(checks.values()), list(list_objects.values()), list(list_users.values()))
        for queries in out:
            for query in queries:
                context = self.context()
                if context is not None:
                    query["context"] = context
        return out


# MARK: Running fga


def fixture(model_file: str, tuples: list[dict], checks: list[dict], list_objects: list[dict], list_users: list[dict]) -> dict:
    """The `.fga.yaml` content (as JSON, which is YAML). List-users queries that differ
    only in the filter's relation go to separate tests, since `fga` prints the filter
    relation as a pointer in its error lines."""
    tests: list[dict] = []

    def test(index: int) -> dict:
        while len(tests) <= index:
            tests.append({"name": f"t{len(tests)}", "check": [], "list_objects": [], "list_users": []})
        return tests[index]

    for query in checks:
        entry = {"user": query["user"], "object": query["object"], "assertions": {query["relation"]: False}}
        if "context" in query:
            entry["context"] = query["context"]
        test(0)["check"].append(entry)
    for query in list_objects:
        entry = {"user": query["user"], "type": query["type"], "assertions": {query["relation"]: []}}
        if "context" in query:
            entry["context"] = query["context"]
        test(0)["list_objects"].append(entry)
    seen: dict[tuple, int] = {}
    for query in list_users:
        filter_type, _, filter_relation = query["filter"].partition("#")
        key = (query["object"], query["relation"], filter_type)
        index = seen.get(key, -1) + 1
        seen[key] = index
        user_filter = {"type": filter_type}
        if filter_relation:
            user_filter["relation"] = filter_relation
        entry = {"object": query["object"], "user_filter": [user_filter], "assertions": {query["relation"]: {"users": []}}}
        if "context" in query:
            entry["context"] = query["context"]
        test(index)["list_users"].append(entry)
    for entry in tests:
        for key in ("check", "list_objects", "list_users"):
            if not entry[key]:
                del entry[key]
    return {"name": "differential", "model_file": model_file, "tuples": tuples, "tests": tests}


FAILING_TEST = re.compile(r"^\(FAILING\) (\S+):")
ERROR_LINE = re.compile(r"^\S+ (Check|ListObjects|ListUsers)\((.*?)\): expected=.*?, got=N/A, error=(.*)$")


def parse_error_lines(stderr: str) -> dict[tuple, str]:
    """Error texts from `fga`'s summary, keyed by test and query. The JSON output has the
    error as `{}` (a Go error serialised), so the text is only in these lines."""
    errors: dict[tuple, str] = {}
    test = None
    for line in stderr.splitlines():
        heading = FAILING_TEST.match(line)
        if heading:
            test = heading.group(1)
            continue
        match = ERROR_LINE.match(line)
        if not match:
            continue
        kind, fields, text = match.groups()
        if kind == "ListUsers":
            parsed = re.match(r"object=\{Type:(\S*) Id:(\S*)\},relation=([^,]*),user_filter=\{Type:(\S*) ", fields)
            key = (test, kind, f"{parsed.group(1)}:{parsed.group(2)}", parsed.group(3), parsed.group(4)) if parsed else (test, kind, fields)
        else:
            values = dict(part.split("=", 1) for part in fields.split(",") if "=" in part)
            if kind == "Check":
                key = (test, kind, values.get("user"), values.get("relation"), values.get("object"))
            else:
                key = (test, kind, values.get("user"), values.get("relation"), values.get("type"))
        errors[key] = text
    return errors


def normalised_reason(text: str) -> str:
    """A rejection reason without file, type and relation names, so reasons can be counted."""
    text = text.split(" desc = ", 1)[-1]
    text = re.sub(r"'[^']*'|\[[^\]]*\]|line=\d+, column=\d+", "…", text)
    text = re.sub(r"(undefined relation: )\S+", r"\1…", text)
    return text[:160]


class Rejected(Exception):
    def __init__(self, stage: str, reason: str):
        super().__init__(f"{stage}: {reason}")
        self.stage = stage
        self.reason = reason


def query_key(kind: str, query: dict) -> tuple:
    if kind == "checks":
        return ("checks", query["object"], query["relation"], query["user"])
    if kind == "list_objects":
        return ("list_objects", query["user"], query["type"], query["relation"])
    return ("list_users", query["object"], query["relation"], query["filter"])


def evaluate(
    workdir: str, tag: str, model_file: str, tuples: list[dict], queries: dict[str, list[dict]], gomaxprocs: str | None = None
) -> dict[tuple, tuple]:
    """Runs `fga model test` once over the queries; OpenFGA's outcome per query key:
    `(value, error code name or None, raw error text or None)`."""
    fixture_path = os.path.join(workdir, f"{tag}.fga.yaml")
    with open(fixture_path, "w") as handle:
        json.dump(fixture(model_file, tuples, queries.get("checks", []), queries.get("list_objects", []), queries.get("list_users", [])), handle)
    env = dict(os.environ, GOMAXPROCS=gomaxprocs) if gomaxprocs else None
    try:
        tested = subprocess.run(["fga", "model", "test", "--tests", fixture_path, "--verbose"], capture_output=True, text=True, env=env, timeout=FGA_TIMEOUT)
    except subprocess.TimeoutExpired:
        # Some models make OpenFGA's list users explode (minutes, gigabytes): such a
        # case is discarded and counted; its file is kept for study when asked.
        if os.environ.get("TESSERA_KEEP_SLOW"):
            subprocess.run(["cp", fixture_path, os.path.join(workdir, model_file), os.environ["TESSERA_KEEP_SLOW"]])
        raise Rejected("timeout", f"fga model test took longer than {FGA_TIMEOUT} s")
    try:
        results = json.loads(tested.stdout)
    except json.JSONDecodeError:
        reason = next((line for line in tested.stderr.splitlines() if line.strip()), "no output")
        raise Rejected("test", reason)
    errors = parse_error_lines(tested.stderr)
    outcomes: dict[tuple, tuple] = {}

    def outcome(result: dict, error_key: tuple, value) -> tuple:
        if result.get("error") is None:
            return value, None, None
        text = errors.get(error_key)
        if text is None:
            return None, "unknown", ""  # fga printed no matching error line
        return None, error_code_name(text), text

    for test in results:
        name = test["name"]
        for result in test.get("check_results") or []:
            request = result["request"]
            key = ("checks", request["object"], request["relation"], request["user"])
            outcomes[key] = outcome(result, (name, "Check", request["user"], request["relation"], request["object"]), result.get("got"))
        for result in test.get("list_objects_results") or []:
            request = result["request"]
            key = ("list_objects", request["user"], request["type"], request["relation"])
            value = sorted(result.get("got") or [])
            outcomes[key] = outcome(result, (name, "ListObjects", request["user"], request["relation"], request["type"]), value)
        for result in test.get("list_users_results") or []:
            request = result["request"]
            obj = f"{request['object']['type']}:{request['object']['id']}"
            user_filter = request["user_filters"][0]
            filter_ = user_filter["type"] + (f"#{user_filter['relation']}" if user_filter.get("relation") else "")
            value = sorted((result.get("got") or {}).get("users") or [])
            key = ("list_users", obj, request["relation"], filter_)
            outcomes[key] = outcome(result, (name, "ListUsers", obj, request["relation"], user_filter["type"]), value)
    return outcomes


def attach(kind: str, queries: list[dict], runs: list[dict[tuple, tuple]], seed: int) -> None:
    """Records OpenFGA's answer on each query: the first run's, plus any different
    answer another run gave (`alternatives`: OpenFGA is not deterministic everywhere)."""
    for query in queries:
        observed = []
        for index, outcomes in enumerate(runs):
            answer = outcomes.get(query_key(kind, query))
            if answer is None:
                if index == 0:
                    raise RuntimeError(f"seed {seed}: fga gave no result for {query}")
                continue  # a run of other queries only (`recheck`'s isolated runs)
            if answer[:2] not in [o[:2] for o in observed]:
                observed.append(answer)
        value, code, text = observed[0]
        query["got"] = value if code is None else None
        query["error"] = code
        query.pop("error_text", None)
        if text is not None:
            query["error_text"] = text
        alternatives = [{"got": v, "error": c} for v, c, _ in observed[1:]]
        if alternatives:
            query["alternatives"] = alternatives
        else:
            query.pop("alternatives", None)


def derived_checks(generator: "CaseGenerator | None", case: dict) -> list[dict]:
    """Checks that hold OpenFGA's list answers to its own Check: every listed object or
    user (wildcards aside), and for list objects every candidate object, for list users
    with a plain type filter every candidate user of that type and its wildcard."""
    existing = {(q["object"], q["relation"], q["user"]) for q in case["checks"]}
    ids = generator.ids if generator else case_ids(case)
    out: list[dict] = []

    def add(obj: str, relation: str, user: str, source: str, context) -> None:
        if (obj, relation, user) in existing:
            return
        existing.add((obj, relation, user))
        query = {"object": obj, "relation": relation, "user": user, "derived_from": source}
        if context is not None:
            query["context"] = context
        out.append(query)

    for query in case["list_objects"]:
        if query["error"]:
            continue
        source = f"list-objects {query['type']}#{query['relation']}@{query['user']}"
        for obj in sorted(set(query["got"]) | {f"{query['type']}:{i}" for i in ids.get(query["type"], [])}):
            add(obj, query["relation"], query["user"], source, query.get("context"))
    for query in case["list_users"]:
        if query["error"]:
            continue
        source = f"list-users {query['object']}#{query['relation']} filter {query['filter']}"
        candidates = set(u for u in query["got"] if not u.endswith(":*"))
        if "#" not in query["filter"]:
            candidates |= {f"{query['filter']}:{i}" for i in ids.get(query["filter"], [])} | {f"{query['filter']}:*"}
        for user in sorted(candidates):
            add(query["object"], query["relation"], user, source, query.get("context"))
    return out


def case_ids(case: dict) -> dict[str, list[str]]:
    """Object ids per type, as a stored case's tuples and queries mention them."""
    ids: dict[str, set[str]] = {}
    for tuple_ in case["tuples"]:
        for ref in (tuple_["object"], tuple_["user"].split("#")[0]):
            type_name, _, id_ = ref.partition(":")
            if id_ != "*":
                ids.setdefault(type_name, set()).add(id_)
    return {type_name: sorted(values) for type_name, values in ids.items()}


def run_case(seed: int, conditions: bool, workdir: str, repeat: int = 1) -> dict:
    generator = CaseGenerator(seed, conditions)
    dsl = generator.model.dsl()
    model_file = f"m{seed}.fga"
    with open(os.path.join(workdir, model_file), "w") as handle:
        handle.write(dsl)
    transformed = subprocess.run(["fga", "model", "transform", "--file", os.path.join(workdir, model_file), "--input-format", "fga"], capture_output=True, text=True)
    if transformed.returncode != 0:
        raise Rejected("transform", transformed.stderr.strip().splitlines()[0] if transformed.stderr.strip() else "exit %d" % transformed.returncode)
    tuples = generator.tuples()
    checks, list_objects, list_users = generator.queries(tuples)
    case = {
        "seed": seed,
        "model_dsl": dsl,
        "model_json": json.loads(transformed.stdout),
        "tuples": tuples,
        "checks": checks,
        "list_objects": list_objects,
        "list_users": list_users,
    }
    queries = {"checks": checks, "list_objects": list_objects, "list_users": list_users}
    runs = [evaluate(workdir, f"m{seed}", model_file, tuples, queries) for _ in range(repeat)]
    for kind, items in queries.items():
        attach(kind, items, runs, seed)
    # Second pass: OpenFGA's Check on what its list answers say.
    derived = derived_checks(generator, case)
    if derived:
        runs = [evaluate(workdir, f"m{seed}d", model_file, tuples, {"checks": derived}) for _ in range(repeat)]
        attach("checks", derived, runs, seed)
        checks += derived
    return case


def recheck(case: dict, workdir: str, repeat: int, isolated: list[tuple] = (), isolated_repeat: int = 0) -> int:
    """Re-runs a stored case `repeat` times, and each query of `isolated` alone
    `isolated_repeat` times (OpenFGA's check planner and goroutine timing differ between a
    lone query and a full file, so some of its races only show one way or the other), and
    records every answer OpenFGA gives (`alternatives`). Returns how many queries of the
    case have more than one answer."""
    seed = case["seed"]
    model_file = f"r{seed}.fga"
    with open(os.path.join(workdir, model_file), "w") as handle:
        handle.write(case["model_dsl"])
    queries = {kind: case[kind] for kind in ("checks", "list_objects", "list_users")}
    first = {query_key(kind, q): (q.get("got"), q.get("error"), q.get("error_text")) for kind, items in queries.items() for q in items}
    def attempt(*arguments) -> dict[tuple, tuple]:
        try:
            return evaluate(workdir, *arguments)
        except Rejected:
            return {}  # a run that timed out tells nothing

    runs = [first] + [attempt(f"r{seed}", model_file, case["tuples"], queries) for _ in range(repeat)]
    for number, key in enumerate(isolated):
        matching = [q for q in queries[key[0]] if query_key(key[0], q) == key]
        for index in range(isolated_repeat if matching else 0):
            gomaxprocs = [None, "8", "2"][index % 3]
            runs.append(attempt(f"r{seed}q{number}", model_file, case["tuples"], {key[0]: matching[:1]}, gomaxprocs))
    # Keep the answers already recorded as alternatives too.
    for kind, items in queries.items():
        previous = {query_key(kind, q): q.get("alternatives", []) for q in items}
        attach(kind, items, runs, seed)
        for q in items:
            known = [(a["got"], a["error"]) for a in q.get("alternatives", [])]
            for alternative in previous[query_key(kind, q)]:
                if (alternative["got"], alternative["error"]) not in known:
                    q.setdefault("alternatives", []).append(alternative)
    return sum(1 for items in queries.values() for q in items if q.get("alternatives"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1, help="first case's seed; case i uses seed+i")
    parser.add_argument("--count", type=int, default=50, help="accepted cases to produce")
    parser.add_argument("--out", required=True)
    parser.add_argument("--conditions", action="store_true", help="generate models, tuples and queries with a condition")
    parser.add_argument("--jobs", type=int, default=1, help="fga processes in parallel")
    parser.add_argument("--repeat", type=int, default=1, help="fga runs per case; answers that differ are kept as alternatives")
    parser.add_argument("--max-attempts", type=int, default=0, help="give up after this many seeds (default 20 × count)")
    parser.add_argument("--recheck", metavar="CORPUS", help="instead of generating: re-run cases of CORPUS --repeat times (default 20) and record OpenFGA's alternative answers")
    parser.add_argument("--mismatches", help="with --recheck: `seed<TAB>kind<TAB>f1<TAB>f2<TAB>f3` lines (written by DifferentialTests): re-run those cases, and those queries alone")
    parser.add_argument("--isolated-repeat", type=int, default=40, help="with --recheck --mismatches: runs of each listed query alone")
    args = parser.parse_args()
    if args.recheck:
        return recheck_main(args)

    cases: list[dict] = []
    rejected = {"transform": 0, "test": 0, "timeout": 0}
    reasons: dict[str, int] = {}
    max_attempts = args.max_attempts or 20 * args.count
    seeds = iter(range(args.seed, args.seed + max_attempts))
    with tempfile.TemporaryDirectory(prefix="tessera-diff-") as workdir, concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        pending: dict[concurrent.futures.Future, int] = {}
        done: dict[int, dict | None] = {}

        def submit() -> bool:
            seed = next(seeds, None)
            if seed is None:
                return False
            pending[pool.submit(run_case, seed, args.conditions, workdir, args.repeat)] = seed
            return True

        for _ in range(args.jobs * 2):
            submit()
        reported = 0
        while pending:
            finished, _ = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in finished:
                seed = pending.pop(future)
                try:
                    done[seed] = future.result()
                except Rejected as rejection:
                    done[seed] = None
                    rejected[rejection.stage] += 1
                    reason = normalised_reason(rejection.reason)
                    reasons[reason] = reasons.get(reason, 0) + 1
            accepted = sum(1 for value in done.values() if value is not None)
            while len(pending) < args.jobs * 2 and accepted + len(pending) < args.count and submit():
                pass
            if accepted // 250 > reported:
                reported = accepted // 250
                print(f"… {accepted} cases", file=sys.stderr)
        for seed in sorted(done):
            if done[seed] is not None and len(cases) < args.count:
                cases.append(done[seed])

    stats = corpus_stats(cases)
    stats.update({
        "rejected_models": rejected,
        "rejection_reasons": dict(sorted(reasons.items(), key=lambda item: -item[1])),
        "conditions": args.conditions,
        "repeat": args.repeat,
    })
    write_corpus(args.out, cases, stats)
    if len(cases) < args.count:
        print(f"only {len(cases)} of {args.count} cases accepted", file=sys.stderr)
        return 1
    return 0


def corpus_stats(cases: list[dict]) -> dict:
    kinds = ("checks", "list_objects", "list_users")
    return {
        "cases": len(cases),
        "queries": {kind: sum(len(case[kind]) for case in cases) for kind in kinds},
        "derived_checks": sum(1 for case in cases for q in case["checks"] if "derived_from" in q),
        "errors": sum(1 for case in cases for kind in kinds for q in case[kind] if q["error"]),
        "unrecognised_errors": sum(1 for case in cases for kind in kinds for q in case[kind] if q["error"] == "unknown"),
        "unstable": sum(1 for case in cases for kind in kinds for q in case[kind] if q.get("alternatives")),
    }


def write_corpus(path: str, cases: list[dict], stats: dict) -> None:
    with open(path, "w") as handle:
        json.dump({"stats": stats, "cases": cases}, handle, separators=(",", ":"), sort_keys=True)
        handle.write("\n")
    print(json.dumps(stats, indent=2, ensure_ascii=False), file=sys.stderr)


def recheck_main(args) -> int:
    with open(args.recheck) as handle:
        corpus = json.load(handle)
    wanted: dict[int, list[tuple]] | None = None
    if args.mismatches:
        wanted = {}
        with open(args.mismatches) as handle:
            for line in handle:
                fields = line.rstrip("\n").split("\t")
                if len(fields) == 5:
                    wanted.setdefault(int(fields[0]), []).append(tuple(fields[1:]))
    repeat = args.repeat if args.repeat > 1 else 10
    targets = [case for case in corpus["cases"] if wanted is None or case["seed"] in wanted]

    def run(case: dict) -> int:
        return recheck(case, workdir, repeat, (wanted or {}).get(case["seed"], []), args.isolated_repeat)

    with tempfile.TemporaryDirectory(prefix="tessera-recheck-") as workdir, concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        unstable = sum(pool.map(run, targets))
    print(f"rechecked {len(targets)} cases × {repeat} runs: {unstable} queries with more than one OpenFGA answer", file=sys.stderr)
    stats = corpus.get("stats", {})
    stats.update(corpus_stats(corpus["cases"]))
    stats["rechecked_cases"] = stats.get("rechecked_cases", 0) + len(targets)
    write_corpus(args.out, corpus["cases"], stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
