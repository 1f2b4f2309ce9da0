"""The inbound SCIM 2.0 endpoint driven by a real client, scim2-client, then read back through the
Cloudflare read API: a provisioning round trip and its update logs, failing writes and their logs,
and what an unauthenticated IdP gets (RFC 7644 §2, §3.12; RFC 7235 §3.1).

Every test starts its own server (fresh_server), so the writes and log counts of one never reach
another test, nor the session server the SDK tests count on.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Iterator

import pytest
from scim2_models import Error, ListResponse, PatchOp, PatchOperation, SearchRequest, ServiceProviderConfig

from conftest import ENTRA_IDP, OKTA_IDP, MockServer, http, start_server
from scim_support import (  # noqa: F401
    ENTRA_SECRET,
    OKTA_SECRET,
    SCIM_ERROR_URN,
    SECRETS,
    Transcript,
    fresh_server,
    idp_groups,
    idp_users,
    raw_scim,
    scim_base,
    scim_client,
    update_logs,
)

# (IdP, base-URL form): both forms for Okta, and Entra to show the secret picks the IdP.
IDP_FORMS = [
    pytest.param((OKTA_IDP, "scim-v2"), id="okta-scim-v2"),
    pytest.param((OKTA_IDP, "populations"), id="okta-populations"),
    pytest.param((ENTRA_IDP, "scim-v2"), id="entra-scim-v2"),
]

SEEDED_OKTA_USERNAME = "john.smith@example.com"  # first Okta user of seed-data/default.json


@pytest.fixture(scope="module")
def read_only_server() -> Iterator[MockServer]:
    """A server of this module's own for requests that must change nothing (refused reads)."""
    srv = start_server()
    yield srv
    srv.stop()


def _discovered(client) -> tuple[type, type]:
    """Discovers the server through scim2-client and returns the User and Group models it built."""
    client.discover()
    provider = client.provider
    assert provider.config is not None, "no ServiceProviderConfig discovered"
    assert provider.config.patch.supported is True
    assert provider.config.filter.supported is True
    assert {rt.name for rt in provider.resource_types} >= {"User", "Group"}
    user_model = client.get_resource_model("User")
    group_model = client.get_resource_model("Group")
    assert user_model is not None and group_model is not None, provider.resource_types
    return user_model, group_model


def _log_view(log: dict[str, Any]) -> tuple[Any, ...]:
    return (log["request_method"], log["resource_type"], log["status"], log.get("cf_resource_id"))


# --- the round trip ---------------------------------------------------------------------------------


