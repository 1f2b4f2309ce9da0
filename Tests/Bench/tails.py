#!/usr/bin/env python3
"""Live-tail benchmark (make bench): 32 open `GET /__ui/logs/events` streams against the 100k-log bench fixture.

1. Latency: one SCIM POST at a time; the time from sending it until all 32 tails have its `log` event.
   Target: every write within 100 ms.
2. Idle cost: the server's CPU time (utime + stime from /proc) over an idle spell with 32 tails open.
   Target: no measurable CPU (under 0.5 % of one core).
3. The API's figures with 32 tails open: wrk on the logs page and on SCIM POST, without tails and with 32
   tails that follow another IdP (each write still wakes them; they have nothing to send). Target: within
   10 % of the figures without tails.

A report, like run.sh: exits 0 whether targets are met or missed, non-zero only when it cannot run.
Usage: Tests/Bench/tails.py [path/to/scim-mock]   (from the repository root; writes bench-out/tails.md)
Knobs: TAILS (32), TAIL_WRITES (50), TAIL_IDLE_S (10), BENCH_DURATION (10s).
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench-out"
FIXTURE = OUT / "fixture.json"
ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353"
IDP1 = "00000000-0000-4000-8000-000000000001"
IDP2 = "00000000-0000-4000-8000-000000000002"
TAILS = int(os.environ.get("TAILS", "32"))
WRITES = int(os.environ.get("TAIL_WRITES", "50"))
IDLE_S = float(os.environ.get("TAIL_IDLE_S", "10"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
LATENCY_MAX_MS = 100
IDLE_CPU_MAX_PCT = 0.5
UNCHANGED_WITHIN_PCT = 10


def die(message: str) -> None:
    print(f"bench: error: {message}", file=sys.stderr)
    sys.exit(1)


class Server:
    def __init__(self, binary: str, fixture: Path):
        # A closed tail frees its slot only when the server notices (at its next keep-alive), and the phases
        # below open 3 x 32 tails one after the other: room for all of them.
        self.process = subprocess.Popen([binary, "serve", "--port", "0", "--quiet", "--seed", str(fixture),
                                         "--max-live-tails", "1000"],
                                        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        if "listening on " not in line:
            die(f"the server did not start: {line!r}")
        self.url = line.split()[-1]
        self.host, port = self.url.removeprefix("http://").split(":")
        self.port = int(port)

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


class Tail:
    """A raw-socket SSE reader: counts `event: log` frames as they arrive."""

    def __init__(self, server: Server, query: str = ""):
        self.sock = socket.create_connection((server.host, server.port))
        self.sock.sendall(f"GET /__ui/logs/events{query} HTTP/1.1\r\nHost: {server.host}\r\n"
                          "Accept: text/event-stream\r\n\r\n".encode())
        self.buffer = b""
        self.logs = 0
        while b"retry: 2000" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                die(f"a tail closed before its first frame: {self.buffer[:300]!r}")
            self.buffer += chunk
        if not self.buffer.startswith(b"HTTP/1.1 200"):
            die(f"a tail was refused: {self.buffer[:200]!r}")
        self.buffer = b""

    def read(self) -> None:
        self.buffer += self.sock.recv(65536)
        self.logs += self.buffer.count(b"event: log\n")
        self.buffer = self.buffer[self.buffer.rfind(b"\n") + 1:]


def scim_post(server: Server, n: int) -> None:
    body = json.dumps({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                       "userName": f"tail-bench-{n}-{time.monotonic_ns()}@example.com"}).encode()
    request = urllib.request.Request(server.url + "/scim/v2/Users", data=body, method="POST",
                                     headers={"Authorization": "Bearer load-secret-1",
                                              "Content-Type": "application/scim+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 201:
            die(f"SCIM POST answered {response.status}")


def latency(server: Server) -> list[float]:
    tails = [Tail(server, f"?idp_id={IDP1}") for _ in range(TAILS)]
    selector = selectors.DefaultSelector()
    for tail in tails:
        selector.register(tail.sock, selectors.EVENT_READ, tail)
    figures = []
    for n in range(WRITES):
        start = time.perf_counter()
        scim_post(server, n)
        while any(tail.logs <= n for tail in tails):
            events = selector.select(timeout=5)
            if not events:
                die(f"write {n} did not reach every tail within 5 s")
            for key, _ in events:
                key.data.read()
        figures.append((time.perf_counter() - start) * 1000)
    for tail in tails:
        tail.sock.close()
    return figures


def idle_cpu(server: Server) -> float:
    tails = [Tail(server) for _ in range(TAILS)]
    before = server.cpu_seconds()
    time.sleep(IDLE_S)
    used = server.cpu_seconds() - before
    for tail in tails:
        tail.sock.close()
    return used / IDLE_S * 100


def wrk(server: Server, path: str, lua: str | None) -> float:
    args = ["wrk", "-t2", "-c32", f"-d{DURATION}", "-H", "Authorization: Bearer bench"]
    if lua:
        args += ["-s", lua]
    result = subprocess.run(args + [server.url + path], capture_output=True, text=True, check=True)
    if "Non-2xx" in result.stdout:
        die(f"wrk saw non-2xx answers on {path}: {result.stdout}")
    for line in result.stdout.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    die(f"no Requests/sec in wrk's output: {result.stdout}")
    return 0.0


def api_figures(server: Server, lua: str) -> list[tuple[str, float, float]]:
    rows = [("GET update logs, IdP 1, per_page=20", f"/client/v4/accounts/{ACCOUNT}/access/logs/scim/updates"
             f"?idp_id={IDP1}&per_page=20", None), ("SCIM POST /Users (IdP 1)", "/scim/v2/Users", lua)]
    figures = []
    for name, path, script in rows:
        wrk(server, path, script)  # warm-up
        without = wrk(server, path, script)
        tails = [Tail(server, f"?idp_id={IDP2}") for _ in range(TAILS)]
        with_tails = wrk(server, path, script)
        for tail in tails:
            tail.sock.close()
        figures.append((name, without, with_tails))
    return figures


def post_script(directory: str) -> str:
    path = Path(directory) / "tails-post.lua"
    path.write_text("""local count = 0
