"""SCIM users and groups read through the official Python SDK (strict response validation)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from conftest import ACCOUNT_ID, ENTRA_IDP, OKTA_IDP


def list_users(cf, idp=OKTA_IDP, **kw):
    return list(cf.zero_trust.identity_providers.scim.users.list(idp, account_id=ACCOUNT_ID, **kw))


def list_groups(cf, idp=OKTA_IDP, **kw):
    return list(cf.zero_trust.identity_providers.scim.groups.list(idp, account_id=ACCOUNT_ID, **kw))


def ids(items):
    return [item.id for item in items]


# --- users ----------------------------------------------------------------------------------------


def test_users_list_returns_every_okta_user_in_fixture_order(cf_any, okta):
    users = list_users(cf_any)
    assert ids(users) == [u["id"] for u in okta["users"]]
    assert len(users) == 7


def test_users_per_page_2_auto_paginates_over_four_pages(cf, okta):
    page = cf.zero_trust.identity_providers.scim.users.list(OKTA_IDP, account_id=ACCOUNT_ID, per_page=2)
    pages = list(page.iter_pages())
    # 2+2+2+1, then the empty page that stops the SDK.
    assert [len(p.result) for p in pages] == [2, 2, 2, 1, 0]
    assert [u.id for p in pages for u in p.result] == [u["id"] for u in okta["users"]]


def test_users_page_past_the_end_is_empty_with_result_info(cf):
    page = cf.zero_trust.identity_providers.scim.users.list(OKTA_IDP, account_id=ACCOUNT_ID, per_page=2, page=9)
    assert page.result == []
    info = page.result_info.to_dict()
    assert info == {"count": 0, "page": 9, "per_page": 2, "total_count": 7, "total_pages": 4}


def test_users_page_0_reads_as_page_1(cf, okta):
    first = cf.zero_trust.identity_providers.scim.users.list(OKTA_IDP, account_id=ACCOUNT_ID, per_page=2, page=0)
    assert ids(first.result) == [u["id"] for u in okta["users"][:2]]
    assert ids(list_users(cf, per_page=2, page=0)) == [u["id"] for u in okta["users"]]


def test_users_fields_match_fixture(cf, okta):
    want = okta["users"][0]
    got = list_users(cf, cf_resource_id=[want["id"]])
    assert len(got) == 1
    user = got[0]
    assert user.id == want["id"]
    assert user.external_id == want["externalId"]
    assert user.display_name == want["displayName"]
    assert user.active is want["active"]
    assert user.schemas == want["schemas"]
    assert [e.value for e in user.emails] == [e["value"] for e in want["emails"]]
    assert user.emails[0].primary is True and user.emails[0].type == "work"
    raw = user.to_dict()
    assert raw["userName"] == want["userName"]
    assert raw["name"] == want["name"]
    assert raw["meta"]["resourceType"] == "User"
    assert user.meta.created == datetime(2025, 1, 1, tzinfo=timezone.utc)
    assert user.meta.last_modified == datetime(2025, 1, 2, tzinfo=timezone.utc)


def test_users_filter_cf_resource_id_list(cf, okta):
    want = [okta["users"][1]["id"], okta["users"][4]["id"]]
    assert ids(list_users(cf, cf_resource_id=want)) == want


def test_users_filter_idp_resource_id_list(cf, okta):
    by_ext = {u["externalId"]: u["id"] for u in okta["users"]}
    got = list_users(cf, idp_resource_id=["grace_hopper", "ken_thompson"])
    assert ids(got) == [by_ext["grace_hopper"], by_ext["ken_thompson"]]


def test_users_filter_username_case_insensitive(cf, okta):
    got = list_users(cf, username="Alan.Turing@EXAMPLE.com")
    assert ids(got) == ["d23f0824-128b-4f33-8c5c-7fd0a6a3a450"]


def test_users_filter_email(cf):
    got = list_users(cf, email="ADA.LOVELACE@example.com")
    assert ids(got) == ["36f675cc-81e7-4ef5-a8e2-5d940ed90475"]


def test_users_filter_name_matches_display_name(cf):
    got = list_users(cf, name="barbara liskov")
    assert ids(got) == ["8d116ece-1738-47d9-bd9c-172411e20b8f"]


def test_users_filter_with_no_match_is_empty(cf):
    assert list_users(cf, username="nobody@example.com") == []


def test_users_all_filters_at_once_are_anded(cf):
    grace = "9531985d-5d9d-49f8-9818-e811892f902b"
    everything = dict(
        cf_resource_id=[grace, "36f675cc-81e7-4ef5-a8e2-5d940ed90475"],
        idp_resource_id=["grace_hopper", "ada_lovelace"],
        username="grace.hopper@example.com",
        email="grace.hopper@example.com",
        name="Grace Hopper",
    )
    assert ids(list_users(cf, page=0, per_page=100, **everything)) == [grace]
    # One disagreeing filter empties the answer.
    assert list_users(cf, **{**everything, "name": "Ada Lovelace"}) == []


def test_users_are_scoped_to_their_idp(cf, entra):
    got = list_users(cf, idp=ENTRA_IDP)
    assert ids(got) == [u["id"] for u in entra["users"]]
    # An Okta user's id does not show up under Entra.
    assert list_users(cf, idp=ENTRA_IDP, cf_resource_id=["bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"]) == []


# --- groups ---------------------------------------------------------------------------------------


def test_groups_list_returns_every_okta_group(cf_any, okta):
    assert ids(list_groups(cf_any)) == [g["id"] for g in okta["groups"]]


def test_groups_per_page_1_auto_paginates(cf, okta):
    page = cf.zero_trust.identity_providers.scim.groups.list(OKTA_IDP, account_id=ACCOUNT_ID, per_page=1)
    pages = list(page.iter_pages())
    assert [len(p.result) for p in pages] == [1, 1, 1, 0]
    assert [g.id for p in pages for g in p.result] == [g["id"] for g in okta["groups"]]
    assert pages[-1].result_info.to_dict() == {"count": 0, "page": 4, "per_page": 1, "total_count": 3, "total_pages": 3}


def test_groups_page_0_reads_as_page_1(cf, okta):
    first = cf.zero_trust.identity_providers.scim.groups.list(OKTA_IDP, account_id=ACCOUNT_ID, per_page=1, page=0)
    assert ids(first.result) == [okta["groups"][0]["id"]]


def test_groups_fields_match_fixture(cf, okta):
    want = okta["groups"][1]
    (group,) = list_groups(cf, cf_resource_id=[want["id"]])
    assert group.display_name == want["displayName"]
    assert group.external_id == want["externalId"]
    assert group.schemas == want["schemas"]
    raw = group.to_dict()
    # The SDK's ZeroTrustGroup (like the real API's example) has no `members`; if the mock sends
    # them, they must be the fixture's.
    if "members" in raw:
        assert [m["value"] for m in raw["members"]] == [m["value"] for m in want["members"]]
    assert raw["meta"]["resourceType"] == "Group"
    assert group.meta.created is not None and group.meta.last_modified is not None


def test_groups_filter_cf_resource_id_list(cf, okta):
    want = [okta["groups"][0]["id"], okta["groups"][2]["id"]]
    assert ids(list_groups(cf, cf_resource_id=want)) == want


def test_groups_filter_idp_resource_id_list(cf):
    got = list_groups(cf, idp_resource_id=["engineering"])
    assert ids(got) == ["6b4cb242-4a23-4596-a217-beaddbc496cb"]


def test_groups_filter_name_case_insensitive(cf):
    assert ids(list_groups(cf, name="all employees")) == ["a2abeb50-59c9-4c01-8c5c-963d3bf5700f"]
    assert list_groups(cf, name="Nobody") == []


def test_groups_all_filters_at_once_are_anded(cf):
    eng = "6b4cb242-4a23-4596-a217-beaddbc496cb"
    got = list_groups(
        cf, page=0, per_page=100, cf_resource_id=[eng, "92276658-1e27-41c0-8a6a-63ec24ede6a4"],
        idp_resource_id=["engineering", "contractors"], name="Engineering",
    )
    assert ids(got) == [eng]
    assert list_groups(cf, cf_resource_id=[eng], name="Contractors") == []


@pytest.mark.parametrize("idp", [OKTA_IDP, ENTRA_IDP])
def test_groups_are_scoped_to_their_idp(cf, seed, idp):
    want = next(i for a in seed["accounts"] for i in a["identity_providers"] if i["id"] == idp)
    assert ids(list_groups(cf, idp=idp)) == [g["id"] for g in want["groups"]]
