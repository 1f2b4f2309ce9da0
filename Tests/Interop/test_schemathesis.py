"""schemathesis against the document scim-mock serves (GET /__admin/openapi.json), on a live server,
for every surface (the dashboard too) with its credentials: no server error, no undocumented status, no
response that breaks the document's schemas. Configuration, checks and the list of operations it
never runs: schemathesis.toml beside this file.

`make test` runs a bounded pass (SCHEMATHESIS_MAX_EXAMPLES cases per operation and phase, the whole
step under SCHEMATHESIS_TIMEOUT_S); `make fuzz-api` runs for SCHEMATHESIS_MAX_TIME seconds.
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
MAX_TIME = os.environ.get("SCHEMATHESIS_MAX_TIME")
TIMEOUT_S = float(os.environ.get("SCHEMATHESIS_TIMEOUT_S", "170"))


def served_document(url: str, into: Path) -> Path:
    """The document as the server serves it (behind the admin token, like the rest of /__admin)."""
    request = urllib.request.Request(f"{url}/__admin/openapi.json", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        into.write_bytes(response.read())
    return into


def schemathesis_command(url: str, document: Path, max_examples: str = MAX_EXAMPLES) -> list[str]:
    binary = Path(sys.executable).with_name("schemathesis")
    command = [str(binary), "--config-file", str(CONFIG), "run", str(document), "--url", url,
               "--max-examples", max_examples, "--workers", "1", "--generation-database", "none",
               "--no-color", "--output-truncate", "false"]
    if MAX_TIME:
        command += ["--max-time", MAX_TIME]
    return command


ENV = dict(os.environ, SCHEMATHESIS_V4_TOKEN="schemathesis-v4-token", SCHEMATHESIS_SCIM_SECRET=OKTA_SECRET,
           SCHEMATHESIS_ADMIN_TOKEN=ADMIN_TOKEN)


def test_schemathesis_finds_nothing_on_the_served_document(tmp_path):
    # A store of its own: the run writes (SCIM creates, fixtures, clock changes, resets).
    server = start_server(["--admin-token", ADMIN_TOKEN])
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
    print(f"schemathesis took {took:.0f} s\n{summary}")
    assert run.returncode == 0, f"schemathesis found problems (exit {run.returncode}):\n{run.stdout}\n{run.stderr}"


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
        command += ["--include-path", "/client/v4/accounts/{account_id}/access/logs/scim/updates", "--phases", "fuzzing"]
        run = subprocess.run(command, cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=TIMEOUT_S,
                             stdin=subprocess.DEVNULL)
    finally:
        server.stop()
    assert run.returncode != 0, run.stdout
    assert "Response violates schema" in run.stdout and "no_such_field" in run.stdout, run.stdout
