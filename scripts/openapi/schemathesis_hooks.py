"""Schemathesis hooks for Tessera: a check for the newline-delimited JSON stream.

`POST /stores/{store_id}/streamed-list-objects` answers `application/json` whose body is
one JSON value per line, so schemathesis's own `response_schema_conformance` cannot parse
it once there are two lines or more; schemathesis.sh turns that check off for this one
operation and enables `streamed_lines_conformance` instead, which validates every line
against `#/components/schemas/StreamedListObjectsLine` and requires that only the last
line may be an error.

Loaded by schemathesis.sh through the `hooks` setting of the generated configuration.
The document is read from $TESSERA_OPENAPI (default: the one in this repository).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import schemathesis
from jsonschema.exceptions import best_match
from openapi_schema_validator import OAS30Validator

STREAM_SUFFIX = "/streamed-list-objects"
LINE_SCHEMA = "#/components/schemas/StreamedListObjectsLine"
DEFAULT_DOCUMENT = Path(__file__).resolve().parents[2] / "Sources/TesseraServer/Resources/openapi.json"

_validator = None


def _line_validator() -> OAS30Validator:
    global _validator
    if _validator is None:
        document = json.loads(Path(os.environ.get("TESSERA_OPENAPI", DEFAULT_DOCUMENT)).read_text(encoding="utf-8"))
        # `#/components/...` resolves against the schema's root, so carry the components along.
        _validator = OAS30Validator({"$ref": LINE_SCHEMA, "components": document["components"]})
    return _validator


@schemathesis.check
def streamed_lines_conformance(ctx, response, case):
    """Every line of a 2xx streamed-list-objects body is a valid StreamedListObjectsLine."""
    if case.operation.method.lower() != "post" or not case.operation.path.endswith(STREAM_SUFFIX):
        return None
    if not 200 <= response.status_code < 300:
        return None
    lines = [line for line in response.content.split(b"\n") if line.strip()]
    validator = _line_validator()
    for number, line in enumerate(lines, start=1):
        try:
            value = json.loads(line)
        except ValueError as error:
            raise AssertionError(f"line {number} of the stream is not JSON ({error}): {line[:200]!r}") from None
        error = best_match(validator.iter_errors(value))
        if error is not None:
            raise AssertionError(f"line {number} of the stream does not match StreamedListObjectsLine: "
                                 f"{error.message}: {line[:200]!r}")
        if isinstance(value, dict) and "error" in value and number != len(lines):
            raise AssertionError(f"line {number} is an error but the stream goes on for {len(lines) - number} "
                                 "more line(s)")
    return True
