"""The v4 envelope on the wire, checked with plain urllib (no SDK in the way)."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from conftest import ACCOUNT_ID, API_KEY, ENTRA_IDP, OKTA_IDP

LOGS = f"/client/v4/accounts/{ACCOUNT_ID}/access/logs/scim/updates"
USERS = f"/client/v4/accounts/{ACCOUNT_ID}/access/identity_providers/{OKTA_IDP}/scim/users"
GROUPS = f"/client/v4/accounts/{ACCOUNT_ID}/access/identity_providers/{OKTA_IDP}/scim/groups"


def error_envelope(answer, status: int, code: int, messages: list | None = None) -> dict:
    assert answer.status == status, (answer.status, answer.body)
    assert answer.headers.get("content-type", "").startswith("application/json")
    body = answer.json()
    assert set(body) == {"success", "errors", "messages", "result"}, body
    assert body["success"] is False
    assert body["messages"] == (messages or [])
    assert body["result"] is None
    assert isinstance(body["errors"], list) and len(body["errors"]) == 1, body
    err = body["errors"][0]
    assert err["code"] == code, body
    assert isinstance(err["message"], str) and err["message"]
    return err


# --- authentication -------------------------------------------------------------------------------


def test_no_credentials_is_400_code_9106(get):
    err = error_envelope(get(f"{LOGS}?idp_id={OKTA_IDP}", headers={}), 400, 9106)
    assert err["message"] == "Missing X-Auth-Key, X-Auth-Email or Authorization headers"


@pytest.mark.parametrize("path", [USERS, GROUPS, f"/accounts/{ACCOUNT_ID}/access/logs/scim/updates?idp_id={OKTA_IDP}"])
def test_no_credentials_is_400_on_every_endpoint(get, path):
    error_envelope(get(path, headers={}), 400, 9106)


def test_bearer_without_token_is_400_code_6003_with_6111(get):
    err = error_envelope(get(f"{LOGS}?idp_id={OKTA_IDP}", headers={"Authorization": "Bearer"}), 400, 6003)
    assert err["message"] == "Invalid request headers"
    assert [e["code"] for e in err["error_chain"]] == [6111]


def test_email_without_at_sign_is_400_code_6003(get):
    answer = get(f"{LOGS}?idp_id={OKTA_IDP}", headers={"X-Auth-Email": "nobody", "X-Auth-Key": API_KEY})
    err = error_envelope(answer, 400, 6003)
    assert err["error_chain"] and err["error_chain"][0]["code"] in (6102, 6103)


def test_any_wellformed_token_is_accepted_by_default(get):
    assert get(USERS, headers={"Authorization": "Bearer whatever-123"}).status == 200
    assert get(USERS, headers={"X-Auth-Email": "a@example.com", "X-Auth-Key": API_KEY}).status == 200


def test_pinned_token_wrong_token_is_403_code_10000(start_mock):
    from conftest import http

    url = start_mock(["--api-token", "good-token"]).url
    err = error_envelope(http(url + USERS, headers={"Authorization": "Bearer nope"}), 403, 10000)
    assert err["message"] == "Authentication error"
    assert http(url + USERS, headers={"Authorization": "Bearer good-token"}).status == 200


# --- routing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/client/v4/nope", "/nope", f"/client/v4/accounts/{ACCOUNT_ID}/access/nothing"])
def test_unknown_path_is_404_code_7003(get, path):
    err = error_envelope(get(path), 404, 7003)
    assert err["message"] == "No route for the URI"


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        (
            f"/client/v4/accounts/{ACCOUNT_ID}/access/logs/scim",
            f"the SCIM update logs are at /client/v4/accounts/{ACCOUNT_ID}/access/logs/scim/updates",
        ),
        (
            "/client/v4/scim/v2/Users",
            "inbound SCIM is not part of the v4 API: send it to /scim/v2/Users (the SCIM secret names the IdP) "
            "or /populations/{idp_id}/scim/v2/Users",
        ),
    ],
)
def test_a_path_the_docs_get_wrong_is_7003_with_the_path_meant(get, path, hint):
    err = error_envelope(get(path), 404, 7003, messages=[{"code": 7003, "message": hint}])
    assert err["message"] == "No route for the URI"


@pytest.mark.parametrize("path", [f"{LOGS}?idp_id={OKTA_IDP}", USERS, GROUPS])
def test_post_on_a_list_endpoint_is_405(get, path):
    answer = get(path, method="POST", body=b"{}", headers={"Authorization": "Bearer x", "Content-Type": "application/json"})
    assert answer.status == 405
    body = answer.json()
    assert body["success"] is False and body["result"] is None and body["messages"] == []
    assert body["errors"] and isinstance(body["errors"][0]["code"], int)


# --- parameter errors name the parameter -----------------------------------------------------------


@pytest.mark.parametrize(
    "path, name",
    [
        (f"{LOGS}?idp_id={OKTA_IDP}&per_page=1001", "per_page"),
        (f"{LOGS}?idp_id={OKTA_IDP}&per_page=x", "per_page"),
        (f"{LOGS}?idp_id={OKTA_IDP}&page=x", "page"),
        (LOGS, "idp_id"),
        (f"{LOGS}?idp_id={OKTA_IDP}&since=not-a-date", "since"),
        (f"{LOGS}?idp_id={OKTA_IDP}&until=2025-01-01T25:00:00Z", "until"),
        (f"{LOGS}?idp_id={OKTA_IDP}&status=SUCCESS&status=MAYBE", "status"),
        (f"{LOGS}?idp_id={OKTA_IDP}&direction=sideways", "direction"),
        (f"{USERS}?per_page=101", "per_page"),
        (f"{GROUPS}?page=one", "page"),
    ],
    ids=["logs-per_page-max", "logs-per_page-int", "logs-page", "logs-idp_id-missing", "logs-since", "logs-until",
         "logs-status", "logs-direction", "users-per_page", "groups-page"],
)
def test_bad_parameter_is_400_code_1001_naming_it(get, path, name):
    err = error_envelope(get(path), 400, 1001)
    assert err["message"].startswith(f"Invalid parameter '{name}': "), err["message"]
    assert len(err["message"]) > len(f"Invalid parameter '{name}': ")


def test_missing_idp_id_message_says_required(get):
    err = error_envelope(get(LOGS), 400, 1001)
    assert "idp_id" in err["message"]


def test_unknown_idp_is_404_code_1002(get):
    path = f"/client/v4/accounts/{ACCOUNT_ID}/access/identity_providers/00000000-0000-4000-8000-0000000000ff/scim/users"
    err = error_envelope(get(path), 404, 1002)
    assert "00000000-0000-4000-8000-0000000000ff" in err["message"]


# --- success shape and query encoding --------------------------------------------------------------


def test_success_envelope_shape(get):
    answer = get(f"{USERS}?per_page=3&page=3")
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert body["success"] is True and body["errors"] == [] and body["messages"] == []
    assert len(body["result"]) == 1
    assert body["result_info"] == {"count": 1, "page": 3, "per_page": 3, "total_count": 7, "total_pages": 3}


def test_page_past_the_end_has_empty_result_not_null(get):
    body = get(f"{LOGS}?idp_id={OKTA_IDP}&page=99").json()
    assert body["success"] is True
    assert body["result"] == []
    assert body["result_info"] == {"count": 0, "page": 99, "per_page": 20, "total_count": 24, "total_pages": 2}


def test_bare_accounts_path_answers_like_client_v4(get):
    a = get(f"{USERS}?per_page=2").json()
    b = get(USERS.removeprefix("/client/v4") + "?per_page=2").json()
    assert a == b and len(a["result"]) == 2


def test_repeated_keys_and_percent_encoding(get):
    query = urllib.parse.urlencode(
        [("idp_id", OKTA_IDP), ("idp_id", ENTRA_IDP), ("status", "FAILURE"), ("resource_user_email", "grace.hopper@example.com"),
         ("resource_user_email", "radia.perlman@example.com"), ("since", "2025-01-01T00:00:00+00:00"), ("per_page", "100")]
    )
    assert "%2B" in query and "%40" in query and "%3A" in query
    body = get(f"{LOGS}?{query}").json()
    assert body["success"] is True, body
    got = sorted((r["idp_resource_id"], r["request_method"]) for r in body["result"])
    assert got == sorted([("grace_hopper", "POST"), ("grace_hopper", "PUT"), ("grace_hopper", "PATCH"),
                          ("rperlman", "POST"), ("rperlman", "PUT"), ("rperlman", "PATCH")])


def test_literal_plus_in_hand_typed_since_is_lenient(get):
    # A hand-typed "+00:00" reaches the server as a space under form decoding.
    answer = get(f"{LOGS}?idp_id={OKTA_IDP}&since=2025-01-01T23:41:59.839511+00:00")
    assert answer.status == 200, answer.body
    assert [r["logged_at"] for r in answer.json()["result"]] == ["2025-01-02T00:48:12.962968Z", "2025-01-01T23:41:59.839511Z"]


def test_request_body_is_a_json_encoded_string(get):
    body = get(f"{LOGS}?idp_id={OKTA_IDP}&status=SUCCESS&request_method=POST&resource_type=GROUP").json()
    (row,) = body["result"]
    assert isinstance(row["request_body"], str)
    assert json.loads(row["request_body"])["displayName"] == "ALL EMPLOYEES"


def test_bare_date_since_reads_as_midnight_utc(get):
    body = get(f"{LOGS}?idp_id={OKTA_IDP}&idp_id={ENTRA_IDP}&since=2025-01-10&per_page=100").json()
    assert body["success"] is True, body
    assert len(body["result"]) == 24
    assert all(r["idp_id"] == ENTRA_IDP for r in body["result"])
