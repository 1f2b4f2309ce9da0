"""Support for the unhappy-path tests (test_faults_*.py, test_rate_limits.py): the admin API of
fault rules, the request journal and the clock, over plain HTTP, and SDK clients that retry as
shipped (the session's `make_client` turns retries off)."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from conftest import ACCOUNT_ID, OKTA_IDP, HTTPAnswer, http

LOGS_ROUTE = "GET /accounts/{account_id}/access/logs/scim/updates"


def admin(url: str, method: str, path: str, body: Any = None) -> HTTPAnswer:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"} if data is not None else {}
    return http(url + "/__admin" + path, method=method, headers=headers, body=data)


def add_fault(url: str, rule: dict[str, Any]) -> dict[str, Any]:
    answer = admin(url, "POST", "/faults", rule)
    assert answer.status == 201, answer.body
    return answer.json()


def journal(url: str, **filters: str) -> list[dict[str, Any]]:
    answer = admin(url, "GET", "/requests?" + urllib.parse.urlencode(filters))
    assert answer.status == 200, answer.body
    return answer.json()["requests"]


def journal_count(url: str, **filters: str) -> int:
    answer = admin(url, "GET", "/requests/count?" + urllib.parse.urlencode(filters))
    assert answer.status == 200, answer.body
    return answer.json()["count"]


def reset(url: str) -> None:
    assert admin(url, "POST", "/reset").status == 200


def advance_clock(url: str, seconds: float) -> None:
    assert admin(url, "POST", "/clock", {"advance": seconds}).status == 200


def retrying_client(url: str, **kwargs: Any):
    """The SDK as shipped: two retries, honouring retry-after and x-should-retry."""
    from cloudflare import Cloudflare

    options: dict[str, Any] = {"max_retries": 2, "timeout": 10.0}
    options.update(kwargs)
    return Cloudflare(base_url=url + "/client/v4", api_token="anything", **options)


def list_logs(client) -> Any:
    """One page of the Okta IdP's update logs through the SDK."""
    return client.zero_trust.access.logs.scim.updates.list(account_id=ACCOUNT_ID, idp_id=[OKTA_IDP], per_page=5)


def logs_path() -> str:
    return f"/client/v4/accounts/{ACCOUNT_ID}/access/logs/scim/updates?idp_id={OKTA_IDP}&per_page=5"
