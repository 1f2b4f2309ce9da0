"""The dashboard (/__ui) in a real browser: headless Chromium from Debian's packages, driven by Selenium
through /usr/bin/chromedriver (Selenium downloads nothing), one browser and one fresh server for the module.

Screenshots: a failed test saves one to $BROWSER_SCREENSHOTS (default .build/browser-screenshots);
DASHBOARD_SCREENSHOTS=1 also writes the README's pictures to docs/images/.
"""

from __future__ import annotations

import json
import os
import time
import urllib.parse
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from conftest import ACCOUNT_ID, OKTA_IDP, REPO_ROOT, MockServer, http, start_server

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

CHROMEDRIVER = "/usr/bin/chromedriver"
OKTA_SECRET = "okta-scim-secret"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
COLUMNS = [
    "IdP name", "Timestamp", "Action", "User email", "Group name", "Resource type", "CF resource ID",
    "IDP resource ID", "Outcome",
]
SCREENSHOTS = Path(os.environ.get("BROWSER_SCREENSHOTS") or REPO_ROOT / ".build" / "browser-screenshots")
README_IMAGES = REPO_ROOT / "docs" / "images"

if not os.access(CHROMEDRIVER, os.X_OK):
    pytest.fail(f"{CHROMEDRIVER} is missing: `make browser-deps` installs chromium and chromium-driver", pytrace=False)


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    """A server of its own: these tests write."""
    srv = start_server()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


@pytest.fixture(autouse=True)
def screenshot_on_failure(request: pytest.FixtureRequest, browser: WebDriver) -> Iterator[None]:
    yield
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / (request.node.name.replace("/", "_") + ".png")
        browser.save_screenshot(str(path))
        print(f"screenshot: {path}")


def scim(server: MockServer, method: str, path: str, body: Any = None, raw: bytes | None = None) -> Any:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    headers = {"Authorization": f"Bearer {OKTA_SECRET}", "Content-Type": "application/scim+json"}
    answer = http(server.url + "/scim/v2" + path, method=method, headers=headers, body=data)
    return answer.json() if answer.body else None


def wait(browser: WebDriver, condition: Callable[[WebDriver], Any], seconds: float = 10) -> Any:
    return WebDriverWait(browser, seconds, poll_frequency=0.1).until(condition)


def open_page(browser: WebDriver, server: MockServer, path: str) -> None:
    browser.get(server.url + path)
    wait(browser, lambda b: b.execute_script("return document.readyState") == "complete")


def row_times(browser: WebDriver) -> list[str]:
    return [t.get_attribute("datetime") for t in browser.find_elements(By.CSS_SELECTOR, "#log-rows time")]


def api_times(server: MockServer, browser: WebDriver) -> list[str]:
    """The logged_at of the API's answer to the page's own "API call" link."""
    href = browser.find_element(By.ID, "api-link").get_attribute("href")
    answer = http(href, headers={"Authorization": "Bearer anything"})
    assert answer.status == 200, answer.body
    return [log["logged_at"] for log in answer.json()["result"]]


def caption_total(browser: WebDriver) -> int:
    return int(browser.find_element(By.CSS_SELECTOR, "#logs caption").text.split()[0])


def submit_filters(browser: WebDriver) -> None:
    old = browser.find_element(By.ID, "logs")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    wait(browser, lambda b: old not in b.find_elements(By.ID, "logs"))


