#!/usr/bin/env python3
"""Check Tessera's OpenAPI document, and that a server's routes are exactly its operations.

Usage:
    scripts/openapi/validate.py [--spec PATH] [--routes FILE|-] [--subset]

Without --routes it checks the document only. With --routes it also compares the
document's operations with a route list read from FILE, or from standard input for `-`:

    GET /stores
    POST /stores/:storeID/check        # Hummingbird's `:name` form is fine
    PUT  /stores/{store_id}/assertions/{authorization_model_id}

One route per line: a method and a path, separated by spaces, a tab or a comma; `#`
starts a comment. A JSON array of `["GET", "/stores"]` pairs or of
`{"method": ..., "path": ...}` objects is read too. Parameters match by position, not by
name (`:storeID` matches `{store_id}`). By default the two sets must be equal; with
--subset it is enough that every given route is documented.

The document must be valid OpenAPI 3.0.3 (openapi-spec-validator) and follow the
project's rules: every operation has a unique operationId and a 2xx response with a
schema (204: no content); every error response is `application/json` with the shared
`Error` schema; every response has the `X-Request-Id` header; no request schema sets
`additionalProperties: false` (OpenFGA ignores unknown request fields); every example
in the document matches its schema; /healthz and /openapi.json need no credentials.

Exit status: 0 when everything holds, 1 when a problem was found, 2 for a usage error
or a missing dependency (`pip install openapi-spec-validator`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
ERROR_SCHEMA_REF = "#/components/schemas/Error"
OPEN_PATHS = ("/healthz", "/openapi.json")
DEFAULT_SPEC = Path(__file__).resolve().parents[2] / "Sources/TesseraServer/Resources/openapi.json"


class Report:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.notes: list[str] = []

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def note(self, text: str) -> None:
        self.notes.append(text)


# ---------------------------------------------------------------------------- references


def resolve(doc: dict, node):
    """Follow local `$ref`s until a node that is not a reference."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        pointer = node["$ref"]
        if pointer in seen or not pointer.startswith("#/"):
            raise KeyError(f"cannot resolve {pointer}")
        seen.add(pointer)
        node = doc
        for part in pointer[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def subschemas(schema: dict):
    """The schemas directly inside a schema object, with a label for each."""
    for key in ("allOf", "oneOf", "anyOf"):
        for index, child in enumerate(schema.get(key, [])):
            yield f"{key}[{index}]", child
    if isinstance(schema.get("not"), dict):
        yield "not", schema["not"]
    if isinstance(schema.get("items"), dict):
        yield "items", schema["items"]
    if isinstance(schema.get("additionalProperties"), dict):
        yield "additionalProperties", schema["additionalProperties"]
    for name, child in (schema.get("properties") or {}).items():
        yield f"properties.{name}", child


def walk_schema(doc: dict, schema, where: str, visit, seen: set[str]) -> None:
    """Call visit(schema, where) for every schema reachable from `schema`, each named schema once."""
    if not isinstance(schema, dict):
        return
    if "$ref" in schema:
        pointer = schema["$ref"]
        if pointer in seen:
            return
        seen.add(pointer)
        walk_schema(doc, resolve(doc, schema), pointer, visit, seen)
        return
    visit(schema, where)
    for label, child in subschemas(schema):
        walk_schema(doc, child, f"{where}.{label}", visit, seen)


# ---------------------------------------------------------------------------- the document


def operations(doc: dict):
    for path, item in (doc.get("paths") or {}).items():
        for method in HTTP_METHODS:
            if isinstance(item.get(method), dict):
                yield method, path, item[method]


def check_spec(doc: dict, report: Report) -> None:
    """OpenAPI 3.0.3 validity."""
    try:
        from openapi_spec_validator import OpenAPIV30SpecValidator
    except ImportError:
        print("error: openapi-spec-validator is not installed (pip install openapi-spec-validator)", file=sys.stderr)
        sys.exit(2)
    if doc.get("openapi") != "3.0.3":
        report.problem(f"`openapi` is {doc.get('openapi')!r}, expected '3.0.3'")
    errors = list(OpenAPIV30SpecValidator(doc).iter_errors())
    for error in errors:
        location = "/".join(str(part) for part in error.absolute_path) or "(document)"
        report.problem(f"not valid OpenAPI 3.0: at {location}: {error.message.splitlines()[0]}")


def check_operations(doc: dict, report: Report) -> None:
    ids: dict[str, str] = {}
    for method, path, op in operations(doc):
        label = f"{method.upper()} {path}"
        op_id = op.get("operationId")
        if not op_id:
            report.problem(f"{label}: no operationId")
        elif op_id in ids:
            report.problem(f"{label}: operationId {op_id!r} is also used by {ids[op_id]}")
        else:
            ids[op_id] = label

        responses = op.get("responses") or {}
        if not any(str(status).startswith("2") for status in responses):
            report.problem(f"{label}: no 2xx response")
        for status, response in responses.items():
            status = str(status)
            try:
                response = resolve(doc, response)
            except KeyError as error:
                report.problem(f"{label} {status}: {error}")
                continue
            content = response.get("content") or {}
            if status == "204":
                if content:
                    report.problem(f"{label} 204: a 204 response must have no content")
            elif status.startswith("2"):
                if not content:
                    report.problem(f"{label} {status}: no content")
                for media_type, media in content.items():
                    if not isinstance(media.get("schema"), dict):
                        report.problem(f"{label} {status} {media_type}: no schema")
            else:
                schema = (content.get("application/json") or {}).get("schema")
                if set(content) != {"application/json"} or schema != {"$ref": ERROR_SCHEMA_REF}:
                    report.problem(f"{label} {status}: an error response must be application/json with "
                                   f"schema {{$ref: {ERROR_SCHEMA_REF}}}")
            headers = {name.lower() for name in (response.get("headers") or {})}
            if "x-request-id" not in headers:
                report.problem(f"{label} {status}: no X-Request-Id response header")

    for path in OPEN_PATHS:
        op = (doc.get("paths") or {}).get(path, {}).get("get")
        if op is None:
            report.problem(f"GET {path} is not documented")
        elif op.get("security") != []:
            report.problem(f"GET {path}: must be open (`security: []`)")


def check_request_schemas(doc: dict, report: Report) -> None:
    """No `additionalProperties: false` anywhere a request body or parameter can reach."""
    flagged: set[str] = set()

    def visit(schema: dict, where: str) -> None:
        if schema.get("additionalProperties") is False and where not in flagged:
            flagged.add(where)
            report.problem(f"{where}: `additionalProperties: false` in a request schema "
                           "(OpenFGA ignores unknown request fields, so Tessera must accept them)")

    for method, path, op in operations(doc):
        label = f"{method.upper()} {path}"
        body = resolve(doc, op.get("requestBody") or {})
        for media_type, media in (body.get("content") or {}).items():
            walk_schema(doc, media.get("schema"), f"{label} request {media_type}", visit, set())
        for parameter in op.get("parameters") or []:
            parameter = resolve(doc, parameter)
            walk_schema(doc, parameter.get("schema"), f"{label} parameter {parameter.get('name')}", visit, set())


def check_examples(doc: dict, report: Report) -> None:
    """Every `example` (and `examples[*].value`) matches the schema it illustrates."""
    from jsonschema.exceptions import best_match
    from openapi_schema_validator import OAS30Validator, oas30_format_checker

    components = doc.get("components") or {}

    def check(schema, value, where: str) -> None:
        if not isinstance(schema, dict):
            return
        # `#/components/...` references resolve against the root of the schema being validated,
        # so carry the components along (an unknown keyword, ignored by validation).
        validator = OAS30Validator(dict(schema, components=components), format_checker=oas30_format_checker)
        error = best_match(validator.iter_errors(value))
        if error is not None:
            at = "/".join(str(part) for part in error.absolute_path)
            report.problem(f"{where}: example does not match its schema{' at ' + at if at else ''}: {error.message}")

    def visit(schema: dict, where: str) -> None:
        if "example" in schema:
            check(schema, schema["example"], where)

    for name, schema in ((doc.get("components") or {}).get("schemas") or {}).items():
        walk_schema(doc, schema, f"#/components/schemas/{name}", visit, {f"#/components/schemas/{name}"})

    def media_examples(content: dict, where: str) -> None:
        for media_type, media in (content or {}).items():
            if "example" in media:
                check(media.get("schema"), media["example"], f"{where} {media_type}")
            for key, example in (media.get("examples") or {}).items():
                example = resolve(doc, example)
                if "value" in example:
                    check(media.get("schema"), example["value"], f"{where} {media_type} examples.{key}")

    for method, path, op in operations(doc):
        label = f"{method.upper()} {path}"
        media_examples(resolve(doc, op.get("requestBody") or {}).get("content"), f"{label} request")
        for status, response in (op.get("responses") or {}).items():
            media_examples(resolve(doc, response).get("content"), f"{label} {status}")
        for parameter in op.get("parameters") or []:
            parameter = resolve(doc, parameter)
            if "example" in parameter:
                check(parameter.get("schema"), parameter["example"], f"{label} parameter {parameter.get('name')}")


# ---------------------------------------------------------------------------- routes

PARAMETER = re.compile(r"^(?::(?P<colon>.+)|\{(?P<brace>[^{}]+)\}|<(?P<angle>[^<>]+)>)$")


def route_key(method: str, path: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(METHOD, segments with parameters as `{}`, parameter names)."""
    path = path.split("?", 1)[0].strip()
    if not path.startswith("/"):
        path = "/" + path
    if len(path) > 1:
        path = path.rstrip("/")
    shape, names = [], []
    for segment in path.split("/")[1:]:
        match = PARAMETER.match(segment)
        if match:
            shape.append("{}")
            names.append(match.group("colon") or match.group("brace") or match.group("angle"))
        else:
            shape.append(segment)
    return method.strip().upper(), tuple(shape), tuple(names)


def display(method: str, shape: tuple[str, ...], names: tuple[str, ...]) -> str:
    names_left = iter(names)
    segments = [f"{{{next(names_left)}}}" if segment == "{}" else segment for segment in shape]
    return f"{method} /" + "/".join(segments)


def read_routes(text: str, source: str) -> list[tuple[str, str]]:
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise ValueError(f"{source}: not valid JSON: {error}") from None
        routes = []
        for index, item in enumerate(data):
            if isinstance(item, dict) and "method" in item and "path" in item:
                routes.append((str(item["method"]), str(item["path"])))
            elif isinstance(item, (list, tuple)) and len(item) == 2:
                routes.append((str(item[0]), str(item[1])))
            else:
                raise ValueError(f"{source}: item {index} is neither [method, path] nor {{method, path}}")
        return routes
    routes = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [part for part in re.split(r"[\s,]+", line) if part]
        if len(parts) != 2 or parts[0].lower() not in HTTP_METHODS:
            raise ValueError(f"{source}:{number}: expected `METHOD /path`, got {line!r}")
        routes.append((parts[0], parts[1]))
    return routes


def check_routes(doc: dict, routes: list[tuple[str, str]], subset: bool, report: Report) -> None:
    documented = {}
    for method, path, op in operations(doc):
        method, shape, names = route_key(method, path)
        documented[(method, shape)] = (names, op.get("operationId"))
    served = {}
    for method, path in routes:
        method, shape, names = route_key(method, path)
        if (method, shape) in served:
            report.note(f"route listed twice: {display(method, shape, names)}")
        served[(method, shape)] = names

    renamed: dict[tuple[str, str], int] = {}
    for key, names in sorted(served.items()):
        if key not in documented:
            report.problem(f"route not in the document: {display(key[0], key[1], names)}")
            continue
        for doc_name, name in zip(documented[key][0], names):
            if doc_name != name:
                renamed[(doc_name, name)] = renamed.get((doc_name, name), 0) + 1
    if renamed:
        pairs = ", ".join(f"{{{doc_name}}} as :{name} ({count} route{'s' if count > 1 else ''})"
                          for (doc_name, name), count in sorted(renamed.items()))
        report.note(f"path parameters are matched by position; the server names {pairs}")
    if not subset:
        for key, (names, op_id) in sorted(documented.items()):
            if key not in served:
                report.problem(f"documented but not served: {display(key[0], key[1], names)} ({op_id})")
    matched = len(set(served) & set(documented))
    report.note(f"routes: {len(served)} given, {len(documented)} documented, {matched} in both")


# ---------------------------------------------------------------------------- main


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help=f"the document (default: {DEFAULT_SPEC})")
    parser.add_argument("--routes", metavar="FILE", help="a route list to compare with the document; `-` for stdin")
    parser.add_argument("--subset", action="store_true",
                        help="only require every given route to be documented, not the converse")
    args = parser.parse_args(argv)

    report = Report()
    try:
        text = args.spec.read_text(encoding="utf-8")
    except OSError as error:
        print(f"error: cannot read {args.spec}: {error}", file=sys.stderr)
        return 2
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        print(f"{args.spec}: FAILED: not valid JSON: {error}")
        return 1
    if not isinstance(doc, dict):
        print(f"{args.spec}: FAILED: the document is not a JSON object")
        return 1

    routes = None
    if args.routes is not None:
        try:
            source = "stdin" if args.routes == "-" else args.routes
            route_text = sys.stdin.read() if args.routes == "-" else Path(args.routes).read_text(encoding="utf-8")
            routes = read_routes(route_text, source)
        except (OSError, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2

    check_spec(doc, report)
    for check in (check_operations, check_request_schemas, check_examples):
        try:
            check(doc, report)
        except Exception as error:  # a document broken in a way the checks above did not foresee
            report.problem(f"{check.__name__} could not finish: {type(error).__name__}: {error}")
    if routes is not None:
        check_routes(doc, routes, args.subset, report)

    count = sum(1 for _ in operations(doc))
    for note in report.notes:
        print(f"note: {note}")
    for problem in report.problems:
        print(f"PROBLEM: {problem}")
    verdict = "OK" if not report.problems else f"FAILED, {len(report.problems)} problem(s)"
    print(f"{args.spec}: {count} operations; {verdict}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
