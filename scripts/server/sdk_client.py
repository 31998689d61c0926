#!/usr/bin/env python3
"""OpenFGA's Python SDK (`openfga-sdk` from PyPI) against a running Tessera: every endpoint.

    python3 scripts/server/sdk_client.py http://127.0.0.1:8080

Stores (create, get, list, delete), authorization models (write, read, read latest, list),
write (writes, deletes, on_duplicate/on_missing), read, read changes (with a continuation
token), check (with context and contextual tuples), batch check (server-side, one failing
item), expand, list objects, streamed list objects, list users, list relations, assertions
(write, read); `/healthz`, `/openapi.json` and `/metrics` through the SDK's raw request.
Every answer is compared with what the model says. Exit status 0 when every assertion held.
"""

import sys

from openfga_sdk import ClientConfiguration
from openfga_sdk.client.models import (
    ClientAssertion,
    ClientBatchCheckItem,
    ClientBatchCheckRequest,
    ClientCheckRequest,
    ClientExpandRequest,
    ClientListObjectsRequest,
    ClientListRelationsRequest,
    ClientReadChangesRequest,
    ClientTuple,
    ClientWriteRequest,
)
from openfga_sdk.exceptions import ApiException, NotFoundException, ValidationException
from openfga_sdk.models import (
    CreateStoreRequest,
    FgaObject,
    ReadRequestTupleKey,
    RelationshipCondition,
    UserTypeFilter,
)
from openfga_sdk.client.models.list_users_request import ClientListUsersRequest
from openfga_sdk.sync import OpenFgaClient
from tally import Tally

# document: owner, viewer (direct, user:*, group#member, user with a condition), parent
# folder's viewers; can_read = viewer but not blocked. As JSON: the SDK sends it as is.
MODEL = {
    "schema_version": "1.1",
    "type_definitions": [
        {"type": "user"},
        {
            "type": "group",
            "relations": {"member": {"this": {}}},
            "metadata": {"relations": {"member": {"directly_related_user_types": [{"type": "user"}]}}},
        },
        {
            "type": "folder",
            "relations": {"viewer": {"this": {}}},
            "metadata": {"relations": {"viewer": {"directly_related_user_types": [{"type": "user"}]}}},
        },
        {
            "type": "document",
            "relations": {
                "parent": {"this": {}},
                "owner": {"this": {}},
                "blocked": {"this": {}},
                "viewer": {
                    "union": {
                        "child": [
                            {"this": {}},
                            {"computedUserset": {"relation": "owner"}},
                            {"tupleToUserset": {"tupleset": {"relation": "parent"}, "computedUserset": {"relation": "viewer"}}},
                        ]
                    }
                },
                "can_read": {
                    "difference": {
                        "base": {"computedUserset": {"relation": "viewer"}},
                        "subtract": {"computedUserset": {"relation": "blocked"}},
                    }
                },
            },
            "metadata": {
                "relations": {
                    "parent": {"directly_related_user_types": [{"type": "folder"}]},
                    "owner": {"directly_related_user_types": [{"type": "user"}]},
                    "blocked": {"directly_related_user_types": [{"type": "user"}]},
                    "viewer": {
                        "directly_related_user_types": [
                            {"type": "user"},
                            {"type": "user", "wildcard": {}},
                            {"type": "group", "relation": "member"},
                            {"type": "user", "condition": "in_region"},
                        ]
                    },
                }
            },
        },
    ],
    "conditions": {
        "in_region": {
            "name": "in_region",
            "expression": "region in allowed",
            "parameters": {
                "region": {"type_name": "TYPE_NAME_STRING"},
                "allowed": {"type_name": "TYPE_NAME_LIST", "generic_types": [{"type_name": "TYPE_NAME_STRING"}]},
            },
        }
    },
}

