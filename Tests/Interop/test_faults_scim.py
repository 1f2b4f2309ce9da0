"""Injected faults on the SCIM surface as scim2-client sees them, what they leave in the update logs,
and the seeded probability mode giving the same faults in two runs."""

from __future__ import annotations

import json

from scim2_models import Error, ServiceProviderConfig

from conftest import OKTA_IDP, MockServer, http, start_server
from fault_support import add_fault, journal
from scim_support import OKTA_SECRET, fresh_server, scim_base, scim_client, update_logs  # noqa: F401

SCIM_AUTH = {"Authorization": f"Bearer {OKTA_SECRET}"}
NEW_USER = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "faulty@example.com"}


def test_scim2_client_sees_an_injected_429_and_503_as_such(fresh_server) -> None:  # noqa: F811
    srv = fresh_server()
    add_fault(srv.url, {"match": {"surface": "scim", "method": "GET"}, "respond": {"status": 429, "headers": {"Retry-After": "1"}}, "times": 1})
    add_fault(srv.url, {"match": {"surface": "scim", "idp": OKTA_IDP}, "respond": {"status": 503}, "times": 1})
    client = scim_client(scim_base(srv.url, OKTA_IDP, "scim-v2"), OKTA_SECRET)
    answers = [client.query(ServiceProviderConfig, raise_scim_errors=False, expected_status_codes=None) for _ in range(3)]
    client.client.close()
    assert [type(a) for a in answers[:2]] == [Error, Error]
    assert [a.status for a in answers[:2]] == [429, 503]
    assert not isinstance(answers[2], Error)
    [limited] = journal(srv.url, surface="scim", status="429")
    assert limited["headers"]["authorization"] == "Bearer [redacted]"


def test_a_refused_write_leaves_no_log_and_a_delayed_one_is_applied_and_logged(fresh_server) -> None:  # noqa: F811
    srv = fresh_server()
    before = len(update_logs(srv.url, OKTA_IDP))
    add_fault(srv.url, {"match": {"route": "POST /scim/v2/Users"}, "respond": {"status": 503}, "times": 1})
    add_fault(srv.url, {"match": {"route": "POST /scim/v2/Users"}, "delay": {"ms": 50}, "times": 1})
    body = json.dumps(NEW_USER).encode()
    headers = {**SCIM_AUTH, "Content-Type": "application/scim+json"}
    refused = http(srv.url + "/scim/v2/Users", method="POST", headers=headers, body=body)
    assert refused.status == 503 and refused.json()["status"] == "503"
    assert len(update_logs(srv.url, OKTA_IDP)) == before
    delayed = http(srv.url + "/scim/v2/Users", method="POST", headers=headers, body=body)
    assert delayed.status == 201
    assert len(update_logs(srv.url, OKTA_IDP)) == before + 1
    writes = journal(srv.url, route="POST /scim/v2/Users")
    assert [w["status"] for w in writes] == [503, 201]
    assert json.loads(writes[0]["body"]) == NEW_USER


def seeded_run(rule: str) -> list[int]:
    srv = start_server(["--fault", rule])
    try:
        return [http(srv.url + "/scim/v2/Users?count=1", headers=SCIM_AUTH).status for _ in range(40)]
    finally:
        srv.stop()


def test_the_seeded_probability_mode_gives_the_same_faults_in_two_runs() -> None:
    rule = json.dumps({"match": {"surface": "scim"}, "respond": {"status": 503}, "probability": 0.4, "seed": 42})
    first, second = seeded_run(rule), seeded_run(rule)
    assert first == second
    assert set(first) == {200, 503}
    other = seeded_run(json.dumps({"match": {"surface": "scim"}, "respond": {"status": 503}, "probability": 0.4, "seed": 7}))
    assert other != first


def test_a_bad_fault_option_stops_start_up(tmp_path) -> None:
    import subprocess

    from conftest import mock_binary

    done = subprocess.run(
        [mock_binary(), "serve", "--port", "0", "--fault", '{"respond":{"status":99}}'], capture_output=True, text=True, timeout=20
    )
    assert done.returncode == 2
    assert "respond.status" in done.stderr
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps([{"id": "x", "close": True}, {"id": "x", "close": True}]))
    done = subprocess.run([mock_binary(), "serve", "--port", "0", "--fault", f"@{rules}"], capture_output=True, text=True, timeout=20)
    assert done.returncode == 2 and "given twice" in done.stderr


def test_faults_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("SCIM_MOCK_FAULTS", json.dumps({"id": "env", "match": {"surface": "scim"}, "respond": {"status": 502}}))
    srv: MockServer = start_server()
    try:
        assert http(srv.url + "/scim/v2/Users", headers=SCIM_AUTH).status == 502
        assert http(srv.url + "/__admin/faults").json()["faults"][0]["id"] == "env"
    finally:
        srv.stop()


def test_replay_waits_out_a_429_and_reports_the_retries() -> None:
    import subprocess

    from conftest import REPO_ROOT, mock_binary

    rule = json.dumps({"match": {"surface": "scim", "method": "POST"}, "respond": {"status": 429, "headers": {"Retry-After": "0.1"}}, "times": 1})
    recording = str(REPO_ROOT / "seed-data" / "recordings" / "okta-lifecycle.jsonl")
    # Without retries the refused create differs, and so do the requests that address what it created.
    for flags, status, words in (([], 0, "18 as recorded, 0 differed"), (["--no-retry"], 1, "12 as recorded, 6 differed")):
        srv = start_server(["--fault", rule])
        try:
            done = subprocess.run(
                [mock_binary(), "replay", "--target", srv.url, recording, *flags], capture_output=True, text=True, timeout=60
            )
        finally:
            srv.stop()
        assert done.returncode == status, done.stdout + done.stderr
        assert words in done.stdout
        assert ("1 retry after 429" in done.stdout) == (not flags)