def test_columns_in_the_source_documents_order(browser: WebDriver, server: MockServer) -> None:
    open_page(browser, server, "/__ui/")
    assert browser.current_url.endswith("/__ui/logs")
    assert [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#logs thead th")] == COLUMNS
    assert browser.find_element(By.CSS_SELECTOR, "#logs caption").text.startswith("48 logs")
    outcomes = {span.text for span in browser.find_elements(By.CSS_SELECTOR, "#log-rows .outcome")}
    assert outcomes == {"SUCCESS", "ERROR"}


FILTERS: list[tuple[str, Callable[[WebDriver], None], str]] = [
    ("idp_id", lambda b: Select(b.find_element(By.ID, "idp-picker")).select_by_value(OKTA_IDP), f"idp_id={OKTA_IDP}"),
    ("status", lambda b: b.find_element(By.ID, "f-status-FAILURE").click(), "status=FAILURE"),
    ("request_method", lambda b: b.find_element(By.ID, "f-request_method-PATCH").click(), "request_method=PATCH"),
    ("resource_type", lambda b: b.find_element(By.ID, "f-resource_type-GROUP").click(), "resource_type=GROUP"),
    (
        "resource_user_email",
        lambda b: b.find_element(By.ID, "f-resource_user_email-0").send_keys("radia.perlman@example.com"),
        "resource_user_email=radia.perlman%40example.com",
    ),
    (
        "resource_group_name",
        lambda b: b.find_element(By.ID, "f-resource_group_name-0").send_keys("Operations"),
        "resource_group_name=Operations",
    ),
    (
        "cf_resource_id",
        lambda b: b.find_element(By.ID, "f-cf_resource_id-0").send_keys("0cb1e29c-658c-4a14-95e6-0af593bd04cf"),
        "cf_resource_id=0cb1e29c-658c-4a14-95e6-0af593bd04cf",
    ),
    ("idp_resource_id", lambda b: b.find_element(By.ID, "f-idp_resource_id-0").send_keys("rperlman"), "idp_resource_id=rperlman"),
    ("since", lambda b: b.find_element(By.ID, "f-since").send_keys("2025-01-10T18:00:00Z"), "since=2025-01-10T18"),
    ("until", lambda b: b.find_element(By.ID, "f-until").send_keys("2025-01-01T06:00:00Z"), "until=2025-01-01T06"),
    ("direction", lambda b: Select(b.find_element(By.ID, "f-direction")).select_by_value("asc"), "direction=asc"),
    ("per_page", lambda b: (b.find_element(By.ID, "f-per_page").clear(), b.find_element(By.ID, "f-per_page").send_keys("7")), "per_page=7"),
    ("limit", lambda b: b.find_element(By.ID, "f-limit").send_keys("3"), "limit=3"),
]


@pytest.mark.parametrize("name,fill,in_url", FILTERS, ids=[f[0] for f in FILTERS])
def test_each_filter_gives_the_apis_rows(
    browser: WebDriver, server: MockServer, name: str, fill: Callable[[WebDriver], None], in_url: str
) -> None:
    open_page(browser, server, f"/__ui/logs?account_id={ACCOUNT_ID}")
    everything, newest_first = caption_total(browser), row_times(browser)
    fill(browser)
    submit_filters(browser)
    assert in_url in browser.current_url
    shown = row_times(browser)
    assert shown and shown == api_times(server, browser)
    if name == "direction":
        assert shown[0] < newest_first[-1]
    elif name == "per_page":
        assert len(shown) == 7
    else:
        assert caption_total(browser) < everything


def test_paging_follows_the_api(browser: WebDriver, server: MockServer) -> None:
    open_page(browser, server, f"/__ui/logs?account_id={ACCOUNT_ID}&per_page=10")
    browser.find_element(By.CSS_SELECTOR, "nav.pager a[rel=next]").click()
    wait(browser, lambda b: "page=2" in b.current_url)
    assert row_times(browser) == api_times(server, browser)


def test_detail_of_a_failure_log_with_a_non_json_body(browser: WebDriver, server: MockServer) -> None:
    body = b'<script>window.injected = 1</script>{"userName": "x@example.com"}}'
    scim(server, "POST", "/Users", raw=body)
    open_page(browser, server, f"/__ui/logs?account_id={ACCOUNT_ID}&status=FAILURE&idp_id={OKTA_IDP}")
    browser.find_element(By.CSS_SELECTOR, "#log-rows tr:first-child a").click()
    wait(browser, lambda b: b.find_elements(By.ID, "log-fields"))
    fields = dict(zip(
        [dt.text for dt in browser.find_elements(By.CSS_SELECTOR, "#log-fields dt")],
        [dd.text for dd in browser.find_elements(By.CSS_SELECTOR, "#log-fields dd")],
    ))
    assert list(fields)[:9] == COLUMNS
    assert fields["Outcome"].endswith("ERROR (API status: FAILURE)")
    assert fields["Error description"] != "none"
    assert browser.find_element(By.ID, "request-body").text == body.decode()
    assert browser.find_element(By.ID, "body-raw-note").is_displayed()
    assert browser.execute_script("return window.injected") is None
    row = json.loads(browser.find_element(By.ID, "log-json").text)
    assert row["status"] == "FAILURE" and row["request_body"] == body.decode()
    replay = json.loads(browser.find_element(By.ID, "log-replay").text)
    assert replay["method"] == "POST" and replay["body"] == body.decode() and replay["status"] == "FAILURE"


def lifecycle(server: MockServer, email: str) -> str:
    user = scim(server, "POST", "/Users", {"schemas": [USER_SCHEMA], "userName": email,
                                           "name": {"givenName": "Lin", "familyName": "Chen"},
                                           "emails": [{"value": email, "primary": True}],
                                           "externalId": "00u-" + email, "active": True})
    uid = user["id"]
    scim(server, "PATCH", f"/Users/{uid}", {"schemas": [PATCH_SCHEMA], "Operations": [
        {"op": "replace", "path": "displayName", "value": "Lin Chen"}]})
    scim(server, "POST", "/Groups", {"schemas": [GROUP_SCHEMA], "displayName": "Platform " + email,
                                     "members": [{"value": uid}]})
    scim(server, "PATCH", f"/Users/{uid}", {"schemas": [PATCH_SCHEMA], "Operations": [
        {"op": "replace", "path": "active", "value": False}]})
    return uid


def test_a_users_history_after_create_patch_group_add_deactivate(browser: WebDriver, server: MockServer) -> None:
    uid = lifecycle(server, "lin.chen@example.com")
    open_page(browser, server, f"/__ui/users/{uid}?account_id={ACCOUNT_ID}&idp_id={OKTA_IDP}")
    entries = browser.find_elements(By.CSS_SELECTOR, "#history-entries > li")
    headings = [li.find_element(By.TAG_NAME, "h3").text.split(" · ")[0] for li in entries]
    assert headings == ["Written by PATCH USER", "Written by POST GROUP", "Written by PATCH USER", "Written by POST USER"]
    diffs = [[d.get_attribute("data-path") for d in li.find_elements(By.CSS_SELECTOR, ".diff > li")] for li in entries]
    assert diffs[0] == ["active"]
    assert any(path.startswith("groups") for path in diffs[1])
    assert diffs[2] == ["displayName"]
    assert browser.find_element(By.ID, "active").text == "no"
    identity = json.loads(browser.find_element(By.ID, "identity-json").text)
    group = "Platform lin.chen@example.com"
    assert identity["active"] is False and [g["display"] for g in identity["groups"]] == [group]
    assert [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#references a")] == [group]
    if os.environ.get("DASHBOARD_SCREENSHOTS"):
        README_IMAGES.mkdir(parents=True, exist_ok=True)
        browser.set_window_size(1300, 1700)
        browser.execute_script("document.querySelector('#history-entries details').open = true;"
                               "document.getElementById('history').scrollIntoView()")
        browser.save_screenshot(str(README_IMAGES / "dashboard-user-history.png"))
        open_page(browser, server, f"/__ui/logs?account_id={ACCOUNT_ID}&per_page=12")
        browser.set_window_size(1300, 1200)
        browser.save_screenshot(str(README_IMAGES / "dashboard-logs.png"))
        browser.set_window_size(1400, 1000)


def live_status(browser: WebDriver) -> str:
    return browser.find_element(By.ID, "live-status").text


def test_a_row_appears_live_after_a_scim_post(browser: WebDriver, server: MockServer) -> None:
    open_page(browser, server, f"/__ui/logs?account_id={ACCOUNT_ID}")
    wait(browser, lambda b: "following new logs" in live_status(b))
    scim(server, "POST", "/Users", {"schemas": [USER_SCHEMA], "userName": "live.one@example.com"})
    wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "#log-rows tr:first-child td:nth-child(4)").text
         == "live.one@example.com")
    assert "1 new log." in live_status(browser)
    assert browser.find_element(By.ID, "live-status").get_attribute("aria-live") == "polite"
    first = browser.find_element(By.CSS_SELECTOR, "#log-rows tr:first-child")
    assert first.find_element(By.CSS_SELECTOR, ".outcome").text == "SUCCESS"
    assert first.find_element(By.TAG_NAME, "a").get_attribute("href").startswith(server.url + "/__ui/logs/")


