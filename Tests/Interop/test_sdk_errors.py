"""Error answers as the official SDK sees them: the typed exception and the v4 envelope in its body."""

from __future__ import annotations

import cloudflare
import pytest

from conftest import ACCOUNT_ID, API_EMAIL, API_KEY, OKTA_IDP, make_client

UNKNOWN_IDP = "00000000-0000-4000-8000-0000000000ff"


def first_error(exc: cloudflare.APIStatusError) -> dict:
    body = exc.body
    assert isinstance(body, dict), body
    assert body["success"] is False and body["result"] is None and body["messages"] == []
    assert len(body["errors"]) >= 1
    return body["errors"][0]


def assert_bad_param(exc: cloudflare.APIStatusError, name: str) -> None:
    assert exc.status_code == 400
    err = first_error(exc)
    assert err["code"] == 1001, err
    assert err["message"].startswith(f"Invalid parameter '{name}': "), err


def users(cf, idp=OKTA_IDP, account=ACCOUNT_ID, **kw):
    return list(cf.zero_trust.identity_providers.scim.users.list(idp, account_id=account, **kw))


def groups(cf, idp=OKTA_IDP, account=ACCOUNT_ID, **kw):
    return list(cf.zero_trust.identity_providers.scim.groups.list(idp, account_id=account, **kw))


def logs(cf, account=ACCOUNT_ID, idp_id=(OKTA_IDP,), **kw):
    return list(cf.zero_trust.access.logs.scim.updates.list(account_id=account, idp_id=list(idp_id), **kw))


# --- 400: bad parameters --------------------------------------------------------------------------


def test_logs_per_page_1001_is_bad_request(cf):
    with pytest.raises(cloudflare.BadRequestError) as caught:
        logs(cf, per_page=1001)
    assert_bad_param(caught.value, "per_page")


def test_logs_per_page_1000_is_accepted(cf):
    assert len(logs(cf, per_page=1000)) == 24


def test_users_per_page_101_is_bad_request(cf):
    with pytest.raises(cloudflare.BadRequestError) as caught:
        users(cf, per_page=101)
    assert_bad_param(caught.value, "per_page")


def test_groups_per_page_101_is_bad_request(cf):
    with pytest.raises(cloudflare.BadRequestError) as caught:
        groups(cf, per_page=101)
    assert_bad_param(caught.value, "per_page")


def test_logs_unknown_status_enum_is_bad_request(cf):
    with pytest.raises(cloudflare.BadRequestError) as caught:
        logs(cf, status=["PENDING"])  # type: ignore[list-item]
    assert_bad_param(caught.value, "status")


def test_logs_unknown_status_enum_via_extra_query_is_bad_request(cf):
    with pytest.raises(cloudflare.BadRequestError) as caught:
        logs(cf, extra_query={"status": "success"})  # enums are case-sensitive
    assert_bad_param(caught.value, "status")


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"request_method": ["GET"]}, "request_method"),
        ({"resource_type": ["USERS"]}, "resource_type"),
        ({"direction": "up"}, "direction"),
        ({"since": "yesterday"}, "since"),
        ({"until": "2025-13-01T00:00:00Z"}, "until"),
        ({"extra_query": {"page": "two"}}, "page"),
        ({"extra_query": {"limit": "many"}}, "limit"),
    ],
    ids=["request_method", "resource_type", "direction", "since", "until", "page", "limit"],
)
def test_logs_bad_parameter_is_bad_request_naming_it(cf, kwargs, name):
    with pytest.raises(cloudflare.BadRequestError) as caught:
        logs(cf, **kwargs)
    assert_bad_param(caught.value, name)


def test_account_id_of_33_characters_is_bad_request(cf):
    account = ACCOUNT_ID + "0"
    assert len(account) == 33
    for call in (users, groups, logs):
        with pytest.raises(cloudflare.BadRequestError) as caught:
            call(cf, account=account)
        assert caught.value.status_code == 400
        err = first_error(caught.value)
        assert err["code"] == 1001 and "account_id" in err["message"], err


# --- 404: unknown identity provider ----------------------------------------------------------------


def test_users_unknown_idp_is_not_found(cf_any):
    with pytest.raises(cloudflare.NotFoundError) as caught:
        users(cf_any, idp=UNKNOWN_IDP)
    err = first_error(caught.value)
    assert err["code"] == 1002, err


def test_groups_unknown_idp_is_not_found(cf):
    with pytest.raises(cloudflare.NotFoundError) as caught:
        groups(cf, idp=UNKNOWN_IDP)
    assert first_error(caught.value)["code"] == 1002


def test_idp_of_another_account_is_not_found(cf):
    with pytest.raises(cloudflare.NotFoundError) as caught:
        users(cf, account="0" * 32)
    assert first_error(caught.value)["code"] == 1002


def test_logs_unknown_idp_id_never_leaks_other_rows(cf):
    try:
        got = logs(cf, idp_id=[UNKNOWN_IDP])
    except cloudflare.NotFoundError as exc:
        assert first_error(exc)["code"] == 1002
    else:
        assert got == []


# --- 403: pinned credentials -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pinned_token_url(start_mock) -> str:
    return start_mock(["--api-token", "good-token"]).url


@pytest.fixture(scope="module")
def pinned_key_url(start_mock) -> str:
    return start_mock(["--api-email", API_EMAIL, "--api-key", API_KEY]).url


@pytest.mark.parametrize("prefix", ["/client/v4", ""], ids=["client-v4", "bare"])
def test_pinned_token_wrong_token_is_permission_denied(pinned_token_url, prefix):
    with make_client(pinned_token_url, prefix, "token", api_token="bad-token") as cf:
        with pytest.raises(cloudflare.PermissionDeniedError) as caught:
            users(cf)
    assert caught.value.status_code == 403
    assert first_error(caught.value)["code"] == 10000


@pytest.mark.parametrize("prefix", ["/client/v4", ""], ids=["client-v4", "bare"])
def test_pinned_token_good_token_succeeds(pinned_token_url, prefix, okta):
    with make_client(pinned_token_url, prefix, "token", api_token="good-token") as cf:
        assert [u.id for u in users(cf)] == [u["id"] for u in okta["users"]]
        assert len(logs(cf)) == 24


def test_pinned_token_rejects_email_and_key(pinned_token_url):
    with make_client(pinned_token_url, "/client/v4", "key") as cf:
        with pytest.raises(cloudflare.PermissionDeniedError):
            users(cf)


def test_pinned_key_accepts_the_pinned_pair(pinned_key_url, okta):
    with make_client(pinned_key_url, "/client/v4", "key") as cf:
        assert [g.id for g in groups(cf)] == [g["id"] for g in okta["groups"]]


def test_pinned_key_rejects_another_key(pinned_key_url):
    from cloudflare import Cloudflare

    with Cloudflare(base_url=pinned_key_url + "/client/v4", api_email=API_EMAIL, api_key="0" * 32, max_retries=0,
                    _strict_response_validation=True) as cf:
        with pytest.raises(cloudflare.PermissionDeniedError) as caught:
            users(cf)
    assert first_error(caught.value)["code"] == 10000