@pytest.mark.parametrize("idp_form", IDP_FORMS)
def test_round_trip_through_scim2_client_is_read_back_and_logged(fresh_server, idp_form) -> None:  # noqa: F811
    idp, form = idp_form
    srv = fresh_server()
    base = scim_base(srv.url, idp, form)
    other = ENTRA_IDP if idp == OKTA_IDP else OKTA_IDP
    logs_before = update_logs(srv.url, idp)
    other_logs_before = update_logs(srv.url, other)
    other_users_before = idp_users(srv.url, other)
    transcript = Transcript()
    client = scim_client(base, SECRETS[idp], transcript)
    User, Group = _discovered(client)

    suffix = uuid.uuid4().hex[:12]
    user_name = f"ada.lovelace.{suffix}@example.com"
    user_ext = f"ada-{suffix}"

    # POST /Users
    created = client.create(
        User.model_validate(
            {
                "userName": user_name,
                "externalId": user_ext,
                "name": {"givenName": "Ada", "familyName": "Lovelace"},
                "emails": [{"value": user_name, "type": "work", "primary": True}],
                "active": True,
            }
        )
    )
    assert isinstance(created, User)
    user_id = created.id
    assert user_id
    assert created.user_name == user_name
    assert created.external_id == user_ext
    assert created.active is True
    assert [e.value for e in created.emails] == [user_name]
    assert created.meta.resource_type == "User"
    assert created.meta.location == f"{base}/Users/{user_id}"
    post_user = transcript.exchanges[-1]
    assert post_user.status == 201
    assert post_user.response_headers.get("location") == f"{base}/Users/{user_id}"

    # GET /Users/{id}
    fetched = client.query(User, user_id)
    assert isinstance(fetched, User)
    assert (fetched.id, fetched.user_name, fetched.active) == (user_id, user_name, True)
    assert fetched.name.given_name == "Ada" and fetched.name.family_name == "Lovelace"

    # PATCH /Users/{id}: replace active false
    patched = client.modify(
        User,
        user_id,
        PatchOp[User](operations=[PatchOperation(op=PatchOperation.Op.replace_, path="active", value=False)]),
    )
    if patched is not None:  # 200 with the resource, or 204
        assert patched.active is False
    assert client.query(User, user_id).active is False

    # GET /Users?filter=userName eq "..."
    listed = client.query(User, query_parameters=SearchRequest(filter=f'userName eq "{user_name}"'))
    assert isinstance(listed, ListResponse)
    assert listed.total_results == 1
    assert [u.id for u in listed.resources] == [user_id]
    assert listed.resources[0].active is False

    # The Cloudflare read API sees the user, deactivated.
    seen = idp_users(srv.url, idp, username=user_name)
    assert [u["id"] for u in seen] == [user_id]
    assert seen[0]["active"] is False
    assert seen[0]["externalId"] == user_ext

    # POST /Groups with the user as member
    group_name = f"Analytical Engines {suffix}"
    group_ext = f"engines-{suffix}"
    group = client.create(
        Group.model_validate({"displayName": group_name, "externalId": group_ext, "members": [{"value": user_id}]})
    )
    assert isinstance(group, Group)
    group_id = group.id
    assert group_id and group.display_name == group_name
    assert [m.value for m in group.members or []] == [user_id]
    assert group.meta.location == f"{base}/Groups/{group_id}"
    assert [g["id"] for g in idp_groups(srv.url, idp, name=group_name)] == [group_id]

    # PATCH /Groups/{id}: remove the member
    client.modify(
        Group,
        group_id,
        PatchOp[Group](operations=[PatchOperation(op=PatchOperation.Op.remove, path=f'members[value eq "{user_id}"]')]),
    )
    assert not client.query(Group, group_id).members

    # DELETE both; each is gone afterwards (404 with a SCIM Error).
    client.delete(Group, group_id)
    client.delete(User, user_id)
    for model, rid in ((Group, group_id), (User, user_id)):
        gone = client.query(model, rid, raise_scim_errors=False, expected_status_codes=None)
        assert isinstance(gone, Error) and gone.status == 404, gone
    assert idp_users(srv.url, idp, username=user_name) == []
    assert idp_groups(srv.url, idp, name=group_name) == []
    client.client.close()

    # The update logs of the IdP gained exactly these six writes, in order, all SUCCESS.
    writes = transcript.writes()
    assert [w.method for w in writes] == ["POST", "PATCH", "POST", "PATCH", "DELETE", "DELETE"]
    statuses = [w.status for w in writes]
    assert [statuses[i] for i in (0, 2, 4, 5)] == [201, 201, 204, 204], statuses
    assert {statuses[1], statuses[3]} <= {200, 204}, statuses  # PATCH: 200 with the resource, or 204
    logs_after = update_logs(srv.url, idp)
    assert logs_after[: len(logs_before)] == logs_before, "earlier logs changed"
    new = logs_after[len(logs_before):]
    assert [_log_view(log) for log in new] == [
        ("POST", "USER", "SUCCESS", user_id),
        ("PATCH", "USER", "SUCCESS", user_id),
        ("POST", "GROUP", "SUCCESS", group_id),
        ("PATCH", "GROUP", "SUCCESS", group_id),
        ("DELETE", "GROUP", "SUCCESS", group_id),
        ("DELETE", "USER", "SUCCESS", user_id),
    ], json.dumps(new, indent=1)
    for log, write in zip(new, writes):
        assert log["idp_id"] == idp
        assert "error_description" not in log, log
        # request_body is the raw body the IdP sent (DELETE has none).
        assert (log.get("request_body") or "") == write.request_body, (log, write.request_body)
    post_user_log, patch_user_log, post_group_log, patch_group_log, delete_group_log, delete_user_log = new
    assert post_user_log["resource_user_email"] == user_name
    assert post_user_log["idp_resource_id"] == user_ext
    assert post_group_log["resource_group_name"] == group_name
    assert post_group_log["idp_resource_id"] == group_ext
    # What a log knows of its resource beyond the id is the resource's (or nothing), never another's.
    for log in (patch_user_log, delete_user_log):
        assert log.get("resource_user_email") in (None, user_name), log
        assert "resource_group_name" not in log, log
        assert log.get("idp_resource_id") in (None, user_ext), log
    for log in (patch_group_log, delete_group_log):
        assert log.get("resource_group_name") in (None, group_name), log
        assert "resource_user_email" not in log, log
        assert log.get("idp_resource_id") in (None, group_ext), log
    # Timestamps of the new logs never go backwards.
    assert [log["logged_at"] for log in new] == sorted(log["logged_at"] for log in new)

    # The other IdP saw none of it.
    assert update_logs(srv.url, other) == other_logs_before
    assert idp_users(srv.url, other) == other_users_before