def test_polling_takes_over_when_no_stream_can_be_had(browser: WebDriver) -> None:
    capped = start_server(["--max-live-tails", "0"])
    try:
        open_page(browser, capped, f"/__ui/logs?account_id={ACCOUNT_ID}")
        wait(browser, lambda b: "every 2 seconds" in live_status(b))
        scim(capped, "POST", "/Users", {"schemas": [USER_SCHEMA], "userName": "polled@example.com"})
        wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "#log-rows tr:first-child td:nth-child(4)").text
             == "polled@example.com")
    finally:
        browser.get("about:blank")
        capped.stop()


def test_an_admin_reset_reloads_the_open_page(browser: WebDriver, server: MockServer) -> None:
    open_page(browser, server, f"/__ui/logs?account_id={ACCOUNT_ID}")
    wait(browser, lambda b: "following new logs" in live_status(b))
    browser.execute_script("window.beforeReset = true")
    assert http(server.url + "/__admin/reset", method="POST", body=b"").status == 200
    wait(browser, lambda b: b.execute_script("return window.beforeReset") is None)
    wait(browser, lambda b: caption_total(b) == 48)


@pytest.mark.parametrize("page", ["a user's page", "the users page", "a log's page"])
def test_an_admin_reset_reloads_the_other_pages_too(browser: WebDriver, server: MockServer, page: str) -> None:
    open_page(browser, server, f"/__ui/users?idp_id={OKTA_IDP}")
    if page == "a user's page":
        browser.find_element(By.CSS_SELECTOR, "#resources tbody a").click()
    elif page == "a log's page":
        open_page(browser, server, "/__ui/logs/1")
    wait(browser, lambda b: b.find_element(By.ID, "main").get_attribute("data-reload-ready") is not None)
    browser.execute_script("window.beforeReset = true")
    assert http(server.url + "/__admin/reset", method="POST", body=b"").status == 200
    wait(browser, lambda b: b.execute_script("return window.beforeReset") is None)
    assert browser.find_elements(By.TAG_NAME, "h1")


