"""Stopping the server as CI does, with clients still talking to it: SIGTERM and SIGINT while keep-alive
clients write through a `--db` server answer every write the server applied (and apply none it did not
answer), close idle connections at once, cut a delayed answer short instead of dropping it, refuse what
is still unread after `--stop-timeout`, and SIGQUIT ends the process."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import OKTA_IDP, start_server
from scim_support import OKTA_SECRET

USERS = f"/populations/{OKTA_IDP}/scim/v2/Users"


def host_port(url: str) -> tuple[str, int]:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    return host.strip("[]"), int(port)


def post_request(host: str, user_name: str) -> bytes:
    body = json.dumps({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": user_name}).encode()
    head = (f"POST {USERS} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {OKTA_SECRET}\r\n"
            f"Content-Type: application/scim+json\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


def read_answer(sock: socket.socket, buffer: bytearray) -> tuple[int, dict[str, str]] | None:
    """One whole answer (status, headers) from a keep-alive socket, or None when the connection ended first."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer += chunk
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip().lower(): value.strip() for name, value in (line.split(":", 1) for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        rest += chunk
    buffer[:] = rest[length:]
    return int(lines[0].split()[1]), headers


@dataclass
class Writer:
    """A keep-alive client creating users one after another until its connection ends."""
    url: str
    name: str
    answered: dict[str, int] = field(default_factory=dict)
    unanswered: list[str] = field(default_factory=list)
    closes: list[str] = field(default_factory=list)

    def run(self) -> None:
        host, port = host_port(self.url)
        with socket.create_connection((host, port), timeout=30) as sock:
            buffer = bytearray()
            for n in range(100_000):
                user_name = f"{self.name}-{n}@stop.example"
                try:
                    sock.sendall(post_request(host, user_name))
                    answer = read_answer(sock, buffer)
                except OSError:
                    answer = None
                if answer is None:
                    self.unanswered.append(user_name)
                    return
                status, headers = answer
                self.answered[user_name] = status
                if headers.get("connection", "").lower() == "close":
                    self.closes.append(user_name)
                    return


def user_names(url: str) -> set[str]:
    names: set[str] = set()
    start = 1
    while True:
        request = urllib.request.Request(f"{url}{USERS}?startIndex={start}&count=1000",
                                         headers={"Authorization": f"Bearer {OKTA_SECRET}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            page = json.load(response)
        names |= {user["userName"] for user in page["Resources"]}
        if not page["Resources"]:
            return names
        start += len(page["Resources"])


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_answers_every_write_it_applied(tmp_path: Path, signal_number: int):
    db = tmp_path / "stop.sqlite"
    server = start_server(["--db", str(db)])
    writers = [Writer(server.url, f"w{i}") for i in range(32)]
    threads = [threading.Thread(target=writer.run) for writer in writers]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    server.process.send_signal(signal_number)
    assert server.process.wait(timeout=20) == 0
    for thread in threads:
        thread.join(timeout=20)
    stderr = server.stderr()
    server.stop()

    answered = {name: status for writer in writers for name, status in writer.answered.items()}
    unanswered = [name for writer in writers for name in writer.unanswered]
    assert sum(1 for status in answered.values() if status == 201) > 32
    assert set(answered.values()) == {201}, stderr
    # Every client whose write was under way got its answer, marked as the connection's last.
    assert sum(len(writer.closes) for writer in writers) + len(unanswered) == 32
    assert "requests answered while stopping" in stderr

    restarted = start_server(["--db", str(db)], seed=None)
    try:
        stored = {name for name in user_names(restarted.url) if name.endswith("@stop.example")}
    finally:
        restarted.stop()
    assert stored == set(answered), f"applied without an answer: {sorted(stored - set(answered))[:5]}"
    assert not stored & set(unanswered)


def test_idle_keep_alive_connections_do_not_hold_a_stop():
    server = start_server(["--stop-timeout", "30"])
    host, port = host_port(server.url)
    idle = []
    for _ in range(8):
        sock = socket.create_connection((host, port), timeout=10)
        sock.sendall(f"GET /__admin/health HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        assert read_answer(sock, bytearray())[0] == 200
        idle.append(sock)
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=10) == 0
    assert time.monotonic() - started < 3
    for sock in idle:
        assert sock.recv(1) == b""
        sock.close()
    assert "8 idle connections closed" in server.stderr()
    server.stop()


def test_a_delayed_answer_is_sent_at_once_when_the_server_stops():
    rule = {"match": {"method": "POST", "surface": "scim"}, "delay": {"ms": 60_000}}
    server = start_server(["--fault", json.dumps(rule)])
    host, port = host_port(server.url)
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(post_request(host, "delayed@stop.example"))
        time.sleep(0.5)
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        status, headers = read_answer(sock, bytearray())
        assert (status, headers.get("connection")) == (201, "close")
        assert time.monotonic() - started < 5
    assert server.process.wait(timeout=10) == 0
    server.stop()


def test_a_request_still_unread_after_the_stop_timeout_is_not_applied(tmp_path: Path):
    db = tmp_path / "slow.sqlite"
    server = start_server(["--db", str(db), "--stop-timeout", "1"])
    host, port = host_port(server.url)
    request = post_request(host, "slow@stop.example")
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(request[:-5])
        time.sleep(0.3)
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=10) == 0
        assert 0.9 < time.monotonic() - started < 5
        try:
            sock.sendall(request[-5:])
            tail = sock.recv(65536)
        except OSError:
            tail = b""
        assert not tail.startswith(b"HTTP/1.1 201")
    assert "1 connections cut off after --stop-timeout" in server.stderr()
    server.stop()
    restarted = start_server(["--db", str(db)], seed=None)
    try:
        assert "slow@stop.example" not in user_names(restarted.url)
    finally:
        restarted.stop()


def test_sigquit_ends_the_process():
    server = start_server()
    server.process.send_signal(signal.SIGQUIT)
    try:
        code = server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("scim-mock kept running after SIGQUIT")
    assert code == -signal.SIGQUIT
    server.stop()
