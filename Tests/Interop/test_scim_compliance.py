"""RFC 7643/7644 compliance of the inbound SCIM endpoint, judged by scim2-tester's checker.

scim2-tester drives a real scim2-client against the server: discovery (ServiceProviderConfig,
ResourceTypes, Schemas, 405 on their other methods, 404 Error bodies), then for each resource type
it discovered, create / get / list / attributes / excludedAttributes / .search / PUT / DELETE and
PATCH add, remove and replace on every writable attribute. A check that fails comes back with status
ERROR (a MUST broken) or CRITICAL; those must be none. DEVIATION (a SHOULD not followed) and SKIPPED
checks are printed, not failed.

Each run gets a fresh server: the checker writes many users and groups.
"""

from __future__ import annotations

from collections import Counter

import pytest
from scim2_tester import CheckResult, Status, check_server

from conftest import OKTA_IDP
from scim_support import OKTA_SECRET, Transcript, fresh_server, scim_base, scim_client  # noqa: F401

FAILED = (Status.ERROR, Status.CRITICAL)
NOTED = (Status.DEVIATION, Status.SKIPPED)


def _describe(result: CheckResult) -> str:
    doc = (result.description or "").strip().splitlines()
    data = repr(result.data)
    if len(data) > 1500:
        data = data[:1500] + f"... ({len(data)} chars)"
    return (
        f"[{result.status.name}] {result.title}"
        + (f" ({result.resource_type})" if result.resource_type else "")
        + f"\n    what: {doc[0] if doc else ''}"
        + f"\n    reason: {result.reason}"
        + f"\n    data: {data}"
    )


def _error_exchanges(transcript: Transcript):
    """The exchanges answered with an error, less those the checker asks for on purpose: 405 from the
    discovery endpoints, 404 from GETs of made-up or deleted ids, and 404 from DELETEs of resources
    already deleted (its ResourceManager never forgets what it cleaned up, and cleans up again after
    every check)."""
    deleted: set[str] = set()
    errors = []
    for e in transcript.exchanges:
        if e.method == "DELETE" and e.status == 204:
            deleted.add(e.url)
            continue
        if e.status < 400 or e.status == 405 or (e.method == "GET" and e.status == 404):
            continue
        if e.method == "DELETE" and e.status == 404 and e.url in deleted:
            continue
        errors.append(e)
    return errors


def _report(results: list[CheckResult], transcript: Transcript) -> str:
    counts = Counter(r.status.name for r in results)
    lines = [f"scim2-tester: {len(results)} checks, " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))]
    failed = [r for r in results if r.status in FAILED]
    noted = [r for r in results if r.status in NOTED]
    if failed:
        lines.append(f"\n{len(failed)} failed check(s):")
        lines += [_describe(r) for r in failed]
    if noted:
        lines.append(f"\n{len(noted)} deviation(s) / skipped check(s), not failed:")
        lines += [_describe(r) for r in noted]
    errors = _error_exchanges(transcript)
    if failed and errors:
        # What the server answered with an error, in order, so each failure can be traced to a request.
        lines.append(f"\n{len(errors)} unexpected error answer(s) of {len(transcript.exchanges)} exchanges:")
        lines += [e.describe() for e in errors]
    return "\n".join(lines)


@pytest.mark.parametrize("form", ["scim-v2", "populations"])
def test_scim2_tester_finds_no_failure(fresh_server, form: str) -> None:  # noqa: F811
    srv = fresh_server()
    transcript = Transcript()
    client = scim_client(scim_base(srv.url, OKTA_IDP, form), OKTA_SECRET, transcript)
    try:
        results = check_server(client)
    finally:
        client.client.close()

    report = _report(results, transcript)
    print(report)

    # Guard against a vacuous pass: discovery worked and the CRUD checks ran on both resource types.
    created = {r.resource_type for r in results if r.title == "object_creation" and r.status == Status.SUCCESS}
    patched = {r.resource_type for r in results if r.title == "check_replace_attribute" and r.status == Status.SUCCESS}
    failed = [r for r in results if r.status in FAILED]
    assert not failed, report
    assert {"User", "Group"} <= created, f"checker created no User/Group: {created}\n{report}"
    assert {"User", "Group"} <= patched, f"checker PATCHed no User/Group: {patched}\n{report}"
