"""Hostile HTTP on a live server: heads over the limits, broken framing, many idle connections. Every
request gets exactly one well-formed answer in the surface's own format, and a refused write changes
nothing and leaves no update log (it never reached the SCIM service)."""

from __future__ import annotations

import socket
import time
import pytest

from conftest import ACCOUNT_ID, OKTA_IDP, MockServer
from hostile_support import (LOGS, USER_URN, assert_admin_error, assert_scim_error, assert_v4_error,
                             deterministic_server, exchange, host_port, request, scim, state)

HEAD_LIMIT = 32 * 1024


mock = pytest.fixture(scope="module", name="mock")(deterministic_server)


def test_600_repeated_idp_ids_fit_the_head_and_are_served(mock: MockServer) -> None:
    target = f"/client/v4/accounts/{ACCOUNT_ID}/access/logs/scim/updates?" + "&".join([f"idp_id={OKTA_IDP}"] * 600)
    answer = exchange(mock, request("GET", target))
    assert answer.status == 200 and len(answer.status_lines) == 1
    assert answer.json()["result_info"]["total_count"] == 24


def test_more_than_1000_query_parameters_is_414_in_the_v4_envelope(mock: MockServer) -> None:
    answer = exchange(mock, request("GET", LOGS + "&x" * 1000))
    assert_v4_error(answer, 414, 1001, "more than 1000 parameters")


@pytest.mark.parametrize("surface, target", [("v4", LOGS), ("scim", "/scim/v2/Users"), ("admin", "/__admin/health")])
def test_a_head_over_the_limit_is_431_in_the_surface_format(mock: MockServer, surface: str, target: str) -> None:
    data = (scim if surface == "scim" else lambda m, t: request(m, t))("GET", target)
    data = data.replace(b"Connection: close", b"X-Padding: " + b"a" * HEAD_LIMIT + b"\r\nConnection: close")
    answer = exchange(mock, data)
    says = "the request head exceeds 32768 bytes"
    if surface == "v4":
        assert_v4_error(answer, 431, 1001, says)
    elif surface == "scim":
        assert_scim_error(answer, 431, None, says)
    else:
        assert_admin_error(answer, 431, says)


def test_a_request_line_over_the_limit_is_414(mock: MockServer) -> None:
    assert_v4_error(exchange(mock, request("GET", LOGS + "&q=" + "a" * HEAD_LIMIT)), 414, 1001, "request line exceeds")


def user_body(name: str) -> bytes:
    return b'{"schemas":["' + USER_URN.encode() + b'"],"userName":"' + name.encode() + b'"}'


def test_a_write_with_a_20_kb_host_is_applied_and_answered(mock: MockServer) -> None:
    answer = exchange(mock, scim("POST", "/scim/v2/Users", user_body("host20k@example.com"), host=b"h" * 20_000))
    assert answer.status == 201 and len(answer.status_lines) == 1
    assert answer.json()["userName"] == "host20k@example.com"


def test_a_write_whose_head_is_over_the_limit_is_refused_and_not_applied(mock: MockServer) -> None:
    before = state(mock)
    answer = exchange(mock, scim("POST", "/scim/v2/Users", user_body("host40k@example.com"), host=b"h" * 40_000))
    assert_scim_error(answer, 431, None, "the request head exceeds")
    assert state(mock) == before


@pytest.mark.parametrize("lengths", [[b"abc"], [b"-1"], [b"18446744073709551616"], [b"1e3"], [b"5", b"6"],
                                     [b"5, 6"]])
def test_a_bad_or_conflicting_content_length_is_one_400(mock: MockServer, lengths: list[bytes]) -> None:
    before = state(mock)
    head = b"POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer okta-scim-secret\r\n"
    head += b"".join(b"Content-Length: " + value + b"\r\n" for value in lengths)
    answer = exchange(mock, head + b"Content-Type: application/scim+json\r\nConnection: close\r\n\r\n{}")
    assert_scim_error(answer, 400, None, "invalid or conflicting Content-Length")
    assert state(mock) == before


def test_the_same_content_length_twice_is_accepted(mock: MockServer) -> None:
    body = user_body("twice-cl@example.com")
    head = b"POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer okta-scim-secret\r\n"
    head += b"Content-Length: %d\r\nContent-Length: %d\r\n" % (len(body), len(body))
    answer = exchange(mock, head + b"Content-Type: application/scim+json\r\nConnection: close\r\n\r\n" + body)
    assert answer.status == 201 and len(answer.status_lines) == 1


@pytest.mark.parametrize("coding, status", [(b"gzip", 501), (b"gzip, chunked", 501), (b"chunked, chunked", 400)])
def test_transfer_codings_other_than_chunked_are_refused(mock: MockServer, coding: bytes, status: int) -> None:
    data = scim("POST", "/scim/v2/Users", headers=[(b"Transfer-Encoding", coding)])
    answer = exchange(mock, data + b"5\r\nhello\r\n0\r\n\r\n")
    assert_scim_error(answer, status, None, "")


def test_transfer_encoding_with_content_length_is_400(mock: MockServer) -> None:
    data = scim("POST", "/scim/v2/Users", user_body("smuggled@example.com"), headers=[(b"Transfer-Encoding", b"chunked")])
    assert_scim_error(exchange(mock, data), 400, None, "")


def test_http11_without_host_is_400_and_http10_without_host_is_served(mock: MockServer) -> None:
    assert_v4_error(exchange(mock, request("GET", LOGS, host=None)), 400, 1001, "needs a Host header")
    answer = exchange(mock, request("GET", LOGS, host=None).replace(b"HTTP/1.1", b"HTTP/1.0", 1))
    assert answer.status == 200 and len(answer.status_lines) == 1


def test_two_host_headers_are_400(mock: MockServer) -> None:
    assert_v4_error(exchange(mock, request("GET", LOGS, headers=[(b"Host", b"other")])), 400, 1001, "more than one Host")


def test_1100_idle_connections_do_not_keep_a_new_client_waiting(mock: MockServer) -> None:
    idle: list[socket.socket] = []
    try:
        for _ in range(1100):
            idle.append(socket.create_connection(host_port(mock), timeout=5))
        started = time.monotonic()
        answer = exchange(mock, request("GET", LOGS), timeout=5)
        assert answer.status == 200
        assert time.monotonic() - started < 2.0
    finally:
        for sock in idle:
            sock.close()