function setup(thread) count = count + 1; thread:set("tid", count) end
function init(args) n = 0 end
function request()
    n = n + 1
    local body = string.format('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"tails-%d-%d-%d@example.com"}', tid, n, os.time())
    return wrk.format("POST", nil, {["Content-Type"] = "application/scim+json", ["Authorization"] = "Bearer load-secret-1"}, body)
end
""")
    return str(path)


def main() -> None:
    binary = str(Path(sys.argv[1] if len(sys.argv) > 1 else ".build/release/scim-mock").resolve())
    if not os.access(binary, os.X_OK):
        die(f"no executable scim-mock at {binary} (make release builds it)")
    if not shutil.which("wrk"):
        die("wrk is not installed (make bench-deps installs it)")
    OUT.mkdir(exist_ok=True)
    if not FIXTURE.exists():
        subprocess.run([binary, "generate", "--users", "10000", "--logs", "100000", "--idps", "10", "--groups", "100",
                        "-o", str(FIXTURE)], check=True)
    with tempfile.TemporaryDirectory() as scratch:
        server = Server(binary, FIXTURE)
        try:
            print(f"bench: {TAILS} tails, {WRITES} writes one at a time")
            figures = latency(server)
            print(f"bench: {TAILS} idle tails for {IDLE_S:.0f} s")
            cpu = idle_cpu(server)
            print(f"bench: wrk -t2 -c32 -d{DURATION} without and with {TAILS} tails on another IdP")
            rows = api_figures(server, post_script(scratch))
        finally:
            server.stop()
    worst = max(figures)
    p50 = statistics.median(figures)
    report = [
        "# scim-mock live-tail bench", "",
        f"{datetime.now(timezone.utc):%Y-%m-%dT%H:%M:%SZ}, {os.cpu_count()} cores, 100k-log fixture, {TAILS} tails "
        f"(raw sockets, one process), wrk -t2 -c32 -d{DURATION}.", "",
        "| figure | value | target | result |", "|---|---:|---|---|",
        f"| a SCIM POST reaches all {TAILS} tails: median of {WRITES} | {p50:.1f} ms | | - |",
        f"| a SCIM POST reaches all {TAILS} tails: slowest of {WRITES} | {worst:.1f} ms | <= {LATENCY_MAX_MS} ms | "
        f"{'pass' if worst <= LATENCY_MAX_MS else 'MISS'} |",
        f"| server CPU with {TAILS} idle tails, {IDLE_S:.0f} s | {cpu:.2f} % | < {IDLE_CPU_MAX_PCT} % | "
        f"{'pass' if cpu < IDLE_CPU_MAX_PCT else 'MISS'} |",
    ]
    for name, without, with_tails in rows:
        change = (with_tails - without) / without * 100
        verdict = "pass" if abs(change) <= UNCHANGED_WITHIN_PCT else "MISS"
        report.append(f"| {name}: req/s without / with {TAILS} tails | {without:,.0f} / {with_tails:,.0f} ({change:+.1f} %) "
                      f"| within {UNCHANGED_WITHIN_PCT} % | {verdict} |")
    text = "\n".join(report) + "\n"
    (OUT / "tails.md").write_text(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
