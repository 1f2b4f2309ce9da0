"""Hostile input on the admin API: clear JSON errors, no crash, and a refused fixture load changes nothing."""

from __future__ import annotations

import pytest

from conftest import MockServer
from hostile_support import assert_admin_error, deterministic_server, exchange, request, state


mock = pytest.fixture(scope="module", name="mock")(deterministic_server)


@pytest.mark.parametrize("body, says", [
    (b'{"accounts":' + b"[" * 100_000, "expected an object"),
    (b'{"accounts":[{"id":"a","identity_providers":[{"id":"i","name":"n","users":[{"userName":"u","name":'
     + b"[" * 5000 + b"]" * 5000 + b"}]}]}]}", "nesting deeper than 256 levels"),
    (b'{"accounts":[],"accounts":[]}', "duplicate key"),
    (b'{"accounts":[{"id":"\xff"}]}', "invalid UTF-8"),
    (b'{"accounts":[{"id":"a","identity_providers":[{"id":"i","name":"n","users":[{"userName":"u",'
     b'"meta":{"created":1e400}}]}]}]}', "expected an RFC 3339 date-time string"),
])
def test_a_hostile_fixture_is_refused_whole(mock: MockServer, body: bytes, says: str) -> None:
    before = state(mock)
    assert_admin_error(exchange(mock, request("POST", "/__admin/fixtures", body)), 400, says)
    assert state(mock) == before


@pytest.mark.parametrize("body, says", [
    (b'{"advance":1e400}', "advance must be a non-negative number of seconds"),
    (b'{"advance":9223372036854775807}', "advance must be a non-negative number of seconds"),
    (b'{"set":"9999-12-31T23:59:59Z","advance":3000000000}', "would move the clock past 9999-12-31T23:59:59.999Z"),
    (b'{"set":"' + b"9" * 10_000 + b'"}', "set must be an RFC 3339 date-time"),
    (b"[" * 100_000, "nesting deeper than 256 levels"),
])
def test_hostile_clock_changes_are_400(mock: MockServer, body: bytes, says: str) -> None:
    assert_admin_error(exchange(mock, request("POST", "/__admin/clock", body)), 400, says)


def test_repeated_largest_advances_stop_at_the_last_instant(mock: MockServer) -> None:
    for _ in range(5):
        answer = exchange(mock, request("POST", "/__admin/clock", b'{"advance":3100000000}'))
        assert answer.status in (200, 400) and len(answer.status_lines) == 1
    assert exchange(mock, request("GET", "/__admin/clock")).json()["now"] <= "9999-12-31T23:59:59.999999Z"
    assert exchange(mock, request("POST", "/__admin/reset")).status == 200
