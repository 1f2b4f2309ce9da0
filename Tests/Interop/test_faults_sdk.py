"""Injected faults as the official Cloudflare SDK meets them: it retries 429 and 5xx twice, honouring
retry-after and x-should-retry, and the journal shows each attempt with its x-stainless-retry-count."""

from __future__ import annotations

from typing import Iterator

import cloudflare
import pytest

from conftest import MockServer, start_server
from fault_support import LOGS_ROUTE, add_fault, journal, journal_count, list_logs, reset, retrying_client


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    srv = start_server()
    yield srv
    srv.stop()


@pytest.fixture(autouse=True)
def clean(mock: MockServer) -> None:
    """Every test starts without rules and with an empty journal (a reset clears both)."""
    reset(mock.url)


def status_rule(status: int, times: int | None = None, **headers: str) -> dict:
    rule: dict = {"match": {"route": LOGS_ROUTE}, "respond": {"status": status}}
    if headers:
        rule["respond"]["headers"] = {name.replace("_", "-"): value for name, value in headers.items()}
    if times is not None:
        rule["times"] = times
    return rule


def attempts(mock: MockServer) -> list[str]:
    return [entry["headers"].get("x-stainless-retry-count", "") for entry in journal(mock.url, route=LOGS_ROUTE)]


def test_two_429s_then_success_succeed_after_three_requests(mock: MockServer) -> None:
    add_fault(mock.url, status_rule(429, times=2, retry_after="0.1"))
    with retrying_client(mock.url) as client:
        page = list_logs(client)
    assert len(page.result) == 5
    assert attempts(mock) == ["0", "1", "2"]
    assert [entry["status"] for entry in journal(mock.url, route=LOGS_ROUTE)] == [429, 429, 200]
    assert journal(mock.url, status="429")[0]["fault"]["action"] == "respond"


def test_three_429s_are_a_rate_limit_error_with_the_v4_envelope(mock: MockServer) -> None:
    add_fault(mock.url, status_rule(429, times=3, retry_after="0.1"))
    with retrying_client(mock.url) as client, pytest.raises(cloudflare.RateLimitError) as raised:
        list_logs(client)
    assert raised.value.status_code == 429
    assert raised.value.body["errors"][0]["code"] == 971
    assert attempts(mock) == ["0", "1", "2"]


def test_500s_are_an_internal_server_error_after_the_retries(mock: MockServer) -> None:
    add_fault(mock.url, status_rule(500, retry_after_ms="10"))
    with retrying_client(mock.url) as client, pytest.raises(cloudflare.InternalServerError) as raised:
        list_logs(client)
    assert raised.value.status_code == 500
    assert raised.value.body["success"] is False
    assert journal_count(mock.url, route=LOGS_ROUTE, status="500") == 3


def test_latency_over_the_client_timeout_is_a_timeout_error(mock: MockServer) -> None:
    add_fault(mock.url, {"match": {"route": LOGS_ROUTE}, "delay": {"ms": 1500}})
    with retrying_client(mock.url, timeout=0.3, max_retries=0) as client, pytest.raises(cloudflare.APITimeoutError):
        list_logs(client)


def test_a_closed_connection_is_a_connection_error(mock: MockServer) -> None:
    add_fault(mock.url, {"match": {"route": LOGS_ROUTE}, "close": True})
    with retrying_client(mock.url, max_retries=0) as client, pytest.raises(cloudflare.APIConnectionError) as raised:
        list_logs(client)
    assert not isinstance(raised.value, cloudflare.APITimeoutError)
    [entry] = journal(mock.url, route=LOGS_ROUTE)
    assert (entry["status"], entry["outcome"]) == (0, "closed")


def test_x_should_retry_false_stops_the_retries(mock: MockServer) -> None:
    add_fault(mock.url, status_rule(503, x_should_retry="false"))
    with retrying_client(mock.url) as client, pytest.raises(cloudflare.InternalServerError) as raised:
        list_logs(client)
    assert raised.value.status_code == 503
    assert attempts(mock) == ["0"]


def test_a_delay_within_the_timeout_is_served_late(mock: MockServer) -> None:
    add_fault(mock.url, {"match": {"route": LOGS_ROUTE}, "delay": {"uniform_ms": [200, 300]}, "times": 1})
    with retrying_client(mock.url) as client:
        assert len(list_logs(client).result) == 5
    [entry] = journal(mock.url, route=LOGS_ROUTE)
    assert entry["status"] == 200 and entry["duration_ms"] >= 200
    assert entry["fault"]["action"] == "delay"
