"""Raw-socket helpers for the hostile-input suites: send bytes no well-behaved client would, read exactly
what the server answers, and check that it is still alive and its state unchanged afterwards."""

from __future__ import annotations

import json
import socket
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any, Iterator

from conftest import ACCOUNT_ID, ENTRA_IDP, OKTA_IDP, MockServer, http, start_server

OKTA_SECRET = "okta-scim-secret"
USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
SEARCH_URN = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error"
LOGS = f"/client/v4/accounts/{ACCOUNT_ID}/access/logs/scim/updates?idp_id={OKTA_IDP}"
USERS = f"/client/v4/accounts/{ACCOUNT_ID}/access/identity_providers/{OKTA_IDP}/scim/users"
GROUPS = f"/accounts/{ACCOUNT_ID}/access/identity_providers/{ENTRA_IDP}/scim/groups"


@dataclass
class RawAnswer:
    """What came back on one connection: every status line seen, the first head's headers, the body."""

    status_lines: list[bytes]
    headers: dict[str, str]
    body: bytes
    raw: bytes

    @property
    def status(self) -> int:
        assert self.status_lines, f"no answer at all: {self.raw[:200]!r}"
        return int(self.status_lines[0].split(b" ")[1])

    def json(self) -> Any:
        return json.loads(self.body)


def host_port(server: MockServer) -> tuple[str, int]:
    parsed = urllib.parse.urlsplit(server.url)
    return parsed.hostname or "127.0.0.1", parsed.port or 80


def exchange(server: MockServer, data: bytes, timeout: float = 10.0) -> RawAnswer:
    """Sends `data` on a fresh connection and reads until the server closes it (requests say
    Connection: close) or `timeout` passes, which counts as no answer."""
    with socket.create_connection(host_port(server), timeout=timeout) as sock:
        sock.sendall(data)
        try:
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        raw = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                break
            except ConnectionResetError:
                break
            if not chunk:
                break
            raw += chunk
    return parse(raw)


def parse(raw: bytes) -> RawAnswer:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.decode("latin-1").strip().lower()] = value.decode("latin-1").strip()
    length = headers.get("content-length")
    if length is not None and length.isdigit():
        body, rest = body[: int(length)], body[int(length):]
    else:
        rest = b""
    status_lines = [lines[0]] if lines and lines[0].startswith(b"HTTP/") else []
    status_lines += [line for line in rest.split(b"\r\n") if line.startswith(b"HTTP/1.")]
    status_lines += [line for line in body.split(b"\r\n") if line.startswith(b"HTTP/1.")]
    return RawAnswer(status_lines, headers, body, raw)


def request(method: str, target: bytes | str, body: bytes = b"", headers: list[tuple[bytes, bytes]] | None = None,
            auth: bytes | None = b"Bearer anything", host: bytes | None = b"127.0.0.1") -> bytes:
    """One HTTP/1.1 request as bytes, with Connection: close, Content-Length for a body, and the given extras."""
    target = target.encode() if isinstance(target, str) else target
    out = b"%s %s HTTP/1.1\r\n" % (method.encode(), target)
    if host is not None:
        out += b"Host: " + host + b"\r\n"
    if auth is not None:
        out += b"Authorization: " + auth + b"\r\n"
    for name, value in headers or []:
        out += name + b": " + value + b"\r\n"
    if body:
        out += b"Content-Type: application/scim+json\r\nContent-Length: %d\r\n" % len(body)
    return out + b"Connection: close\r\n\r\n" + body


def scim(method: str, target: str, body: bytes = b"", **kwargs: Any) -> bytes:
    return request(method, target, body, auth=b"Bearer " + OKTA_SECRET.encode(), **kwargs)


def state(server: MockServer) -> dict[str, Any]:
    answer = http(server.url + "/__admin/state")
    assert answer.status == 200
    return answer.json()


def logs_of(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    return [log for account in snapshot["accounts"] for idp in account["identity_providers"] for log in idp["update_logs"]]


def without_logs(snapshot: dict[str, Any]) -> dict[str, Any]:
    copy = json.loads(json.dumps(snapshot))
    for account in copy["accounts"]:
        for idp in account["identity_providers"]:
            idp["update_logs"] = []
    return copy


def assert_alive(server: MockServer) -> None:
    assert server.process.poll() is None, f"the server exited with {server.process.poll()}:\n{server.stderr()[-2000:]}"
    assert http(server.url + "/__admin/health").status == 200


def assert_v4_error(answer: RawAnswer, status: int, code: int, says: str) -> None:
    assert len(answer.status_lines) == 1, answer.raw[:500]
    assert answer.status == status, answer.raw[:500]
    body = answer.json()
    assert body["success"] is False and body["result"] is None, body
    assert body["errors"][0]["code"] == code, body
    assert says in body["errors"][0]["message"], body


def assert_scim_error(answer: RawAnswer, status: int, scim_type: str | None, says: str) -> None:
    assert len(answer.status_lines) == 1, answer.raw[:500]
    assert answer.status == status, answer.raw[:500]
    body = answer.json()
    assert body["schemas"] == [ERROR_URN] and body["status"] == str(status), body
    assert body.get("scimType") == scim_type, body
    assert says in body["detail"], body


def assert_admin_error(answer: RawAnswer, status: int, says: str) -> None:
    assert len(answer.status_lines) == 1, answer.raw[:500]
    assert answer.status == status, answer.raw[:500]
    body = answer.json()
    assert body["success"] is False and says in body["error"], body


def deterministic_server() -> Iterator[MockServer]:
    """A module's own server (its writes stay its own), checked to be alive when the module ends."""
    server = start_server(["--deterministic", "7"])
    yield server
    assert_alive(server)
    server.stop()
