"""Hostile input on the Cloudflare v4 surface: every answer is one well-formed v4 error (or a normal page),
the process survives, and the state does not change (reads never write)."""

from __future__ import annotations

from typing import Iterator

import pytest

from conftest import ACCOUNT_ID, OKTA_IDP, MockServer, start_server
from hostile_support import (GROUPS, LOGS, USERS, assert_alive, assert_v4_error, exchange, request, state)

INT_MAX = 2147483647
HOSTILE_NUMBERS = ["9223372036854775807", "9223372036854775808", "-9223372036854775809", str(INT_MAX + 1),
                   "1" + "0" * 400, "1e400", "NaN", "0x10", "%00", "1.5"]
ENDPOINTS = {"logs": LOGS, "users": USERS + "?", "groups": GROUPS + "?"}


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    server = start_server(["--deterministic", "7"])
    before = state(server)
    yield server
    assert_alive(server)
    assert state(server) == before, "a read changed the state"
    server.stop()


def ranges(endpoint: str) -> dict[str, tuple[int, int]]:
    per_page = 1000 if endpoint == "logs" else 100
    found = {"page": (0, INT_MAX), "per_page": (1, per_page)}
    if endpoint == "logs":
        found["limit"] = (1, INT_MAX)
    return found


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
def test_paging_numbers_out_of_range_are_1001_naming_the_range(mock: MockServer, endpoint: str, value: str) -> None:
    for name, (low, high) in ranges(endpoint).items():
        answer = exchange(mock, request("GET", f"{ENDPOINTS[endpoint]}&{name}={value}"))
        assert_v4_error(answer, 400, 1001, f"Invalid parameter '{name}': must be an integer from {low} to {high}")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_largest_page_is_empty_not_a_crash(mock: MockServer, endpoint: str) -> None:
    extra = "&limit=%d" % INT_MAX if endpoint == "logs" else ""
    answer = exchange(mock, request("GET", f"{ENDPOINTS[endpoint]}&page={INT_MAX}&per_page=100{extra}"))
    assert answer.status == 200 and len(answer.status_lines) == 1
    body = answer.json()
    assert body["result"] == [] and body["result_info"]["page"] == INT_MAX


@pytest.mark.parametrize("target", [
    f"/client/v4/accounts/%zz/access/logs/scim/updates?idp_id={OKTA_IDP}",
    f"/client/v4/accounts/{ACCOUNT_ID}/access/logs/scim/updates?idp_id=%",
    f"/client/v4/accounts/{ACCOUNT_ID}/access/logs/scim/updates?idp_id=%ff%fe",
    f"/client/v4/accounts/%c3%28/access/logs/scim/updates?idp_id={OKTA_IDP}",
])
def test_invalid_percent_encoding_or_utf8_in_the_target_is_400(mock: MockServer, target: str) -> None:
    assert_v4_error(exchange(mock, request("GET", target)), 400, 1001, "request-target")


def test_raw_non_utf8_bytes_in_path_and_query_are_400(mock: MockServer) -> None:
    for target in [b"/client/v4/accounts/\xff/access/logs/scim/updates?idp_id=x", LOGS.encode() + b"&status=\xc3"]:
        assert_v4_error(exchange(mock, request("GET", target)), 400, 1001, "request-target")


def test_non_utf8_header_values_are_refused_as_credentials(mock: MockServer) -> None:
    answer = exchange(mock, request("GET", LOGS, auth=b"Bearer \xff\xfe"))
    assert_v4_error(answer, 400, 6003, "")
    answer = exchange(mock, request("GET", LOGS, headers=[(b"X-Anything", b"\xff\x00\xfe")]))
    assert answer.status in (200, 400) and len(answer.status_lines) == 1


def test_a_body_on_a_get_is_ignored_even_when_it_is_not_json(mock: MockServer) -> None:
    answer = exchange(mock, request("GET", LOGS, body=b"\xff{" * 1000))
    assert answer.status == 200 and len(answer.status_lines) == 1


@pytest.mark.parametrize("value", ["9999-99-99", "2025-01-01T25:00:00Z", "0000-00-00T00:00:00Z", "9" * 5000,
                                   "2025-01-01T00:00:00+99:99", "%ff"])
def test_bad_timestamps_are_1001(mock: MockServer, value: str) -> None:
    answer = exchange(mock, request("GET", f"{LOGS}&since={value}"))
    assert answer.status == 400 and len(answer.status_lines) == 1
    assert answer.json()["errors"][0]["code"] == 1001
