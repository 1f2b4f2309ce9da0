"""Support for the inbound SCIM 2.0 interop tests (test_scim_*.py): a fresh server per test, clients
of the real scim2-client library in each base-URL form, a transcript of what they exchanged, and
reads of the Cloudflare read API (update logs, SCIM users and groups) with plain urllib.

The SCIM surface is served at `URL/scim/v2` (the secret names the IdP) and at
`URL/populations/{idp_id}/scim/v2`; the IdP's SCIM secret goes in `Authorization: Bearer <secret>`.
Every SCIM test writes, so none of them uses the session server other test modules count on.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import httpx2
import pytest
from scim2_client.engines.httpx2 import SyncSCIMClient

from conftest import ACCOUNT_ID, ENTRA_IDP, OKTA_IDP, HTTPAnswer, MockServer, http, start_server

OKTA_SECRET = "okta-scim-secret"
ENTRA_SECRET = "entra-scim-secret"
SECRETS = {OKTA_IDP: OKTA_SECRET, ENTRA_IDP: ENTRA_SECRET}

SCIM_ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error"
SCIM_LIST_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group"

# The two ways an IdP reaches the SCIM endpoint: ids are what pytest prints.
BASE_FORMS = {
    "scim-v2": "/scim/v2",
    "populations": "/populations/{idp}/scim/v2",
}


def scim_base(server_url: str, idp: str, form: str) -> str:
    """The SCIM base URL of `idp` on a server, in one of BASE_FORMS."""
    return server_url + BASE_FORMS[form].format(idp=idp)


@pytest.fixture
def fresh_server() -> Iterator[Callable[[], MockServer]]:
    """Factory: each call starts a new server on the default fixture, stopped when the test ends.

    conftest's start_mock caches servers by argument list and start_server already passes the
    default fixture with --seed (passing it again is refused: the account would be defined twice),
    so a fresh server per call is started here.
    """
    started: list[MockServer] = []

    def factory() -> MockServer:
        srv = start_server()
        started.append(srv)
        return srv

    yield factory
    for srv in started:
        srv.stop()


# --- scim2-client ----------------------------------------------------------------------------------


@dataclass
class Exchange:
    method: str
    url: str
    request_body: str
    status: int
    response_headers: dict[str, str]
    response_body: str

    def describe(self, limit: int = 1500) -> str:
        def cut(text: str) -> str:
            return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"

        return (
            f"{self.method} {self.url}\n"
            f"    request:  {cut(self.request_body) or '(no body)'}\n"
            f"    answered: {self.status} {self.response_headers.get('content-type', '')} {cut(self.response_body) or '(no body)'}"
        )


@dataclass
class Transcript:
    """Every request an httpx2 client sent and what the server answered, in order."""

    exchanges: list[Exchange] = field(default_factory=list)

    def on_response(self, response: httpx2.Response) -> None:
        response.read()
        request = response.request
        self.exchanges.append(
            Exchange(
                method=request.method,
                url=str(request.url),
                request_body=request.content.decode("utf-8", "replace"),
                status=response.status_code,
                response_headers={k.lower(): v for k, v in response.headers.items()},
                response_body=response.content.decode("utf-8", "replace"),
            )
        )

    def writes(self) -> list[Exchange]:
        return [e for e in self.exchanges if e.method in ("POST", "PUT", "PATCH", "DELETE") and "/.search" not in e.url]


def scim_client(base: str, secret: str, transcript: Transcript | None = None, **kwargs: Any) -> SyncSCIMClient:
    """A scim2-client SyncSCIMClient on an httpx2 Client (scim2-client's engine) at `base`."""
    hooks = {"response": [transcript.on_response]} if transcript is not None else {}
    http_client = httpx2.Client(
        base_url=base,
        headers={"Authorization": f"Bearer {secret}"},
        timeout=10.0,
        event_hooks=hooks,
    )
    return SyncSCIMClient(http_client, **kwargs)


# --- the Cloudflare read API -------------------------------------------------------------------------

READ_HEADERS = {"Authorization": "Bearer anything"}


def read_api(server_url: str, path: str, params: list[tuple[str, str]]) -> Any:
    """GET /client/v4/accounts/{ACCOUNT_ID}{path}?params, every page; returns the concatenated result."""
    rows: list[Any] = []
    page = 1
    while True:
        query = urllib.parse.urlencode(params + [("page", str(page))])
        answer = http(f"{server_url}/client/v4/accounts/{ACCOUNT_ID}{path}?{query}", headers=READ_HEADERS)
        assert answer.status == 200, f"read API {path}?{query}: {answer.status} {answer.body!r}"
        envelope = answer.json()
        assert envelope["success"] is True, envelope
        rows.extend(envelope["result"])
        info = envelope.get("result_info") or {}
        if not envelope["result"] or page >= int(info.get("total_pages") or 1):
            return rows
        page += 1


def update_logs(server_url: str, idp: str) -> list[dict[str, Any]]:
    """The IdP's SCIM update logs, oldest first."""
    return read_api(
        server_url,
        "/access/logs/scim/updates",
        [("idp_id", idp), ("direction", "asc"), ("per_page", "1000")],
    )


def idp_users(server_url: str, idp: str, **filters: str) -> list[dict[str, Any]]:
    return read_api(server_url, f"/access/identity_providers/{idp}/scim/users", [*filters.items(), ("per_page", "100")])


def idp_groups(server_url: str, idp: str, **filters: str) -> list[dict[str, Any]]:
    return read_api(server_url, f"/access/identity_providers/{idp}/scim/groups", [*filters.items(), ("per_page", "100")])


def raw_scim(base: str, path: str, secret: str | None, method: str = "GET", body: Any = None) -> HTTPAnswer:
    """A plain-urllib SCIM request: for what a SCIM client library would refuse to send or read."""
    headers = {"Accept": "application/scim+json"}
    if secret is not None:
        headers["Authorization"] = f"Bearer {secret}"
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = "application/scim+json"
    return http(base + path, method=method, headers=headers, body=data)
