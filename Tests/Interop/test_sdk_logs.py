"""Access SCIM update logs read through the official Python SDK (strict response validation)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from conftest import ACCOUNT_ID, ENTRA_IDP, OKTA_IDP

LOG_FIELDS = [
    "cf_resource_id", "error_description", "idp_id", "idp_resource_id", "logged_at", "request_body",
    "request_method", "resource_group_name", "resource_type", "resource_user_email", "status",
]


def logs(cf, idp_id=(OKTA_IDP,), **kw):
    return list(cf.zero_trust.access.logs.scim.updates.list(account_id=ACCOUNT_ID, idp_id=list(idp_id), **kw))


def parse_ts(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def key(log) -> tuple[str, str]:
    """Identifies a log row: its time and IdP (every fixture log has a distinct logged_at per IdP)."""
    return (log.logged_at.isoformat(), log.idp_id)


def fixture_keys(idp, predicate=lambda row: True):
    return {(parse_ts(row["logged_at"]).isoformat(), idp["id"]) for row in idp["update_logs"] if predicate(row)}


def test_logs_all_24_okta_logs_newest_first(cf_any, okta):
    got = logs(cf_any)
    assert len(got) == 24
    assert {key(log) for log in got} == fixture_keys(okta)
    times = [log.logged_at for log in got]
    assert times == sorted(times, reverse=True)
    assert all(log.idp_id == OKTA_IDP for log in got)


def test_logs_per_page_5_auto_paginates_over_all_24(cf, okta):
    page = cf.zero_trust.access.logs.scim.updates.list(account_id=ACCOUNT_ID, idp_id=[OKTA_IDP], per_page=5)
    pages = list(page.iter_pages())
    assert [len(p.result) for p in pages] == [5, 5, 5, 5, 4, 0]
    assert [p.result_info.page for p in pages] == [1, 2, 3, 4, 5, 6]
    assert {key(log) for p in pages for log in p.result} == fixture_keys(okta)


def test_logs_page_past_the_end_is_empty_with_result_info(cf):
    page = cf.zero_trust.access.logs.scim.updates.list(account_id=ACCOUNT_ID, idp_id=[OKTA_IDP], per_page=10, page=4)
    assert page.result == []
    assert page.result_info.to_dict() == {"count": 0, "page": 4, "per_page": 10, "total_count": 24, "total_pages": 3}


def test_logs_page_0_reads_as_page_1(cf):
    first = cf.zero_trust.access.logs.scim.updates.list(account_id=ACCOUNT_ID, idp_id=[OKTA_IDP], per_page=3, page=0)
    one = cf.zero_trust.access.logs.scim.updates.list(account_id=ACCOUNT_ID, idp_id=[OKTA_IDP], per_page=3, page=1)
    assert [key(log) for log in first.result] == [key(log) for log in one.result]
    assert len(first.result) == 3


def test_logs_default_per_page_is_20(cf):
    page = cf.zero_trust.access.logs.scim.updates.list(account_id=ACCOUNT_ID, idp_id=[OKTA_IDP])
    assert len(page.result) == 20
    assert page.result_info.to_dict() == {"count": 20, "page": 1, "per_page": 20, "total_count": 24, "total_pages": 2}


def test_logs_two_idp_ids_give_the_union(cf, okta, entra):
    got = logs(cf, idp_id=[OKTA_IDP, ENTRA_IDP])
    assert len(got) == 48
    assert {key(log) for log in got} == fixture_keys(okta) | fixture_keys(entra)
    times = [log.logged_at for log in got]
    assert times == sorted(times, reverse=True)


def test_logs_direction_asc_and_desc_order_by_logged_at(cf):
    asc = logs(cf, direction="asc", per_page=7)
    desc = logs(cf, direction="desc", per_page=7)
    assert [log.logged_at for log in asc] == sorted(log.logged_at for log in asc)
    assert len(asc) == 24
    assert [key(log) for log in desc] == [key(log) for log in reversed(asc)]


def test_logs_failure_row_fields_match_fixture(cf, okta):
    want = next(r for r in okta["update_logs"] if r.get("request_body") == "{}}" and r["resource_type"] == "USER")
    (row,) = [log for log in logs(cf, status=["FAILURE"]) if log.logged_at == parse_ts(want["logged_at"])]
    assert row.request_body == "{}}"
    assert row.error_description == "Invalid JSON body"
    assert row.status == "FAILURE"
    assert row.request_method == want["request_method"] == "PUT"
    assert row.resource_type == "USER"
    assert row.cf_resource_id == want["cf_resource_id"]
    assert row.idp_resource_id == want["idp_resource_id"]
    assert row.resource_user_email == want["resource_user_email"]
    assert row.resource_group_name is None
    assert row.idp_id == OKTA_IDP


def test_logs_every_row_matches_the_fixture_field_by_field(cf, okta):
    by_time = {parse_ts(r["logged_at"]): r for r in okta["update_logs"]}
    for log in logs(cf, per_page=1000):
        want = by_time[log.logged_at]
        raw = log.to_dict()
        for field in LOG_FIELDS:
            if field in ("idp_id", "logged_at"):
                continue
            assert raw.get(field) == want.get(field), (field, want["logged_at"])


# Cloudflare's description types every log field as a string, never null: a field with no value is
# left out (README, "Update logs: absent fields"), which the SDK reads as None.
ALWAYS_PRESENT = ["idp_id", "logged_at", "request_method", "resource_type", "status"]


def test_logs_wire_format_omits_absent_fields_and_has_microsecond_utc_timestamps(get, okta):
    body = get(f"/client/v4/accounts/{ACCOUNT_ID}/access/logs/scim/updates?idp_id={OKTA_IDP}&per_page=1000").json()
    assert body["success"] is True
    for row in body["result"]:
        assert set(row) <= set(LOG_FIELDS) and set(ALWAYS_PRESENT) <= set(row), row
        assert all(isinstance(value, str) for value in row.values()), row
        ts = row["logged_at"]
        assert len(ts) == len("2025-01-01T01:07:13.123457Z") and ts.endswith("Z") and ts[19] == ".", ts
    delete = next(r for r in body["result"] if r["request_method"] == "DELETE" and r["status"] == "SUCCESS"
                  and r["resource_type"] == "USER")
    assert "request_body" not in delete and "error_description" not in delete
    assert "resource_group_name" not in delete


@pytest.mark.parametrize(
    "kwargs, predicate",
    [
        ({"cf_resource_id": ["bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"]},
         lambda r: r.get("cf_resource_id") == "bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"),
        ({"cf_resource_id": ["bd97ef8d-7986-43e3-9ee0-c25dda33e4b0", "a2abeb50-59c9-4c01-8c5c-963d3bf5700f"]},
         lambda r: r.get("cf_resource_id") in ("bd97ef8d-7986-43e3-9ee0-c25dda33e4b0", "a2abeb50-59c9-4c01-8c5c-963d3bf5700f")),
        ({"idp_resource_id": ["grace_hopper"]}, lambda r: r.get("idp_resource_id") == "grace_hopper"),
        ({"idp_resource_id": ["grace_hopper", "contractors"]},
         lambda r: r.get("idp_resource_id") in ("grace_hopper", "contractors")),
        ({"resource_user_email": ["jane.doe@example.com"]}, lambda r: r.get("resource_user_email") == "jane.doe@example.com"),
        ({"resource_group_name": ["Contractors"]}, lambda r: r.get("resource_group_name") == "Contractors"),
        ({"request_method": ["DELETE"]}, lambda r: r["request_method"] == "DELETE"),
        ({"request_method": ["PATCH", "PUT"]}, lambda r: r["request_method"] in ("PATCH", "PUT")),
        ({"resource_type": ["GROUP"]}, lambda r: r["resource_type"] == "GROUP"),
        ({"resource_type": ["USER", "GROUP"]}, lambda r: True),
        ({"status": ["FAILURE"]}, lambda r: r["status"] == "FAILURE"),
        ({"status": ["SUCCESS", "FAILURE"]}, lambda r: True),
        ({"status": ["SUCCESS"], "resource_type": ["USER"], "request_method": ["POST"]},
         lambda r: r["status"] == "SUCCESS" and r["resource_type"] == "USER" and r["request_method"] == "POST"),
    ],
    ids=[
        "cf_resource_id", "cf_resource_id-two", "idp_resource_id", "idp_resource_id-two", "resource_user_email",
        "resource_group_name", "request_method", "request_method-two", "resource_type", "resource_type-both",
        "status", "status-both", "status+type+method-anded",
    ],
)
def test_logs_filter(cf, okta, kwargs, predicate):
    want = fixture_keys(okta, predicate)
    assert want, "the fixture should have rows for this filter"
    got = logs(cf, per_page=4, **kwargs)
    assert {key(log) for log in got} == want
    assert len(got) == len(want)


def test_logs_filter_resource_user_email_case_insensitive(cf, okta):
    got = logs(cf, resource_user_email=["JANE.DOE@Example.COM"])
    assert {key(log) for log in got} == fixture_keys(okta, lambda r: r.get("resource_user_email") == "jane.doe@example.com")


def test_logs_filter_resource_group_name_is_exact(cf, okta):
    # "ALL EMPLOYEES" and "ALL_EMPLOYEES" are different names in the fixture: no fuzzy matching.
    got = logs(cf, resource_group_name=["ALL EMPLOYEES"])
    assert {key(log) for log in got} == fixture_keys(okta, lambda r: r.get("resource_group_name") == "ALL EMPLOYEES")
    assert len(got) == 4


def test_logs_all_filters_at_once_are_anded(cf, okta):
    got = logs(
        cf, idp_id=[OKTA_IDP, ENTRA_IDP],
        cf_resource_id=["9531985d-5d9d-49f8-9818-e811892f902b", "0cb1e29c-658c-4a14-95e6-0af593bd04cf"],
        idp_resource_id=["grace_hopper", "rperlman"], resource_user_email=["grace.hopper@example.com"],
        request_method=["PUT", "PATCH"], resource_type=["USER"], status=["FAILURE"], direction="asc",
        since="2025-01-01T18:00:00Z", until=datetime(2025, 1, 1, 18, 10, tzinfo=timezone.utc), page=0, per_page=10,
    )
    assert [(log.request_method, log.idp_resource_id) for log in got] == [("PUT", "grace_hopper")]


def test_logs_since_datetime_is_inclusive(cf, okta):
    pivot = parse_ts("2025-01-01T12:24:36.481484Z")
    got = logs(cf, since=pivot, direction="asc")
    assert got[0].logged_at == pivot
    assert {key(log) for log in got} == fixture_keys(okta, lambda r: parse_ts(r["logged_at"]) >= pivot)


def test_logs_until_datetime_is_inclusive(cf, okta):
    pivot = parse_ts("2025-01-01T12:24:36.481484Z")
    got = logs(cf, until=pivot)
    assert got[0].logged_at == pivot
    assert {key(log) for log in got} == fixture_keys(okta, lambda r: parse_ts(r["logged_at"]) <= pivot)


def test_logs_since_and_until_as_strings(cf, okta):
    got = logs(cf, since="2025-01-01T09:03:57.111113Z", until="2025-01-01T11:17:23.358027Z")
    assert [log.logged_at.isoformat() for log in got] == [
        "2025-01-01T11:17:23.358027+00:00", "2025-01-01T10:10:10.234570+00:00", "2025-01-01T09:03:57.111113+00:00",
    ]


def test_logs_since_until_with_offset_and_whole_seconds(cf):
    # 10:10:10+01:00 is 09:10:10Z; 11:17:24Z lies just after 11:17:23.358027Z.
    got = logs(cf, since="2025-01-01T10:10:10+01:00", until="2025-01-01T11:17:24Z")
    assert [log.logged_at.isoformat() for log in got] == [
        "2025-01-01T11:17:23.358027+00:00", "2025-01-01T10:10:10.234570+00:00",
    ]


def test_logs_since_until_one_microsecond_outside_excludes(cf):
    pivot = parse_ts("2025-01-01T12:24:36.481484Z")
    after = pivot + timedelta(microseconds=1)
    before = pivot - timedelta(microseconds=1)
    assert pivot not in [log.logged_at for log in logs(cf, since=after)]
    assert pivot not in [log.logged_at for log in logs(cf, until=before)]
    assert [log.logged_at for log in logs(cf, since=pivot, until=pivot)] == [pivot]


def test_logs_limit_caps_total_across_pages(cf):
    page = cf.zero_trust.access.logs.scim.updates.list(account_id=ACCOUNT_ID, idp_id=[OKTA_IDP], per_page=5, limit=12)
    got = list(page)
    assert len(got) == 12
    everything = logs(cf, per_page=100)
    assert [key(log) for log in got] == [key(log) for log in everything[:12]]


def test_logs_limit_larger_than_rows_is_no_cap(cf):
    assert len(logs(cf, per_page=5, limit=1000)) == 24


def test_logs_limit_applies_after_filters(cf):
    got = logs(cf, status=["FAILURE"], limit=3, per_page=2, direction="asc")
    assert [log.logged_at.isoformat() for log in got] == [
        "2025-01-01T17:59:41.098769+00:00", "2025-01-01T18:06:54.222226+00:00", "2025-01-01T19:13:07.345683+00:00",
    ]


def test_logs_unknown_but_wellformed_idp_id_in_a_list_is_not_an_error_or_is_404(cf):
    """An IdP id not in the account: NotFoundError, never a silent 200 with other IdPs' rows."""
    import cloudflare

    try:
        got = logs(cf, idp_id=["00000000-0000-4000-8000-00000000dead"])
    except cloudflare.NotFoundError:
        return
    assert got == []


def test_logs_limit_is_reflected_in_result_info(cf):
    pages = list(
        cf.zero_trust.access.logs.scim.updates.list(account_id=ACCOUNT_ID, idp_id=[OKTA_IDP], per_page=5, limit=12).iter_pages()
    )
    infos = [p.result_info.to_dict() for p in pages]
    assert [i["count"] for i in infos] == [5, 5, 2, 0]
    assert all(i["total_count"] == 12 and i["total_pages"] == 3 and i["per_page"] == 5 for i in infos), infos