# --- failing writes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["scim-v2", "populations"])
@pytest.mark.parametrize("user_name", [SEEDED_OKTA_USERNAME, SEEDED_OKTA_USERNAME.upper()], ids=["same-case", "other-case"])
def test_duplicate_username_is_409_uniqueness_and_logged_as_failure(fresh_server, form: str, user_name: str) -> None:  # noqa: F811
    # userName is caseExact false with server uniqueness (RFC 7643 §4.1.1), so another case still clashes.
    srv = fresh_server()
    logs_before = update_logs(srv.url, OKTA_IDP)
    users_before = idp_users(srv.url, OKTA_IDP)
    transcript = Transcript()
    client = scim_client(scim_base(srv.url, OKTA_IDP, form), OKTA_SECRET, transcript)
    User, _ = _discovered(client)

    answer = client.create(
        User.model_validate({"userName": user_name, "externalId": "duplicate", "active": True}),
        raise_scim_errors=False,
    )
    client.client.close()
    assert isinstance(answer, Error), answer
    assert answer.status == 409
    assert answer.scim_type == "uniqueness"
    raw = transcript.exchanges[-1]
    assert raw.status == 409
    body = json.loads(raw.response_body)
    assert SCIM_ERROR_URN in body["schemas"] and body["status"] == "409" and body["scimType"] == "uniqueness", body

    assert idp_users(srv.url, OKTA_IDP) == users_before, "a refused POST changed the users"
    new = update_logs(srv.url, OKTA_IDP)[len(logs_before):]
    assert len(new) == 1, json.dumps(new, indent=1)
    log = new[0]
    assert (log["request_method"], log["resource_type"], log["status"]) == ("POST", "USER", "FAILURE")
    assert log["idp_id"] == OKTA_IDP
    assert isinstance(log["error_description"], str) and log["error_description"].strip(), log
    assert log["request_body"] == raw.request_body
    assert log["idp_resource_id"] in (None, "duplicate")