TUPLES = [
    ClientTuple(user="user:anne", relation="owner", object="document:roadmap"),
    ClientTuple(user="group:eng#member", relation="viewer", object="document:roadmap"),
    ClientTuple(user="user:bob", relation="member", object="group:eng"),
    ClientTuple(user="folder:plans", relation="parent", object="document:roadmap"),
    ClientTuple(user="user:carol", relation="viewer", object="folder:plans"),
    ClientTuple(user="user:*", relation="viewer", object="document:handbook"),
    ClientTuple(user="user:erin", relation="viewer", object="document:roadmap"),
    ClientTuple(user="user:erin", relation="blocked", object="document:roadmap"),
    ClientTuple(user="user:dave", relation="viewer", object="document:eu",
                condition=RelationshipCondition(name="in_region", context={"allowed": ["eu", "uk"]})),
]

tally = Tally("openfga-sdk")
expect = tally.expect


def expect_error(label, call, exception_type, code):
    """`call` must raise `exception_type` whose body's `code` is `code`."""
    try:
        call()
    except exception_type as error:
        # The SDK parses the `{code, message}` body; its code is OpenFGA's error name.
        body = error.parsed_exception or {}
        if not isinstance(body, dict):
            body = body.to_dict()
        if body.get("code") == code and body.get("message"):
            tally.ok()
        else:
            tally.fail(f"{label}: body {body!r}, wanted code {code}")
        return
    except ApiException as error:
        tally.fail(f"{label}: {type(error).__name__} {error.status} {error.parsed_exception!r}, wanted {exception_type.__name__}")
        return
    tally.fail(f"{label}: no error")


def check(client, user, relation, obj, **extra):
    return client.check(ClientCheckRequest(user=user, relation=relation, object=obj, **extra)).allowed


