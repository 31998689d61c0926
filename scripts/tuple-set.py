#!/usr/bin/env python3
"""The tuples of a fixture or of a server's store, one canonical JSON object a line, sorted,
so two sets compare with `diff` (scripts/fixtures-remote-tests.sh uses it).

  tuple-set.py fixture FILE.fga.yaml   tuples, tuple_file and tuple_files (yaml, json, jsonl, csv)
  tuple-set.py read URL STORE_ID       every tuple of the store, through /read, page by page

Read independently of Tessera's parser (PyYAML, csv, json), so an import that loses,
changes or doubles a tuple shows up as a difference. Conditions compare by name and
context (an absent context equals an empty one).
"""
import csv
import json
import os
import sys
import urllib.request

import yaml


def number_as_written_by_json(value):
    """200.0 and 200 are one JSON number (the server keeps contexts as JSON values)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: number_as_written_by_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [number_as_written_by_json(item) for item in value]
    return value


def canonical(tuple_key):
    item = {"user": tuple_key["user"], "relation": tuple_key["relation"], "object": tuple_key["object"]}
    condition = tuple_key.get("condition")
    if condition:
        context = number_as_written_by_json(condition.get("context") or {})
        item["condition"] = {"name": condition["name"], "context": context}
    return json.dumps(item, sort_keys=True)


def tuple_file(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    extension = os.path.splitext(path)[1].lower()
    if extension in (".yaml", ".yml", ".json"):
        return yaml.safe_load(text) or []
    if extension == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if extension == ".csv":
        tuples = []
        for row in csv.DictReader(text.splitlines()):
            user = f"{row['user_type']}:{row['user_id']}"
            if row.get("user_relation"):
                user += "#" + row["user_relation"]
            item = {"user": user, "relation": row["relation"], "object": f"{row['object_type']}:{row['object_id']}"}
            if row.get("condition_name"):
                context = row.get("condition_context") or ""
                item["condition"] = {"name": row["condition_name"], "context": json.loads(context) if context.strip() else {}}
            tuples.append(item)
        return tuples
    raise SystemExit(f"{path}: unsupported tuple file format")


def fixture_tuples(path):
    with open(path, encoding="utf-8") as handle:
        fixture = yaml.safe_load(handle) or {}
    folder = os.path.dirname(path)
    tuples = list(fixture.get("tuples") or [])
    files = ([fixture["tuple_file"]] if fixture.get("tuple_file") else []) + list(fixture.get("tuple_files") or [])
    for name in files:
        tuples += tuple_file(os.path.join(folder, name))
    return tuples


def store_tuples(url, store_id):
    tuples, token = [], ""
    while True:
        body = json.dumps({"page_size": 100, "continuation_token": token}).encode()
        request = urllib.request.Request(f"{url}/stores/{store_id}/read", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            page = json.load(response)
        tuples += [item["key"] for item in page.get("tuples", [])]
        token = page.get("continuation_token") or ""
        if not token or not page.get("tuples"):
            return tuples


def main(arguments):
    if len(arguments) == 2 and arguments[0] == "fixture":
        tuples = fixture_tuples(arguments[1])
    elif len(arguments) == 3 and arguments[0] == "read":
        tuples = store_tuples(arguments[1], arguments[2])
    else:
        raise SystemExit(__doc__)
    # Sorted but not deduplicated: a doubled tuple must show.
    for line in sorted(canonical(item) for item in tuples):
        print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
