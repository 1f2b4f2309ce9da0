"""A small file-descriptor limit (`ulimit -n`): said at start, shared sensibly, refused when unusable."""

from __future__ import annotations

import re
import socket
import subprocess
import time

from conftest import REPO_ROOT, limit_descriptors, mock_binary, start_server

LIMIT_LINE = re.compile(r"serving at most (\d+) connections at once, with a file-descriptor limit of (\d+) \(ulimit -n\)")


def answer_status(sock: socket.socket) -> int:
    """The status of one whole answer to a HEAD-less GET of the health check (its body is small)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        assert chunk, "the connection closed before an answer"
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
    while len(rest) < length:
        rest += sock.recv(4096)
    return int(head.split(b" ", 2)[1])


def wait_for_line(server, pattern: re.Pattern[str]) -> re.Match[str]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if match := pattern.search(server.stderr()):
            return match
        time.sleep(0.05)
    raise AssertionError(f"no line matching {pattern.pattern!r} on stderr:\n{server.stderr()}")


def test_a_limit_of_64_serves_16_keep_alive_connections_at_once_and_says_its_limits():
    server = start_server(descriptor_limit=64)
    try:
        match = wait_for_line(server, LIMIT_LINE)
        assert int(match.group(2)) == 64
        assert int(match.group(1)) >= 16
        host, port = server.url.removeprefix("http://").rsplit(":", 1)
        sockets = [socket.create_connection((host, int(port)), timeout=5) for _ in range(16)]
        request = f"GET /__admin/health HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
        try:
            for _ in range(2):  # the second round shows each connection stayed open, all at once
                for sock in sockets:
                    sock.sendall(request)
                assert [answer_status(sock) for sock in sockets] == [200] * 16
        finally:
            for sock in sockets:
                sock.close()
    finally:
        server.stop()


def test_a_limit_that_leaves_room_for_fewer_than_8_connections_refuses_to_start():
    result = subprocess.run(
        [mock_binary(), "serve", "--port", "0", "--quiet"], cwd=REPO_ROOT, capture_output=True, text=True,
        timeout=30, preexec_fn=lambda: limit_descriptors(28))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "the file-descriptor limit (ulimit -n) is 28" in result.stderr
    assert "fewer than 8; raise it" in result.stderr