def test_pause_holds_new_rows_until_resume(browser: WebDriver, server: MockServer) -> None:
    open_page(browser, server, f"/__ui/logs?account_id={ACCOUNT_ID}")
    wait(browser, lambda b: "Live:" in live_status(b) and "connecting" not in live_status(b))
    toggle = browser.find_element(By.ID, "live-toggle")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true" and toggle.text == "Resume live updates"
    scim(server, "POST", "/Users", {"schemas": [USER_SCHEMA], "userName": "paused.one@example.com"})
    wait(browser, lambda b: "1 log waits" in live_status(b))
    emails = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#log-rows td:nth-child(4)")]
    assert "paused.one@example.com" not in emails
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    first = browser.find_element(By.CSS_SELECTOR, "#log-rows tr:first-child td:nth-child(4)")
    assert first.text == "paused.one@example.com"


def test_keyboard_focus_order(browser: WebDriver, server: MockServer) -> None:
    open_page(browser, server, f"/__ui/logs?account_id={ACCOUNT_ID}")
    order = []
    for _ in range(9):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused = browser.switch_to.active_element
        order.append(focused.get_attribute("id") or focused.text)
    assert order == [
        "Skip to content", "SCIM provisioning logs", "Users", "Groups", "Request journal", "OpenAPI document",
        "f-account_id", "idp-picker", "f-status-FAILURE"
    ]
    outline = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    first_row_link = browser.find_element(By.CSS_SELECTOR, "#log-rows a")
    first_row_link.send_keys(Keys.ENTER)
    wait(browser, lambda b: b.find_elements(By.ID, "log-fields"))


def network_answers(browser: WebDriver) -> list[tuple[str, int]]:
    """(URL, status) of every response Chromium received since the last call, from its performance log."""
    events = [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]
    return [(event["params"]["response"]["url"], event["params"]["response"]["status"]) for event in events
            if event["method"] == "Network.responseReceived"]


def page_icon(browser: WebDriver) -> list[Any]:
    """The page's `<link rel="icon">` and what fetching it from the page answers: [href, status, content type]."""
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const link = document.querySelector('link[rel=icon]');"
        "if (!link) { done([null, 0, null]); return; }"
        "fetch(link.href).then(r => done([link.href, r.status, r.headers.get('content-type')]),"
        " e => done([link.href, 0, String(e)]));")


