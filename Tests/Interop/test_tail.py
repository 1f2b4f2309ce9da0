"""`scim-mock tail` against a live server: a SCIM POST appears as a line (or a JSON row), SIGINT exits 0,
a dropped connection resumes after the last log shown, and an unreachable or refusing server is a clear
error with exit status 1."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import tempfile
import threading
import urllib.request
from pathlib import Path

from conftest import MockServer, mock_binary, start_server

SCIM_JSON = "application/scim+json"
WAIT_S = 15


class Tail:
    """`scim-mock tail --target URL ARGS…` with its stdout and stderr lines collected as they arrive."""

    def __init__(self, url: str, *args: str):
        self.process = subprocess.Popen([mock_binary(), "tail", "--target", url, *args], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        self.out: queue.Queue[str] = queue.Queue()
        self.err: queue.Queue[str] = queue.Queue()
        for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err)):
            threading.Thread(target=self._pump, args=(stream, lines), daemon=True).start()

    @staticmethod
    def _pump(stream, lines: queue.Queue[str]) -> None:
        for line in stream:
            lines.put(line.rstrip("\n"))

    @staticmethod
    def wait_for(lines: queue.Queue[str], text: str) -> str:
        seen = []
        while True:
            try:
                line = lines.get(timeout=WAIT_S)
            except queue.Empty:
                raise AssertionError(f"no line containing {text!r} within {WAIT_S} s; saw {seen!r}") from None
            seen.append(line)
            if text in line:
                return line

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=10)


def create_user(server_url: str, user_name: str) -> int:
    body = json.dumps({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": user_name}).encode()
    request = urllib.request.Request(server_url + "/scim/v2/Users", data=body, method="POST",
                                     headers={"Authorization": "Bearer okta-scim-secret", "Content-Type": SCIM_JSON})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def test_a_scim_post_appears_as_a_line_and_sigint_exits_0(start_mock):
    server = start_mock([])
    tail = Tail(server.url)
    try:
        tail.wait_for(tail.err, "following")
        assert create_user(server.url, "tail.line@example.com") == 201
        line = tail.wait_for(tail.out, "tail.line@example.com")
        fields = line.split()
        assert fields[2:4] == ["POST", "USER"] and fields[-1] == "SUCCESS", line
    finally:
        assert tail.stop() == 0


def test_json_prints_the_v4_row(start_mock):
    server = start_mock([])
    tail = Tail(server.url, "--json", "--status", "SUCCESS")
    try:
        tail.wait_for(tail.err, "following")
        assert create_user(server.url, "tail.json@example.com") == 201
        row = json.loads(tail.wait_for(tail.out, "tail.json@example.com"))
        assert row["resource_user_email"] == "tail.json@example.com"
        assert row["request_method"] == "POST" and row["status"] == "SUCCESS"
        assert set(row) >= {"cf_resource_id", "idp_id", "logged_at", "request_body", "resource_type"}
    finally:
        assert tail.stop() == 0


def test_a_dropped_connection_resumes_after_the_last_log():
    db = Path(tempfile.mkdtemp(prefix="scim-mock-tail-")) / "tail.db"
    first = start_server(["--db", str(db)])
    port = first.url.rsplit(":", 1)[1]
    tail = Tail(first.url)
    second: MockServer | None = None
    try:
        tail.wait_for(tail.err, "following")
        assert create_user(first.url, "before.drop@example.com") == 201
        tail.wait_for(tail.out, "before.drop@example.com")
        first.stop()
        tail.wait_for(tail.err, "reconnecting")
        second = start_server(["--db", str(db), "--port", port], seed=None)
        assert create_user(second.url, "after.drop@example.com") == 201
        tail.wait_for(tail.out, "after.drop@example.com")
        tail.wait_for(tail.err, "reconnected")
        assert tail.out.empty(), "nothing shown twice"
    finally:
        assert tail.stop() == 0
        first.stop()
        if second:
            second.stop()
        for path in db.parent.iterdir():
            os.unlink(path)
        db.parent.rmdir()


def test_an_unreachable_target_is_exit_1_with_the_reason():
    result = subprocess.run([mock_binary(), "tail", "--target", "http://127.0.0.1:9"], capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 1
    assert "cannot connect" in result.stderr


def test_a_refused_stream_is_exit_1_with_the_servers_message(start_mock):
    server = start_mock(["--max-live-tails", "0"])
    result = subprocess.run([mock_binary(), "tail", "--target", server.url], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert "503" in result.stderr and "--max-live-tails" in result.stderr
