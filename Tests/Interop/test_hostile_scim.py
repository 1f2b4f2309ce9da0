"""Hostile input on the inbound SCIM surface: every answer is one RFC 7644 §3.12 error, the process
survives, nothing changes, and each refused write leaves exactly one FAILURE update log."""

from __future__ import annotations

import json
import pytest

from conftest import MockServer, http
from hostile_support import (OKTA_SECRET, PATCH_URN, SEARCH_URN, USER_URN, assert_scim_error,
                             deterministic_server, exchange, logs_of, scim, state, without_logs)


mock = pytest.fixture(scope="module", name="mock")(deterministic_server)


@pytest.fixture(scope="module")
def group_id(mock: MockServer) -> str:
    answer = http(mock.url + "/scim/v2/Groups?count=1", headers={"Authorization": "Bearer " + OKTA_SECRET})
    return answer.json()["Resources"][0]["id"]


def refused_write(mock: MockServer, data: bytes, status: int, scim_type: str | None, says: str) -> None:
    """The write is answered with the error, changes nothing, and adds one FAILURE log."""
    before = state(mock)
    assert_scim_error(exchange(mock, data), status, scim_type, says)
    after = state(mock)
    assert without_logs(after) == without_logs(before)
    failures = [sum(log["status"] == "FAILURE" for log in logs_of(s)) for s in (before, after)]
    assert len(logs_of(after)) == len(logs_of(before)) + 1
    assert failures[1] == failures[0] + 1


def user(extra: bytes) -> bytes:
    return b'{"schemas":["' + USER_URN.encode() + b'"],"userName":"hostile@example.com"' + extra + b"}"


@pytest.mark.parametrize("body, scim_type, says", [
    (user(b',"displayName":"\xff\xfe"'), "invalidSyntax", "invalid UTF-8"),
    (user(b',"displayName":"\\ud800"'), "invalidSyntax", "unpaired surrogate"),
    (user(b',"displayName":"\\udc00\\ud800"'), "invalidSyntax", "surrogate"),
    (user(b',"userName":"twice@example.com"'), "invalidSyntax", 'duplicate key "userName"'),
    (user(b',"name":' + b"[" * 100_000 + b"]" * 100_000), "invalidSyntax", "nesting deeper than 256 levels"),
    (user(b',"name":' + b'{"a":' * 300 + b"1" + b"}" * 300), "invalidSyntax", "nesting deeper than 256 levels"),
    (b"{}}", "invalidSyntax", "Invalid JSON body"),
    (b"\x00\x01\x02", "invalidSyntax", "Invalid JSON body"),
    (user(b',"x":' + b"1" * 100_000), "invalidValue", "unknown attribute"),
])
def test_bad_json_bodies_are_refused_writes(mock: MockServer, body: bytes, scim_type: str, says: str) -> None:
    refused_write(mock, scim("POST", "/scim/v2/Users", body), 400, scim_type, says)


@pytest.mark.parametrize("literal", [b"1e400", b"-1e400", b"1" + b"0" * 400, b"0.0000000000000000000001e-400"])
def test_huge_numbers_where_a_boolean_belongs_are_invalid_value(mock: MockServer, literal: bytes) -> None:
    refused_write(mock, scim("POST", "/scim/v2/Users", user(b',"active":' + literal)), 400, "invalidValue", "active")


def patch(operations: list[dict]) -> bytes:
    return json.dumps({"schemas": [PATCH_URN], "Operations": operations}).encode()


def test_a_member_filter_chain_over_the_term_limit_is_a_refused_patch(mock: MockServer, group_id: str) -> None:
    path = "members[" + " or ".join(["v pr"] * 1001) + "]"
    refused_write(mock, scim("PATCH", f"/scim/v2/Groups/{group_id}", patch([{"op": "remove", "path": path}])),
                  400, "invalidPath", "more than 1000 comparisons")


def test_a_member_filter_chain_of_thousands_of_terms_is_a_refused_patch(mock: MockServer, group_id: str) -> None:
    path = "members[" + " or ".join(f'value eq "m{i}"' for i in range(20_000)) + "]"
    refused_write(mock, scim("PATCH", f"/scim/v2/Groups/{group_id}", patch([{"op": "remove", "path": path}])),
                  400, "invalidPath", "longer than 8192 characters")


def test_too_many_operations_is_too_many(mock: MockServer, group_id: str) -> None:
    operations = [{"op": "replace", "path": "displayName", "value": "x"}] * 1001
    refused_write(mock, scim("PATCH", f"/scim/v2/Groups/{group_id}", patch(operations)), 400, "tooMany", "at most 1000")


def test_deep_parentheses_in_a_patch_path_are_refused(mock: MockServer, group_id: str) -> None:
    path = "members[" + "(" * 2000 + "value pr" + ")" * 2000 + "]"
    refused_write(mock, scim("PATCH", f"/scim/v2/Groups/{group_id}", patch([{"op": "remove", "path": path}])),
                  400, "invalidPath", "deeper than 64 levels")


def search(mock: MockServer, body: dict | bytes) -> bytes:
    data = body if isinstance(body, bytes) else json.dumps({"schemas": [SEARCH_URN], **body}).encode()
    return scim("POST", "/scim/v2/Users/.search", data)


@pytest.mark.parametrize("body, scim_type, says", [
    ({"filter": " or ".join(f'userName eq "u{i}"' for i in range(20_000))}, "invalidFilter", "more than 1000"),
    ({"filter": " and ".join(["title pr"] * 5000)}, "invalidFilter", "more than 1000"),
    ({"filter": "not (" * 5000 + "title pr" + ")" * 5000}, "invalidFilter", "deeper than 64 levels"),
    ({"filter": "(" * 100_000}, "invalidFilter", "deeper than 64 levels"),
    ({"startIndex": 9223372036854775808}, "invalidValue", "startIndex must be an integer"),
    (b'{"schemas":["' + SEARCH_URN.encode() + b'"],"count":1e400}', "invalidValue", "count must be an integer"),
    (b'{"schemas":["' + SEARCH_URN.encode() + b'"],"schemas":[]}', "invalidSyntax", "duplicate key"),
])
def test_hostile_searches_are_errors_and_write_nothing(mock: MockServer, body: dict | bytes, scim_type: str,
                                                      says: str) -> None:
    before = state(mock)
    assert_scim_error(exchange(mock, search(mock, body)), 400, scim_type, says)
    assert state(mock) == before


@pytest.mark.parametrize("query, says", [
    ("startIndex=9223372036854775808", "startIndex must be an integer"),
    ("count=-99999999999999999999", "count must be an integer"),
    ("startIndex=1e400", "startIndex must be an integer"),
])
def test_hostile_list_numbers_are_invalid_value(mock: MockServer, query: str, says: str) -> None:
    assert_scim_error(exchange(mock, scim("GET", "/scim/v2/Users?" + query)), 400, "invalidValue", says)


def test_list_paging_at_the_edges_of_the_range_answers(mock: MockServer) -> None:
    answer = exchange(mock, scim("GET", "/scim/v2/Users?startIndex=2147483647&count=2147483647"))
    assert answer.status == 200 and answer.json()["Resources"] == []


@pytest.mark.parametrize("target", ["/scim/v2/Users/%zz", "/scim/v2/Users?filter=%", "/scim/v2/Users/%ff",
                                    "/scim/v2/Users?filter=userName%20eq%20%22%c3%28%22"])
def test_invalid_percent_encoding_or_utf8_is_a_scim_400(mock: MockServer, target: str) -> None:
    assert_scim_error(exchange(mock, scim("GET", target)), 400, None, "request-target")
