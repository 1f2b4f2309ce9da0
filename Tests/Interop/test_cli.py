"""The command line as a user runs it: exit statuses, messages naming the fixture path, environment
variables, --db persistence, --deterministic reruns, and a clean stop on SIGTERM."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import urllib.request
from pathlib import Path

import pytest

from conftest import ACCOUNT_ID, DEFAULT_SEED, LISTEN_PREFIX, OKTA_IDP, mock_binary

SCIM_JSON = "application/scim+json"


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run([mock_binary(), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, cwd=str(DEFAULT_SEED.parents[1]))


class Server:
    """`scim-mock ARGS…` started by hand, for tests of the command line itself."""

    def __init__(self, *args: str, env: dict[str, str] | None = None):
        self.process = subprocess.Popen([mock_binary(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True, env={**os.environ, **(env or {})}, cwd=str(DEFAULT_SEED.parents[1]))
        line = self.process.stdout.readline()
        assert line.startswith(LISTEN_PREFIX), f"no listening line: {line!r} {self.process.stderr.read() if self.process.poll() is not None else ''}"
        self.url = line[len(LISTEN_PREFIX):].strip()

    def request(self, method: str, path: str, body: dict | None = None, token: str = "okta-scim-secret",
                host: str | None = None) -> tuple[int, bytes, dict]:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"Bearer {token}", "Content-Type": SCIM_JSON}
        if host:
            headers["Host"] = host
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=10)
        self.process.stdout.close()
        self.process.stderr.close()
        return code


def test_seed_check_accepts_the_default_fixture():
    result = run("seed", "--check", str(DEFAULT_SEED))
    assert result.returncode == 0, result.stderr
    assert "12 users" in result.stdout and "48 update logs" in result.stdout


def test_bad_fixture_exits_2_naming_file_and_path(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"accounts": [{"id": "a", "identity_providers": [
        {"id": "i", "name": "n", "users": [{"userName": "x", "active": "yes"}]}]}]}))
    for args in (["seed", "--check", str(bad)], ["serve", "--port", "0", "--seed", str(bad)]):
        result = run(*args)
        assert result.returncode == 2
        assert f"{bad}: $.accounts[0].identity_providers[0].users[0].active: expected a boolean" in result.stderr
        assert LISTEN_PREFIX not in result.stdout


@pytest.mark.parametrize("args, says", [
    (["--max-body-bytes", "0"], "--max-body-bytes must be between 1 and 1073741824"),
    (["--max-body-bytes", "1073741825"], "--max-body-bytes must be between 1 and 1073741824"),
    (["--max-body-bytes", "99999999999999999999999"], "max-body-bytes"),
    (["--timeout", "0"], "--timeout must be between 1 and 86400"),
    (["--timeout", "4294967296"], "timeout"),
    (["--threads", "9223372036854775807"], "--threads must be between 1 and 256"),
    (["--port", "65536"], "port"),
])
def test_out_of_range_serve_options_exit_64_naming_the_option(args: list[str], says: str):
    result = run("serve", "--port", "0", *args) if "--port" not in args else run("serve", *args)
    assert result.returncode == 64, result.stderr
    assert says in result.stderr
    assert LISTEN_PREFIX not in result.stdout


def test_generated_fixture_is_valid(tmp_path: Path):
    out = tmp_path / "big.json"
    assert run("generate", "--users", "30", "--logs", "90", "--idps", "3", "--groups", "6", "-o", str(out)).returncode == 0
    result = run("seed", "--check", str(out))
    assert result.returncode == 0, result.stderr
    assert "30 users" in result.stdout and "90 update logs" in result.stdout


def test_environment_variables_configure_serve():
    server = Server(env={"SCIM_MOCK_PORT": "0", "SCIM_MOCK_QUIET": "1", "SCIM_MOCK_API_TOKEN": "a,b"})
    try:
        status, _, _ = server.request("GET", f"/client/v4/accounts/{ACCOUNT_ID}/access/identity_providers/{OKTA_IDP}/scim/users", token="b")
        assert status == 200
        status, _, _ = server.request("GET", f"/client/v4/accounts/{ACCOUNT_ID}/access/identity_providers/{OKTA_IDP}/scim/users", token="c")
        assert status == 403
    finally:
        assert server.stop() == 0


def test_environment_variables_set_the_unhappy_path_options():
    server = Server(env={"SCIM_MOCK_PORT": "0", "SCIM_MOCK_QUIET": "1", "SCIM_MOCK_RATE_LIMIT": "1",
                         "SCIM_MOCK_RATE_LIMIT_QUOTA": "1", "SCIM_MOCK_JOURNAL_SIZE": "0"})
    try:
        users = f"/client/v4/accounts/{ACCOUNT_ID}/access/identity_providers/{OKTA_IDP}/scim/users"
        assert server.request("GET", users, token="t")[0] == 200
        assert server.request("GET", users, token="t")[0] == 429
        assert server.request("GET", "/__admin/requests")[0] == 404, "SCIM_MOCK_JOURNAL_SIZE=0 keeps no journal"
    finally:
        assert server.stop() == 0


def test_every_serve_option_names_its_environment_variable():
    """What the README and `scim-mock --help` promise: each `serve` option reads SCIM_MOCK_<OPTION>."""
    help_text = run("serve", "--help").stdout
    options = [option for option in re.findall(r"^  (--[a-z-]+)", help_text, re.MULTILINE) if option != "--help"]
    assert "--journal-size" in options and "--max-live-tails" in options
    flowed = " ".join(help_text.split())
    for option in options:
        name = "FAULTS" if option == "--fault" else option[2:].upper().replace("-", "_")
        assert re.search(rf"\(env: SCIM_MOCK_{name}[=),]", flowed), option


def test_help_names_every_environment_variable_and_the_admin_api():
    text = run("serve", "--help").stdout
    for name in ("HOST", "PORT", "DB", "SEED", "NO_SEED", "API_TOKEN", "API_KEY", "API_EMAIL", "THREADS",
                 "MAX_BODY_BYTES", "TIMEOUT", "QUIET", "ADMIN_TOKEN", "DETERMINISTIC"):
        assert f"SCIM_MOCK_{name}" in text
    assert "/__admin/reset" in text


def test_db_file_keeps_state_across_restarts(tmp_path: Path):
    db = tmp_path / "state.sqlite"
    server = Server("serve", "--port", "0", "--quiet", "--db", str(db))
    try:
        status, body, _ = server.request("POST", "/scim/v2/Users", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "kept@example.com"})
        assert status == 201
        user_id = json.loads(body)["id"]
    finally:
        server.stop()
    again = Server("serve", "--port", "0", "--quiet", "--db", str(db))
    try:
        status, body, _ = again.request("GET", f"/scim/v2/Users/{user_id}")
        assert status == 200 and json.loads(body)["userName"] == "kept@example.com"
        status, body, _ = again.request("GET", "/scim/v2/Users?count=1000")
        assert json.loads(body)["totalResults"] == 8, "the fixture must not be loaded twice"
    finally:
        again.stop()


def test_deterministic_runs_answer_byte_identically():
    def session() -> list[tuple[int, bytes, list[tuple[str, str]]]]:
        server = Server("serve", "--port", "0", "--quiet", "--deterministic", "7")
        try:
            out = []
            for method, path, body in [
                ("POST", "/scim/v2/Users", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "d@example.com"}),
                ("POST", "/scim/v2/Groups", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Det"}),
                ("GET", f"/client/v4/accounts/{ACCOUNT_ID}/access/logs/scim/updates?idp_id={OKTA_IDP}&per_page=3", None),
            ]:
                # Locations carry the Host header; a fixed one keeps the two runs' ports out of the bytes.
                status, data, headers = server.request(method, path, body, host="scim-mock.test")
                out.append((status, data, sorted((k.lower(), v) for k, v in headers.items() if k.lower() != "connection")))
            return out
        finally:
            server.stop()

    first, second = session(), session()
    assert first == second
    assert all(name != "date" for _, _, headers in first for name, _ in headers)


def test_sigterm_stops_cleanly_with_status_0():
    server = Server("serve", "--port", "0", "--quiet")
    assert server.stop() == 0


def test_openapi_prints_the_document_the_server_serves_without_serving(start_mock):
    printed = run("openapi", "--admin-token", "cli-token")
    assert printed.returncode == 0, printed.stderr
    document = json.loads(printed.stdout)
    assert document["openapi"] == "3.1.0" and "cli-token" not in printed.stdout
    served = start_mock(["--admin-token", "cli-token"])
    request = urllib.request.Request(f"{served.url}/__admin/openapi.json", headers={"Authorization": "Bearer cli-token"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read()) == document
    assert run("openapi").stdout != printed.stdout  # the admin operations' security follows --admin-token
