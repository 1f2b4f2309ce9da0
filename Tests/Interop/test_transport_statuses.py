"""The answers the transport gives by itself (a long query, a large head, broken framing, an oversize body,
an HTTP version it does not speak) match what the served OpenAPI document declares for the operation the
request was for: its status is listed, its media type is one the document names for that status (an
answer without Content-Type is libmicrohttpd's own HTML page, declared as text/html), and a JSON body is
valid against the declared schema. One operation per surface, over raw sockets."""

from __future__ import annotations

import json
from typing import Any, Iterator

import jsonschema_rs
import pytest
from conftest import ACCOUNT_ID, MockServer, http, start_server
from hostile_support import OKTA_SECRET, RawAnswer, assert_alive, exchange
from hostile_support import request as raw_request

MAX_BODY = 64
# One GET per surface: (document path, request target).
OPERATIONS = {
    "cloudflare": ("/client/v4/accounts/{account_id}/access/logs/scim/updates",
                   f"/client/v4/accounts/{ACCOUNT_ID}/access/logs/scim/updates"),
    "scim": ("/scim/v2/Users", "/scim/v2/Users"),
    "admin": ("/__admin/requests", "/__admin/requests"),
    "dashboard": ("/__ui/logs", "/__ui/logs"),
}


def cases(target: str, auth: bytes) -> dict[str, bytes]:
    """Requests the transport refuses, by what is wrong with them."""

    def request(method: str, target: str, **kwargs: Any) -> bytes:
        return raw_request(method, target, auth=auth, **kwargs)

    many = "&".join(f"p{i}=1" for i in range(1001))
    return {
        "bad percent-escape": request("GET", target + "?x=%zz"),
        "header line without a colon": request("GET", target, headers=[(b"NoColonHere", b"")]).replace(b"NoColonHere: ", b"NoColonHere"),
        "body over --max-body-bytes": request("GET", target, body=b"{" + b" " * MAX_BODY + b"}"),
        "request line over 32 KiB": request("GET", target + "?x=" + "a" * 40_000),
        "request line over the 64 KiB buffer": request("GET", target + "?x=" + "a" * 70_000),
        "1001 query parameters": request("GET", target + "?" + many),
        "101 header fields": request("GET", target, headers=[(b"X-F%d" % i, b"1") for i in range(101)]),
        "head over the 64 KiB buffer": request("GET", target, headers=[(b"X-Big", b"a" * 70_000)]),
        "Transfer-Encoding: gzip": request("GET", target, headers=[(b"Transfer-Encoding", b"gzip")]),
        "HTTP/2.0": request("GET", target).replace(b" HTTP/1.1\r\n", b" HTTP/2.0\r\n", 1),
    }


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    srv = start_server(["--max-body-bytes", str(MAX_BODY)])
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def document(server: MockServer) -> dict[str, Any]:
    return http(server.url + "/__admin/openapi.json").json()


def assert_declared(document: dict[str, Any], path: str, answer: RawAnswer) -> None:
    responses = document["paths"][path]["get"]["responses"]
    assert str(answer.status) in responses, f"{answer.status} is not declared on GET {path}: {answer.raw[:300]!r}"
    content = responses[str(answer.status)].get("content", {})
    media = answer.headers.get("content-type", "").split(";")[0].strip()
    if not media:
        assert answer.body.startswith(b"<html>"), answer.raw[:300]
        media = "text/html"
    assert media in content, f"{media} is not declared for {answer.status} on GET {path}: {sorted(content)}"
    if media.endswith("json"):
        schema = dict(content[media]["schema"], components=document["components"])
        errors = [error.message for error in jsonschema_rs.validator_for(schema).iter_errors(json.loads(answer.body))]
        assert errors == [], f"{answer.status} on GET {path} breaks its schema: {errors}"


@pytest.mark.parametrize("surface", sorted(OPERATIONS))
def test_transport_answers_match_the_document(server: MockServer, document: dict[str, Any], surface: str) -> None:
    path, target = OPERATIONS[surface]
    statuses = {}
    auth = b"Bearer " + (OKTA_SECRET.encode() if surface == "scim" else b"anything")
    for name, data in cases(target, auth).items():
        answer = exchange(server, data)
        assert len(answer.status_lines) == 1, (name, answer.raw[:300])
        statuses[name] = answer.status
        assert_declared(document, path, answer)
    assert_alive(server)
    refused = {name: status for name, status in statuses.items() if name != "body over --max-body-bytes"}
    assert refused == {
        "bad percent-escape": 400, "header line without a colon": 400, "request line over 32 KiB": 414,
        "request line over the 64 KiB buffer": 414, "1001 query parameters": 414, "101 header fields": 431,
        "head over the 64 KiB buffer": 431, "Transfer-Encoding: gzip": 501, "HTTP/2.0": 505,
    }
    # SCIM routes read an oversize body themselves (a write logs it as a FAILURE); a GET ignores it.
    assert statuses["body over --max-body-bytes"] == (200 if surface == "scim" else 413)
