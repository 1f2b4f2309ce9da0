"""The exact calls of the SDK's own generated tests (cloudflare 5.9.0 sdist, tests/api_resources/...), sync
and async, loose and strict validation: each must answer 200 with a well-typed page. Note the logs test's
first idp_id, "df7e2w5f-...", is not even a UUID: it must be a filter that matches nothing, not an error."""

from __future__ import annotations

import asyncio

import pytest
from cloudflare import AsyncCloudflare, Cloudflare
from cloudflare.pagination import AsyncV4PagePaginationArray, SyncV4PagePaginationArray
from cloudflare.types.zero_trust.access import AccessUser, ZeroTrustGroup
from cloudflare.types.zero_trust.access.logs.scim import UpdateListResponse

from conftest import API_EMAIL, API_KEY

ACC = "023e105f4ecef8ad9ca31a8372d0c353"
IDP = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
SDK_IDP_IDS = ["df7e2w5f-02b7-4d9d-af26-8d1988fca630", "0194ae2c-efcf-7cfb-8884-055f1a161fa5"]

USERS_ALL = dict(
    cf_resource_id=["bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"], email="john.smith@example.com",
    idp_resource_id=["john_smith_01"], name="John Smith", page=0, per_page=100, username="John Smith",
)
GROUPS_ALL = dict(
    cf_resource_id=["a2abeb50-59c9-4c01-8c5c-963d3bf5700f"], idp_resource_id=["all_employees"], name="ALL_EMPLOYEES",
    page=0, per_page=100,
)
LOGS_ALL = dict(
    cf_resource_id=["bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"], direction="desc", idp_resource_id=["all_employees"],
    limit=10, page=0, per_page=1000, request_method=["DELETE", "PATCH"], resource_group_name=["ALL_EMPLOYEES"],
    resource_type=["USER", "GROUP"], resource_user_email=["john.smith@example.com"],
    since="2025-01-01T00:00:00Z", until="2025-01-02T00:00:00Z", status=["FAILURE", "SUCCESS"],
)

STRICTNESS = pytest.mark.parametrize("strict", [False, True], ids=["loose", "strict"])


def client(url: str, strict: bool) -> Cloudflare:
    # The SDK's tests use api_email + api_key against base_url=http://127.0.0.1:4010 (no /client/v4).
    return Cloudflare(base_url=url, api_email=API_EMAIL, api_key=API_KEY, max_retries=0,
                      _strict_response_validation=strict)


@STRICTNESS
def test_generated_users_list(base_url, strict):
    with client(base_url, strict) as cf:
        page = cf.zero_trust.identity_providers.scim.users.list(identity_provider_id=IDP, account_id=ACC)
        assert isinstance(page, SyncV4PagePaginationArray) and all(isinstance(u, AccessUser) for u in page.result)
        assert len(page.result) == 7
        # The all-params call: nothing matches john_smith_01 / username "John Smith", and that is a 200.
        page = cf.zero_trust.identity_providers.scim.users.list(identity_provider_id=IDP, account_id=ACC, **USERS_ALL)
        assert page.result == []
        raw = cf.zero_trust.identity_providers.scim.users.with_raw_response.list(identity_provider_id=IDP, account_id=ACC)
        assert raw.http_request.headers.get("X-Stainless-Lang") == "python"
        assert raw.status_code == 200 and len(raw.parse().result) == 7


@STRICTNESS
def test_generated_groups_list(base_url, strict):
    with client(base_url, strict) as cf:
        page = cf.zero_trust.identity_providers.scim.groups.list(identity_provider_id=IDP, account_id=ACC)
        assert all(isinstance(g, ZeroTrustGroup) for g in page.result) and len(page.result) == 3
        page = cf.zero_trust.identity_providers.scim.groups.list(identity_provider_id=IDP, account_id=ACC, **GROUPS_ALL)
        assert page.result == []  # "ALL_EMPLOYEES" is not "ALL EMPLOYEES"
        with cf.zero_trust.identity_providers.scim.groups.with_streaming_response.list(
            identity_provider_id=IDP, account_id=ACC
        ) as response:
            assert len(response.parse().result) == 3


@STRICTNESS
def test_generated_logs_list(base_url, strict):
    with client(base_url, strict) as cf:
        page = cf.zero_trust.access.logs.scim.updates.list(account_id=ACC, idp_id=SDK_IDP_IDS)
        assert all(isinstance(r, UpdateListResponse) for r in page.result)
        assert len(page.result) == 20 and {r.idp_id for r in page.result} == {SDK_IDP_IDS[1]}
        page = cf.zero_trust.access.logs.scim.updates.list(account_id=ACC, idp_id=SDK_IDP_IDS, **LOGS_ALL)
        assert page.result == []  # the Entra IdP has no logs on 2025-01-01


def test_generated_calls_async(base_url):
    async def run() -> tuple[int, int, int, int]:
        async with AsyncCloudflare(base_url=base_url + "/client/v4", api_token="anything", max_retries=0,
                                   _strict_response_validation=True) as cf:
            users = [u async for u in cf.zero_trust.identity_providers.scim.users.list(IDP, account_id=ACC, per_page=3)]
            groups = await cf.zero_trust.identity_providers.scim.groups.list(IDP, account_id=ACC, **GROUPS_ALL)
            assert isinstance(groups, AsyncV4PagePaginationArray)
            logs = [r async for r in cf.zero_trust.access.logs.scim.updates.list(account_id=ACC, idp_id=SDK_IDP_IDS, per_page=7)]
            capped = [r async for r in cf.zero_trust.access.logs.scim.updates.list(
                account_id=ACC, idp_id=[IDP], per_page=5, limit=12)]
            return len(users), len(groups.result), len(logs), len(capped)

    assert asyncio.run(run()) == (7, 0, 24, 12)