def test_no_console_errors_and_no_failed_request_on_a_first_visit(browser: WebDriver) -> None:
    """On a server of its own, an origin this browser has not seen: Chromium asks for an origin's icon on
    its first page only, and remembers a 404, so the missing icon's console error went to whichever test
    opened the module server first and was cleared before this one looked. Every page names an icon that
    is served; no response of the whole visit, the icon's included, is an error."""
    fresh = start_server()
    try:
        browser.get_log("browser")
        network_answers(browser)
        uid = lifecycle(fresh, "console.check@example.com")
        for path in [f"/__ui/logs?account_id={ACCOUNT_ID}", "/__ui/logs/1", f"/__ui/users?idp_id={OKTA_IDP}",
                     f"/__ui/users/{uid}?idp_id={OKTA_IDP}", f"/__ui/groups?idp_id={OKTA_IDP}", "/__ui/login"]:
            open_page(browser, fresh, path)
            assert page_icon(browser) == [fresh.url + "/__ui/assets/favicon.svg", 200, "image/svg+xml"], path
            time.sleep(0.3)
        problems = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
        answers = network_answers(browser)
        assert problems == []
        assert [(url, status) for url, status in answers if status >= 400] == []
        assert (fresh.url + "/__ui/assets/favicon.svg", 200) in answers
    finally:
        browser.get("about:blank")
        fresh.stop()


def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def axe_violations(browser: WebDriver, rules: list[str] | None = None) -> list[tuple[str, str, list[Any]]]:
    """axe-core's serious and critical violations on the open page (only `rules` when given)."""
    browser.execute_script(axe_source())
    browser.set_script_timeout(30)
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done(r.violations), e => done(String(e)));", options
    )
    assert isinstance(result, list), result
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result
            if v["impact"] in ("serious", "critical")]


def test_dark_and_light_schemes_follow_the_system_with_enough_contrast(browser: WebDriver, server: MockServer) -> None:
    backgrounds = {}
    try:
        for scheme in ["light", "dark"]:
            browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                    {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            open_page(browser, server, f"/__ui/logs?account_id={ACCOUNT_ID}&status=FAILURE&per_page=5")
            backgrounds[scheme] = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
            assert axe_violations(browser, ["color-contrast"]) == [], scheme
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert backgrounds["light"] != backgrounds["dark"]


@pytest.mark.parametrize(
    "path", ["/__ui/logs", "/__ui/logs/48", f"/__ui/users?idp_id={OKTA_IDP}", "a user's page", "/__ui/login"]
)
def test_accessibility_scan_finds_no_serious_violation(browser: WebDriver, server: MockServer, path: str) -> None:
    if path == "a user's page":
        open_page(browser, server, f"/__ui/users?idp_id={OKTA_IDP}")
        path = browser.find_element(By.CSS_SELECTOR, "#resources tbody a").get_attribute("href")[len(server.url):]
    open_page(browser, server, path)
    assert axe_violations(browser) == []


def test_the_user_page_for_a_user_after_delete_keeps_its_history(browser: WebDriver, server: MockServer) -> None:
    user = scim(server, "POST", "/Users", {"schemas": [USER_SCHEMA], "userName": "gone@example.com"})
    scim(server, "DELETE", f"/Users/{user['id']}")
    open_page(browser, server, f"/__ui/users/{urllib.parse.quote(user['id'])}?idp_id={OKTA_IDP}")
    assert browser.find_element(By.ID, "deleted").is_displayed()
    changes = [li.get_attribute("data-change") for li in browser.find_elements(By.CSS_SELECTOR, "#history-entries > li")]
    assert changes == ["DELETED", "WRITTEN"]


def test_with_an_admin_token_the_login_opens_the_pages_and_the_admin_links(browser: WebDriver) -> None:
    """The login form, then the dashboard's links to the request journal and the OpenAPI document: the
    session cookie opens the admin API's GETs, so they show in the browser without a bearer header."""
    guarded = start_server(["--admin-token", "browser-token"])
    try:
        browser.get_log("browser")
        open_page(browser, guarded, f"/__ui/logs?account_id={ACCOUNT_ID}")
        assert "/__ui/login" in browser.current_url
        browser.find_element(By.ID, "token").send_keys("browser-token")
        browser.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
        wait(browser, lambda b: b.find_elements(By.ID, "logs"))
        for text, key in [("Request journal", "requests"), ("OpenAPI document", "openapi")]:
            browser.find_element(By.LINK_TEXT, text).click()
            wait(browser, lambda b: "/__admin/" in b.current_url)
            assert key in json.loads(browser.find_element(By.TAG_NAME, "pre").text)
            browser.back()
            wait(browser, lambda b: b.find_elements(By.ID, "logs"))
        problems = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
        assert problems == []
    finally:
        browser.delete_all_cookies()
        browser.get("about:blank")
        guarded.stop()
