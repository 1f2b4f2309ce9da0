#!/usr/bin/env python3
"""Reset benchmark (make bench): how long a reset of a big account takes, and what it costs everyone else.

The server holds the default fixture (account 023e…, SCIM secret okta-scim-secret) and a generated account
of RESET_LOGS update logs (10 IdPs, 10,000 users, 100 groups). While `DELETE /__admin/accounts/{id}` puts
the big account back to its start-up fixture, and then while `POST /__admin/reset` puts back the whole
store, two clients on keep-alive connections send `GET /__admin/health` and a SCIM `GET /Users?count=1` of
the other account one after the other. Printed: the reset's time, and the p50, p99 and max latency of
those requests during it. Target: no request waits longer than 250 ms (a normal write is a few ms; the
target leaves room for a loaded 2-core machine). Run for the in-memory store and for a `--db` file.

A report, like run.sh: exits 0 whether targets are met or missed, non-zero only when it cannot run.
Usage: Tests/Bench/reset.py [path/to/scim-mock]   (from the repository root; writes bench-out/reset.md)
Knobs: RESET_LOGS (300000).
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench-out"
LOGS = int(os.environ.get("RESET_LOGS", "300000"))
FIXTURE = OUT / f"reset-fixture-{LOGS}.json"
BIG_ACCOUNT = "0000000000000000000000000000b16a"
WAIT_MAX_MS = 250


def die(message: str) -> None:
    print(f"bench: error: {message}", file=sys.stderr)
    sys.exit(1)


class Server:
    def __init__(self, binary: str, db: str | None):
        args = [binary, "serve", "--port", "0", "--quiet", "--seed", str(FIXTURE), "--seed", "seed-data/default.json"]
        if db:
            args += ["--db", db]
        self.process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        if "listening on " not in line:
            die(f"the server did not start: {line!r}")
        host, port = line.split()[-1].removeprefix("http://").split(":")
        self.host, self.port = host, int(port)

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=300)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def call(conn: http.client.HTTPConnection, method: str, path: str, headers: dict | None = None) -> bytes:
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        die(f"{method} {path} answered {response.status}: {body[:200]!r}")
    return body


class Probe(threading.Thread):
    """Sends one request after another until stopped, keeping each latency."""

    def __init__(self, server: Server, path: str, headers: dict | None = None):
        super().__init__(daemon=True)
        self.conn, self.path, self.headers = server.connection(), path, headers
        self.latencies: list[float] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            start = time.perf_counter()
            call(self.conn, "GET", self.path, self.headers)
            self.latencies.append((time.perf_counter() - start) * 1000)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else 0.0


def measure(server: Server, method: str, path: str) -> tuple[float, list[float]]:
    """The reset's wall time (s) and the latencies (ms) of the concurrent requests sent during it."""
    probes = [Probe(server, "/__admin/health"),
              Probe(server, "/scim/v2/Users?count=1", {"Authorization": "Bearer okta-scim-secret"})]
    for probe in probes:
        probe.start()
    time.sleep(0.2)
    for probe in probes:
        probe.latencies.clear()
    start = time.perf_counter()
    call(server.connection(), method, path)
    elapsed = time.perf_counter() - start
    for probe in probes:
        probe.stopping.set()
        probe.join(timeout=60)
    return elapsed, [latency for probe in probes for latency in probe.latencies]


def main() -> None:
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/scim-mock"
    binary = str(Path(binary).resolve())
    OUT.mkdir(exist_ok=True)
    if not FIXTURE.exists():
        subprocess.run([binary, "generate", "--logs", str(LOGS), "--account", BIG_ACCOUNT, "-o", str(FIXTURE)],
                       check=True, cwd=ROOT)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for kind, db in (("in memory", None), ("--db file", f"{scratch}/reset.db")):
            server = Server(binary, db)
            try:
                before = json.loads(call(server.connection(), "GET", "/__admin/health"))
                for label, method, path in (("account reset", "DELETE", f"/__admin/accounts/{BIG_ACCOUNT}"),
                                            ("whole reset", "POST", "/__admin/reset")):
                    elapsed, latencies = measure(server, method, path)
                    after = json.loads(call(server.connection(), "GET", "/__admin/health"))
                    same = all(after[key] == before[key] for key in ("accounts", "users", "groups", "update_logs"))
                    worst = max(latencies, default=0.0)
                    rows.append(f"| {label}, {kind}, {before['update_logs']:,} logs | {elapsed:.2f} s | {len(latencies)} "
                                f"| {percentile(latencies, 0.5):.1f} ms | {percentile(latencies, 0.99):.1f} ms "
                                f"| {worst:.1f} ms | {'met' if worst <= WAIT_MAX_MS else 'MISSED'}"
                                f"{'' if same else ', counts differ after the reset'} |")
                    print(rows[-1], flush=True)
            finally:
                server.stop()
    date = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    report = [f"# Reset benchmark, {date}", "",
              f"Concurrent `GET /__admin/health` and SCIM `GET /Users?count=1` during the reset; target max ≤ {WAIT_MAX_MS} ms.",
              "", "| Reset | time | requests during it | p50 | p99 | max | target |", "|---|---:|---:|---:|---:|---:|---|",
              *rows]
    (OUT / "reset.md").write_text("\n".join(report) + "\n")


if __name__ == "__main__":
    main()