@pytest.mark.parametrize("kind,log_type", [("Users", "USER"), ("Groups", "GROUP")])
@pytest.mark.parametrize("method", ["PATCH", "DELETE", "PUT"])
def test_write_to_unknown_id_is_404_and_logged_as_failure(fresh_server, kind: str, log_type: str, method: str) -> None:  # noqa: F811
    srv = fresh_server()
    base = scim_base(srv.url, OKTA_IDP, "scim-v2")
    logs_before = update_logs(srv.url, OKTA_IDP)
    missing = str(uuid.uuid4())
    body: Any = None
    if method == "PATCH":
        body = {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "path": "externalId", "value": "x"}],
        }
    elif method == "PUT":
        body = (
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": f"nobody.{missing}@example.com"}
            if kind == "Users"
            else {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": f"Nobody {missing}"}
        )
    answer = raw_scim(base, f"/{kind}/{missing}", OKTA_SECRET, method=method, body=body)
    assert answer.status == 404, answer
    error = answer.json()
    assert SCIM_ERROR_URN in error["schemas"] and error["status"] == "404", error

    new = update_logs(srv.url, OKTA_IDP)[len(logs_before):]
    assert len(new) == 1, json.dumps(new, indent=1)
    log = new[0]
    assert (log["request_method"], log["resource_type"], log["status"]) == (method, log_type, "FAILURE")
    assert log["cf_resource_id"] == missing
    assert isinstance(log["error_description"], str) and log["error_description"].strip(), log
    if body is not None:
        assert json.loads(log["request_body"]) == body


# --- authentication ---------------------------------------------------------------------------------

BAD_CREDENTIALS = [
    pytest.param(("scim-v2", "Bearer not-a-scim-secret"), id="scim-v2-unknown-secret"),
    pytest.param(("populations", "Bearer not-a-scim-secret"), id="populations-unknown-secret"),
    pytest.param(("populations", f"Bearer {ENTRA_SECRET}"), id="populations-other-idps-secret"),
    pytest.param(("scim-v2", None), id="scim-v2-no-authorization"),
    pytest.param(("populations", None), id="populations-no-authorization"),
    pytest.param(("scim-v2", f"Basic {OKTA_SECRET}"), id="scim-v2-not-bearer"),
]


def _assert_scim_401(status: int, headers: dict[str, str], body: bytes) -> None:
    assert status == 401, (status, body)
    challenge = headers.get("www-authenticate")
    assert challenge, f"401 without WWW-Authenticate (RFC 7235 §3.1): {headers}"
    assert challenge.split()[0].lower() == "bearer", challenge
    assert "json" in headers.get("content-type", ""), headers
    error = json.loads(body)
    assert SCIM_ERROR_URN in error["schemas"], error
    assert error["status"] == "401", f"status must be the string \"401\" (RFC 7644 §3.12): {error!r}"
    assert isinstance(error.get("detail", ""), str)


@pytest.mark.parametrize("form_auth", BAD_CREDENTIALS)
@pytest.mark.parametrize("path", ["/Users", "/Groups", "/ServiceProviderConfig", f"/Users?filter=userName%20eq%20%22{SEEDED_OKTA_USERNAME}%22"])
def test_bad_credentials_get_401_with_challenge_and_scim_error(read_only_server, form_auth, path: str) -> None:
    form, authorization = form_auth
    srv = read_only_server
    base = scim_base(srv.url, OKTA_IDP, form)
    headers = {"Accept": "application/scim+json"}
    if authorization is not None:
        headers["Authorization"] = authorization
    answer = http(base + path, headers=headers)
    _assert_scim_401(answer.status, answer.headers, answer.body)


@pytest.mark.parametrize("form", ["scim-v2", "populations"])
def test_scim2_client_reads_the_401_as_a_scim_error(fresh_server, form: str) -> None:  # noqa: F811
    srv = fresh_server()
    client = scim_client(scim_base(srv.url, OKTA_IDP, form), "not-a-scim-secret")
    answer = client.query(ServiceProviderConfig, raise_scim_errors=False, expected_status_codes=None)
    client.client.close()
    assert isinstance(answer, Error), answer
    assert answer.status == 401


def test_bad_secret_write_on_scim_v2_is_refused_and_changes_nothing(fresh_server) -> None:  # noqa: F811
    srv = fresh_server()
    before = {idp: (update_logs(srv.url, idp), idp_users(srv.url, idp)) for idp in (OKTA_IDP, ENTRA_IDP)}
    answer = raw_scim(
        scim_base(srv.url, OKTA_IDP, "scim-v2"),
        "/Users",
        "not-a-scim-secret",
        method="POST",
        body={"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "intruder@example.com"},
    )
    _assert_scim_401(answer.status, answer.headers, answer.body)
    # With no valid secret there is no IdP to write to, nor to log against.
    after = {idp: (update_logs(srv.url, idp), idp_users(srv.url, idp)) for idp in (OKTA_IDP, ENTRA_IDP)}
    assert after == before


def test_bad_secret_write_on_populations_is_logged_against_that_idp(fresh_server) -> None:  # noqa: F811
    srv = fresh_server()
    logs_before = update_logs(srv.url, OKTA_IDP)
    users_before = idp_users(srv.url, OKTA_IDP)
    body = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "intruder@example.com"}
    answer = raw_scim(scim_base(srv.url, OKTA_IDP, "populations"), "/Users", "not-a-scim-secret", method="POST", body=body)
    _assert_scim_401(answer.status, answer.headers, answer.body)
    assert idp_users(srv.url, OKTA_IDP) == users_before
    new = update_logs(srv.url, OKTA_IDP)[len(logs_before):]
    assert len(new) == 1, json.dumps(new, indent=1)
    log = new[0]
    assert (log["request_method"], log["resource_type"], log["status"]) == ("POST", "USER", "FAILURE")
    assert isinstance(log["error_description"], str) and log["error_description"].strip(), log
    assert json.loads(log["request_body"]) == body
