"""schemathesis against the document scim-mock serves (GET /__admin/openapi.json), on a live server,
for every surface (the dashboard too) with its credentials: no server error, no undocumented status, no
response that breaks the document's schemas. Configuration, checks and the list of operations it
never runs: schemathesis.toml beside this file.

`make test` runs the same cases every time: a fixed seed (SCHEMATHESIS_SEED), SCHEMATHESIS_MAX_EXAMPLES
cases per operation and phase and no time budget, against a `--deterministic` server, so the stateful
phase meets the same ids and answers too; a red run names a change, not a draw. `make fuzz-api` passes a
new seed each run (printed, and FUZZ_API_SEED=... repeats it) and runs for SCHEMATHESIS_MAX_TIME seconds.
SCHEMATHESIS_TIMEOUT_S bounds the whole step.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import start_server
from scim_support import OKTA_SECRET

CONFIG = Path(__file__).with_name("schemathesis.toml")
ADMIN_TOKEN = "schemathesis-admin-token"
MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "30")
# The seed of `make test`'s run; any fixed number does, this one is the day it was fixed.
SEED = os.environ.get("SCHEMATHESIS_SEED") or "20261207"
MAX_TIME = os.environ.get("SCHEMATHESIS_MAX_TIME")
LOGS_PATH = "/client/v4/accounts/{account_id}/access/logs/scim/updates"
# A guard against a hang, not a budget: the run's length is set by its cases (about 120 s on a shared
# 2-core machine), and a run cut at a random point would not be the same run twice.
TIMEOUT_S = float(os.environ.get("SCHEMATHESIS_TIMEOUT_S", "400"))


def served_document(url: str, into: Path) -> Path:
    """The document as the server serves it (behind the admin token, like the rest of /__admin)."""
    request = urllib.request.Request(f"{url}/__admin/openapi.json", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        into.write_bytes(response.read())
    return into


def schemathesis_command(url: str, document: Path, max_examples: str = MAX_EXAMPLES, seed: str = SEED) -> list[str]:
    binary = Path(sys.executable).with_name("schemathesis")
    command = [str(binary), "--config-file", str(CONFIG), "run", str(document), "--url", url,
               "--max-examples", max_examples, "--seed", seed, "--workers", "1", "--generation-database", "none",
               "--no-color", "--output-truncate", "false"]
    if MAX_TIME:
        command += ["--max-time", MAX_TIME]
    return command


ENV = dict(os.environ, SCHEMATHESIS_V4_TOKEN="schemathesis-v4-token", SCHEMATHESIS_SCIM_SECRET=OKTA_SECRET,
           SCHEMATHESIS_ADMIN_TOKEN=ADMIN_TOKEN)


def test_schemathesis_finds_nothing_on_the_served_document(tmp_path):
    # A store of its own: the run writes (SCIM creates, fixtures, clock changes, resets).
    server = start_server(["--admin-token", ADMIN_TOKEN, "--deterministic", "1"])
    env = ENV
    timeout = TIMEOUT_S + float(MAX_TIME or 0)
    started = time.monotonic()
    try:
        document = served_document(server.url, tmp_path / "openapi.json")
        run = subprocess.run(schemathesis_command(server.url, document), cwd=tmp_path, env=env, capture_output=True, text=True,
                             timeout=timeout, stdin=subprocess.DEVNULL)
    finally:
        server.stop()
    took = time.monotonic() - started
    tail = next((run.stdout.rfind(mark) for mark in ("WARNINGS", "SUMMARY") if mark in run.stdout), -4000)
    summary = run.stdout[tail:]
    print(f"schemathesis took {took:.0f} s with seed {SEED} (SCHEMATHESIS_SEED={SEED} repeats it)\n{summary}")
    assert run.returncode == 0, (f"schemathesis found problems with seed {SEED} (exit {run.returncode}; "
                                 f"SCHEMATHESIS_SEED={SEED} repeats it):\n{run.stdout}\n{run.stderr}")


def test_the_run_fails_when_answers_break_the_document(tmp_path):
    """The harness can fail: with a document that requires a key update logs never have, the same
    configuration reports schema violations and exits non-zero."""
    server = start_server(["--admin-token", ADMIN_TOKEN])
    try:
        document = served_document(server.url, tmp_path / "openapi.json")
        spec = json.loads(document.read_text())
        spec["components"]["schemas"]["UpdateLog"]["required"].append("no_such_field")
        document.write_text(json.dumps(spec))
        command = schemathesis_command(server.url, document, max_examples="3")
        command += ["--include-path", LOGS_PATH, "--phases", "fuzzing"]
        run = subprocess.run(command, cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=TIMEOUT_S,
                             stdin=subprocess.DEVNULL)
    finally:
        server.stop()
    assert run.returncode != 0, run.stdout
    assert "Response violates schema" in run.stdout and "no_such_field" in run.stdout, run.stdout


def generated_requests(server_url: str, document: Path, seed: str, har: Path) -> list[tuple[str, str, str]]:
    """The requests one small run sends (fuzzing of the update-log list), from its HAR report, without the port."""
    into = har.parent
    command = schemathesis_command(server_url, document, max_examples="5", seed=seed)
    command += ["--include-path", LOGS_PATH, "--phases", "fuzzing", "--report", "har", "--report-har-path", str(har)]
    subprocess.run(command, cwd=into, env=ENV, capture_output=True, text=True, timeout=TIMEOUT_S, stdin=subprocess.DEVNULL)
    entries = json.loads(har.read_text())["log"]["entries"]
    return [(e["request"]["method"], e["request"]["url"].replace(server_url, ""),
             (e["request"].get("postData") or {}).get("text", "")) for e in entries]


def test_a_seed_makes_the_run_generate_the_same_cases(tmp_path):
    """What makes `make test` repeatable: the same seed sends the same requests, another seed others."""
    server = start_server(["--admin-token", ADMIN_TOKEN, "--deterministic", "1"])
    try:
        document = served_document(server.url, tmp_path / "openapi.json")
        first = generated_requests(server.url, document, "1", tmp_path / "first.har")
        again = generated_requests(server.url, document, "1", tmp_path / "again.har")
        other = generated_requests(server.url, document, "2", tmp_path / "other.har")
    finally:
        server.stop()
    assert len(first) >= 5
    assert again == first
    assert other != first
