"""Cloudflare's rate limits (serve --rate-limit): the Ratelimit headers on every v4 answer, 429 with
retry-after and error 971 past the quota, windows on the mock clock, and the SCIM side per secret."""

from __future__ import annotations

import re
import urllib.request
from typing import Iterator

import cloudflare
import pytest
from scim2_models import Error, ServiceProviderConfig

from conftest import OKTA_IDP, MockServer, http, start_server
from fault_support import advance_clock, journal, list_logs, logs_path, retrying_client
from scim_support import ENTRA_SECRET, OKTA_SECRET, scim_base, scim_client

AUTH = {"Authorization": "Bearer anything"}


@pytest.fixture
def limited() -> Iterator[MockServer]:
    srv = start_server(["--rate-limit", "--rate-limit-per-ip", "0"])
    yield srv
    srv.stop()


def remaining_and_reset(header: str) -> tuple[int, int]:
    match = re.fullmatch(r'"default";r=(\d+);t=(\d+)', header)
    assert match, header
    return int(match.group(1)), int(match.group(2))


def test_the_1201st_request_in_a_window_is_429_and_advancing_the_clock_restores_service(limited: MockServer) -> None:
    first = http(limited.url + logs_path(), headers=AUTH)
    assert first.status == 200
    assert remaining_and_reset(first.headers["ratelimit"]) == (1199, 300)
    assert first.headers["ratelimit-policy"] == '"default";q=1200;w=300'
    # One keep-alive connection for the rest of the window.
    opener = urllib.request.build_opener()
    for _ in range(1198):
        with opener.open(urllib.request.Request(limited.url + logs_path(), headers=AUTH), timeout=10) as answer:
            assert answer.status == 200
    last = http(limited.url + logs_path(), headers=AUTH)
    assert last.status == 200 and remaining_and_reset(last.headers["ratelimit"])[0] == 0
    refused = http(limited.url + logs_path(), headers=AUTH)
    assert refused.status == 429
    assert refused.json()["errors"] == [{"code": 971, "message": "Please wait and consider throttling your request speed"}]
    assert refused.json()["success"] is False and refused.json()["result"] is None
    remaining, reset = remaining_and_reset(refused.headers["ratelimit"])
    assert remaining == 0 and 1 <= reset <= 300
    assert refused.headers["retry-after"] == str(reset)
    assert refused.headers["ratelimit-policy"] == '"default";q=1200;w=300'
    assert journal(limited.url, status="429")[0]["rate_limit"] == "cloudflare credential"
    # Another token has a window of its own.
    assert http(limited.url + logs_path(), headers={"Authorization": "Bearer another"}).status == 200
    with retrying_client(limited.url, max_retries=0) as client, pytest.raises(cloudflare.RateLimitError):
        list_logs(client)
    advance_clock(limited.url, 300)
    restored = http(limited.url + logs_path(), headers=AUTH)
    assert restored.status == 200
    assert remaining_and_reset(restored.headers["ratelimit"]) == (1199, 300)


def test_configured_limits_and_the_per_address_limit() -> None:
    srv = start_server(["--rate-limit", "--rate-limit-quota", "3", "--rate-limit-window", "60", "--rate-limit-per-ip", "2"])
    try:
        advance_clock(srv.url, 0)  # frozen: every request falls in the same second
        assert [http(srv.url + logs_path(), headers=AUTH).status for _ in range(2)] == [200, 200]
        by_address = http(srv.url + logs_path(), headers=AUTH)
        assert by_address.status == 429 and by_address.headers["retry-after"] == "1"
        assert by_address.headers["ratelimit-policy"] == '"default";q=2;w=1'
        advance_clock(srv.url, 1)
        third = http(srv.url + logs_path(), headers=AUTH)
        assert third.status == 200 and third.headers["ratelimit-policy"] == '"default";q=3;w=60'
        advance_clock(srv.url, 1)
        over = http(srv.url + logs_path(), headers=AUTH)
        assert over.status == 429 and over.headers["retry-after"] == "58"
    finally:
        srv.stop()


def test_no_rate_limit_headers_by_default(server: MockServer) -> None:
    answer = http(server.url + logs_path(), headers=AUTH)
    assert answer.status == 200 and "ratelimit" not in answer.headers


def test_scim_rate_limit_per_secret_is_a_scim_429_with_retry_after() -> None:
    srv = start_server(["--scim-rate-limit", "--scim-rate-limit-quota", "2", "--scim-rate-limit-window", "120"])
    try:
        advance_clock(srv.url, 0)
        client = scim_client(scim_base(srv.url, OKTA_IDP, "scim-v2"), OKTA_SECRET)
        for _ in range(2):
            client.query(ServiceProviderConfig, raise_scim_errors=False, expected_status_codes=None)
        answer = client.query(ServiceProviderConfig, raise_scim_errors=False, expected_status_codes=None)
        client.client.close()
        assert isinstance(answer, Error), answer
        assert answer.status == 429
        raw = http(scim_base(srv.url, OKTA_IDP, "scim-v2") + "/Users", headers={"Authorization": f"Bearer {OKTA_SECRET}"})
        assert raw.status == 429 and raw.headers["retry-after"] == "120"
        assert raw.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
        # Another IdP's secret is counted apart, and the v4 API is not limited.
        other = http(srv.url + "/scim/v2/Users", headers={"Authorization": f"Bearer {ENTRA_SECRET}"})
        assert other.status == 200
        assert http(srv.url + logs_path(), headers=AUTH).status == 200
    finally:
        srv.stop()
