"""Fixtures for the real-client interop tests: a scim-mock process per session, the default fixture
parsed, SDK clients in each base-URL form and auth style, and a plain-HTTP helper.

The binary comes from $SCIM_MOCK_BIN (the Makefile sets it); without it, <repo>/.build/debug/scim-mock.
"""

from __future__ import annotations

import json
import os
import queue
import resource
import signal
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SEED = REPO_ROOT / "seed-data" / "default.json"
LISTEN_PREFIX = "scim-mock listening on "
START_TIMEOUT_S = 20.0

ACCOUNT_ID = "023e105f4ecef8ad9ca31a8372d0c353"
OKTA_IDP = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
ENTRA_IDP = "0194ae2c-efcf-7cfb-8884-055f1a161fa5"
API_KEY = "144c9defac04969c7bfad8efaa8ea194"
API_EMAIL = "user@example.com"

# The SDK reads these when an argument is None, and the mock reads SCIM_MOCK_*: neither may leak in
# from the developer's shell.
for _name in list(os.environ):
    if _name.startswith("CLOUDFLARE_") or (_name.startswith("SCIM_MOCK_") and _name != "SCIM_MOCK_BIN"):
        os.environ.pop(_name, None)


def mock_binary() -> str:
    return os.environ.get("SCIM_MOCK_BIN") or str(REPO_ROOT / ".build" / "debug" / "scim-mock")


@dataclass
class MockServer:
    url: str
    process: subprocess.Popen
    stderr_path: str

    def stderr(self) -> str:
        try:
            return Path(self.stderr_path).read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
        try:
            os.unlink(self.stderr_path)
        except OSError:
            pass


def limit_descriptors(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))


def start_server(
    extra_args: list[str] | None = None, seed: Path | None = DEFAULT_SEED, descriptor_limit: int | None = None
) -> MockServer:
    """Starts `scim-mock serve --port 0 --quiet [--seed FILE] EXTRA...` and waits for its listening line;
    `descriptor_limit` sets RLIMIT_NOFILE (soft and hard) as `ulimit -n` would."""
    binary = mock_binary()
    if not os.access(binary, os.X_OK):
        pytest.fail(f"scim-mock binary not found or not executable: {binary} (set SCIM_MOCK_BIN)")
    args = [binary, "serve", "--port", "0", "--quiet"]
    if seed is not None:
        args += ["--seed", str(seed)]
    args += list(extra_args or [])
    err_fd, err_path = tempfile.mkstemp(prefix="scim-mock-stderr-", suffix=".log")
    with os.fdopen(err_fd, "wb") as err_file:
        process = subprocess.Popen(
            args,
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err_file,
            text=True,
            preexec_fn=None if descriptor_limit is None else lambda: limit_descriptors(descriptor_limit),
        )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        lines.put(process.stdout.readline())  # "" at EOF
        for _ in process.stdout:  # keep draining so the server never blocks on a full pipe
            pass

    threading.Thread(target=pump, daemon=True).start()
    server = MockServer(url="", process=process, stderr_path=err_path)
    try:
        first = lines.get(timeout=START_TIMEOUT_S)
    except queue.Empty:
        first = None
    if not first or not first.startswith(LISTEN_PREFIX):
        err = server.stderr()
        server.stop()
        why = "no listening line within %.0f s" % START_TIMEOUT_S if first is None else f"first stdout line {first!r}"
        pytest.fail(f"scim-mock did not start ({' '.join(args)}): {why}; exit status {process.poll()}; stderr:\n{err}")
    server.url = first[len(LISTEN_PREFIX):].strip().rstrip("/")
    return server


@pytest.fixture(scope="session")
def server() -> Iterator[MockServer]:
    """One server on the default fixture, shared by the whole session (the read API never mutates)."""
    srv = start_server()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def base_url(server: MockServer) -> str:
    return server.url


@pytest.fixture(scope="session")
def start_mock() -> Iterator[Callable[..., MockServer]]:
    """Factory: start_mock(["--api-token", "good-token"]) starts an extra server, stopped at session end."""
    started: list[MockServer] = []
    cache: dict[tuple[str, ...], MockServer] = {}

    def factory(extra_args: list[str]) -> MockServer:
        key = tuple(extra_args)
        if key not in cache:
            cache[key] = start_server(extra_args)
            started.append(cache[key])
        return cache[key]

    yield factory
    for srv in started:
        srv.stop()


# --- the default fixture, parsed --------------------------------------------------------------------


@pytest.fixture(scope="session")
def seed() -> dict[str, Any]:
    return json.loads(DEFAULT_SEED.read_text())


def _idp(seed: dict[str, Any], idp_id: str) -> dict[str, Any]:
    for account in seed["accounts"]:
        if account["id"] == ACCOUNT_ID:
            for idp in account["identity_providers"]:
                if idp["id"] == idp_id:
                    return idp
    raise KeyError(idp_id)


@pytest.fixture(scope="session")
def okta(seed: dict[str, Any]) -> dict[str, Any]:
    return _idp(seed, OKTA_IDP)


@pytest.fixture(scope="session")
def entra(seed: dict[str, Any]) -> dict[str, Any]:
    return _idp(seed, ENTRA_IDP)


# --- SDK clients ------------------------------------------------------------------------------------

CLIENT_FORMS = [
    pytest.param(("/client/v4", "token"), id="client-v4-token"),
    pytest.param(("/client/v4", "key"), id="client-v4-email-key"),
    pytest.param(("", "token"), id="bare-token"),
    pytest.param(("", "key"), id="bare-email-key"),
]


def make_client(url: str, prefix: str = "/client/v4", auth: str = "token", **kwargs: Any):
    from cloudflare import Cloudflare

    creds: dict[str, Any]
    if auth == "token":
        creds = {"api_token": kwargs.pop("api_token", "anything")}
    else:
        creds = {"api_email": API_EMAIL, "api_key": API_KEY}
    return Cloudflare(
        base_url=url + prefix,
        max_retries=0,
        timeout=10.0,
        _strict_response_validation=True,
        **creds,
        **kwargs,
    )


@pytest.fixture(scope="session")
def cf(base_url: str):
    """The SDK with base_url=URL/client/v4 and an API token."""
    client = make_client(base_url)
    yield client
    client.close()


@pytest.fixture(scope="session", params=CLIENT_FORMS)
def cf_any(request: pytest.FixtureRequest, base_url: str):
    """The SDK in each base-URL form (/client/v4 and bare) and each auth style (token, email+key)."""
    prefix, auth = request.param
    client = make_client(base_url, prefix, auth)
    yield client
    client.close()


# --- plain HTTP ------------------------------------------------------------------------------------


@dataclass
class HTTPAnswer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def http(url: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None) -> HTTPAnswer:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return HTTPAnswer(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as error:
        return HTTPAnswer(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


@pytest.fixture(scope="session")
def get(base_url: str) -> Callable[..., HTTPAnswer]:
    """get("/client/v4/accounts/...", headers=...) against the session server; bearer auth by default."""

    def do(path: str, headers: dict[str, str] | None = None, method: str = "GET", body: bytes | None = None) -> HTTPAnswer:
        hdrs = {"Authorization": "Bearer anything"} if headers is None else headers
        return http(base_url + path, method=method, headers=hdrs, body=body)

    return do


# --- test outcomes for fixtures (the browser tests save a screenshot when a test failed) -------------


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, "report_" + report.when, report)