def main(url):
    configuration = ClientConfiguration(api_url=url)
    with OpenFgaClient(configuration) as client:
        # Operations endpoints, through the SDK's raw request
        health = client.execute_api_request(operation_name="Health", method="GET", path="/healthz")
        expect("healthz", (health.status, health.json()), (200, {"status": "SERVING"}))
        document = client.execute_api_request(operation_name="OpenAPI", method="GET", path="/openapi.json")
        expect("openapi.json", (document.status, document.json().get("openapi", "")[:2]), (200, "3."))

        # Stores
        store = client.create_store(CreateStoreRequest(name="sdk-test"))
        expect("create store", (store.name, len(store.id)), ("sdk-test", 26))
        other = client.create_store(CreateStoreRequest(name="sdk-other"))
        client.set_store_id(store.id)
        expect("get store", client.get_store().name, "sdk-test")
        listed = client.list_stores(options={"page_size": 1})
        expect("list stores: one per page", len(listed.stores), 1)
        expect("list stores: a continuation token", bool(listed.continuation_token), True)
        seen = [s.id for s in listed.stores]
        token = listed.continuation_token
        while token:
            page = client.list_stores(options={"page_size": 1, "continuation_token": token})
            seen += [s.id for s in page.stores]
            token = page.continuation_token
        expect("list stores: paging reaches both, oldest first", [i for i in seen if i in (store.id, other.id)], [store.id, other.id])
        expect_error("list stores: a bad continuation token",
                     lambda: client.list_stores(options={"continuation_token": "not-a-token"}), ValidationException,
                     "invalid_continuation_token")
        client.set_store_id(other.id)  # get and delete act on the configured store
        client.delete_store()
        expect_error("get a deleted store", lambda: client.get_store(), NotFoundException, "store_id_not_found")
        client.set_store_id(store.id)

        # Models
        expect("read latest model of an empty store (the SDK lists models)",
               client.read_latest_authorization_model().authorization_model, None)
        model_id = client.write_authorization_model(MODEL).authorization_model_id
        expect("write model", len(model_id), 26)
        model = client.read_authorization_model(options={"authorization_model_id": model_id}).authorization_model
        expect("read model: types", [t.type for t in model.type_definitions], ["user", "group", "folder", "document"])
        expect("read model: condition", sorted(model.conditions.keys()), ["in_region"])
        expect("read latest model", client.read_latest_authorization_model().authorization_model.id, model_id)
        expect("read models", [m.id for m in client.read_authorization_models().authorization_models], [model_id])
        expect_error("write an invalid model",
                     lambda: client.write_authorization_model({"schema_version": "1.1", "type_definitions": [{"type": "user"}, {"type": "user"}]}),
                     ValidationException, "invalid_authorization_model")
        expect_error("read an unknown model",
                     lambda: client.read_authorization_model(options={"authorization_model_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"}),
                     ValidationException, "authorization_model_not_found")

        # Write and read
        written = client.write(ClientWriteRequest(writes=TUPLES))
        expect("write: every tuple succeeded", [w.success for w in written.writes], [True] * len(TUPLES))
        client.write_tuples([ClientTuple(user="user:zoe", relation="owner", object="document:temp")])
        client.delete_tuples([ClientTuple(user="user:zoe", relation="owner", object="document:temp")])
        expect_error("write: a duplicate", lambda: client.write_tuples([TUPLES[0]]), ValidationException,
                     "write_failed_due_to_invalid_input")
        expect_error("write: a tuple the model forbids",
                     lambda: client.write_tuples([ClientTuple(user="group:eng", relation="owner", object="document:x")]),
                     ValidationException, "validation_error")
        read = client.read(ReadRequestTupleKey(object="document:roadmap"))
        expect("read: by object", len(read.tuples), 5)
        read = client.read(ReadRequestTupleKey(user="user:dave", relation="viewer", object="document:"))
        expect("read: by type, with the condition", [(t.key.object, t.key.condition.name) for t in read.tuples],
               [("document:eu", "in_region")])
        page = client.read(ReadRequestTupleKey(), options={"page_size": 4})
        expect("read: a page", (len(page.tuples), bool(page.continuation_token)), (4, True))
        changes = client.read_changes(ClientReadChangesRequest(type="document"), options={"page_size": 50})
        operations = [c.operation for c in changes.changes]
        expect("read changes: writes and the delete",
               (operations.count("TUPLE_OPERATION_WRITE"), operations.count("TUPLE_OPERATION_DELETE")), (8, 1))
        after = client.read_changes(ClientReadChangesRequest(type="document"),
                                    options={"continuation_token": changes.continuation_token})
        expect("read changes: nothing after the last token", after.changes, [])

        # Check
        expect("check: owner", check(client, "user:anne", "owner", "document:roadmap"), True)
        expect("check: through a group", check(client, "user:bob", "viewer", "document:roadmap"), True)
        expect("check: through the parent folder", check(client, "user:carol", "viewer", "document:roadmap"), True)
        expect("check: wildcard", check(client, "user:anyone", "viewer", "document:handbook"), True)
        expect("check: exclusion", check(client, "user:erin", "can_read", "document:roadmap"), False)
        expect("check: nobody", check(client, "user:zed", "viewer", "document:roadmap"), False)
        expect("check: condition true", check(client, "user:dave", "viewer", "document:eu", context={"region": "eu"}), True)
        expect("check: condition false", check(client, "user:dave", "viewer", "document:eu", context={"region": "us"}), False)
        expect("check: a contextual tuple",
               check(client, "user:zed", "viewer", "document:roadmap",
                     contextual_tuples=[ClientTuple(user="user:zed", relation="member", object="group:eng")]), True)
        expect("check: with the model id",
               client.check(ClientCheckRequest(user="user:anne", relation="owner", object="document:roadmap"),
                            options={"authorization_model_id": model_id}).allowed, True)
        expect_error("check: an unknown relation",
                     lambda: check(client, "user:anne", "nope", "document:roadmap"), ValidationException, "validation_error")
        expect_error("check: a missing condition parameter",
                     lambda: check(client, "user:dave", "viewer", "document:eu"), ValidationException, "validation_error")

        # Batch check (the server's endpoint): one failing item does not fail the others
        batch = client.batch_check(ClientBatchCheckRequest(checks=[
            ClientBatchCheckItem(user="user:bob", relation="viewer", object="document:roadmap", correlation_id="yes"),
            ClientBatchCheckItem(user="user:zed", relation="viewer", object="document:roadmap", correlation_id="no"),
            ClientBatchCheckItem(user="user:dave", relation="viewer", object="document:eu", correlation_id="ctx",
                                 context={"region": "uk"}),
            ClientBatchCheckItem(user="user:bob", relation="nope", object="document:roadmap", correlation_id="bad"),
        ]))
        results = {r.correlation_id: r for r in batch.result}
        expect("batch check: allowed", results["yes"].allowed, True)
        expect("batch check: denied", results["no"].allowed, False)
        expect("batch check: with context", results["ctx"].allowed, True)
        expect("batch check: the failed item has an error", results["bad"].error is not None, True)
        expect("batch check: no error on the others", [results[k].error for k in ("yes", "no", "ctx")], [None, None, None])

        # Expand
        tree = client.expand(ClientExpandRequest(relation="owner", object="document:roadmap")).tree
        expect("expand: leaf users", tree.root.leaf.users.users, ["user:anne"])
        tree = client.expand(ClientExpandRequest(relation="viewer", object="document:roadmap")).tree
        expect("expand: a union of three", len(tree.root.union.nodes), 3)

        # List objects, streamed and not
        objects = client.list_objects(ClientListObjectsRequest(user="user:carol", relation="viewer", type="document"))
        expect("list objects", sorted(objects.objects), ["document:handbook", "document:roadmap"])
        objects = client.list_objects(ClientListObjectsRequest(user="user:dave", relation="viewer", type="document",
                                                               context={"region": "uk"}))
        expect("list objects: with context", sorted(objects.objects), ["document:eu", "document:handbook"])
        streamed = [r.object for r in client.streamed_list_objects(
            ClientListObjectsRequest(user="user:bob", relation="can_read", type="document"))]
        expect("streamed list objects", sorted(streamed), ["document:handbook", "document:roadmap"])
        relations = client.list_relations(ClientListRelationsRequest(
            user="user:anne", object="document:roadmap", relations=["owner", "viewer", "blocked", "can_read"]))
        expect("list relations (batch checks)", sorted(relations), ["can_read", "owner", "viewer"])

        # List users
        users = client.list_users(ClientListUsersRequest(
            object=FgaObject(type="document", id="roadmap"), relation="viewer", user_filters=[UserTypeFilter(type="user")]))
        expect("list users", sorted(u.object.id for u in users.users if u.object), ["anne", "bob", "carol", "erin"])
        users = client.list_users(ClientListUsersRequest(
            object=FgaObject(type="document", id="handbook"), relation="viewer", user_filters=[UserTypeFilter(type="user")]))
        expect("list users: the wildcard", [u.wildcard.type for u in users.users if u.wildcard], ["user"])
        users = client.list_users(ClientListUsersRequest(
            object=FgaObject(type="document", id="roadmap"), relation="viewer",
            user_filters=[UserTypeFilter(type="group", relation="member")]))
        expect("list users: usersets", [(u.userset.type, u.userset.id) for u in users.users if u.userset], [("group", "eng")])

        # Assertions
        client.set_authorization_model_id(model_id)
        client.write_assertions([
            ClientAssertion(user="user:anne", relation="owner", object="document:roadmap", expectation=True),
            ClientAssertion(user="user:erin", relation="can_read", object="document:roadmap", expectation=False),
        ])
        assertions = client.read_assertions().assertions
        expect("read assertions", [(a.tuple_key.user, a.expectation) for a in assertions],
               [("user:anne", True), ("user:erin", False)])

        # Metrics count what happened
        metrics = client.execute_api_request(operation_name="Metrics", method="GET", path="/metrics")
        expect("metrics: check outcomes are counted", "tessera_check_outcomes_total" in metrics.text(), True)

        client.delete_store()
        expect_error("delete store: gone", lambda: client.get_store(), NotFoundException, "store_id_not_found")

    return tally.finish()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: sdk_client.py URL", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1].rstrip("/")))
