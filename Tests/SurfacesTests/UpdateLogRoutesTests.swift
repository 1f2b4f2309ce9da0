import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

@Suite struct UpdateLogRoutesTests {
    let app: MockApplication
    init() throws { app = MockApplication(store: try makeStore()) }

    private func logs(_ query: String) throws -> (status: Int, json: JSONObject) {
        try call(
            app, "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)" + (query.isEmpty ? "" : "&" + query))
    }

    @Test func envelopeHasEveryKey() throws {
        let (status, json) = try logs("")
        #expect(status == 200)
        #expect(json.keys == ["success", "errors", "messages", "result", "result_info"])
        #expect(json["success"] == .bool(true))
        #expect(json.resultInfo.keys == ["count", "page", "per_page", "total_count", "total_pages"])
        #expect(json.resultInfo.int("per_page") == 20)
        #expect(json.resultInfo.int("total_count") == 24)
        #expect(json.resultInfo.int("total_pages") == 2)
        // Cloudflare's order; a field without a value is left out, never null.
        let order = [
            "cf_resource_id", "error_description", "idp_id", "idp_resource_id", "logged_at", "request_body",
            "request_method", "resource_group_name", "resource_type", "resource_user_email", "status",
        ]
        #expect(!json.result.isEmpty)
        for log in json.result {
            #expect(log.keys == order.filter(log.keys.contains))
            #expect(Set(["idp_id", "logged_at", "request_method", "resource_type", "status"]).isSubset(of: log.keys))
            #expect(!log.entries.contains { $0.value == .null })
        }
    }

    @Test func bareAccountsPathServesTheSame() throws {
        let a = try call(app, "/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)")
        let b = try logs("")
        #expect(a.status == 200)
        #expect(a.json == b.json)
    }

    @Test func defaultOrderIsNewestFirstAndAscReverses() throws {
        let desc = try logs("per_page=100").json.result.compactMap { $0.string("logged_at") }
        let asc = try logs("per_page=100&direction=asc").json.result.compactMap { $0.string("logged_at") }
        #expect(desc.count == 24)
        #expect(desc == desc.sorted(by: >))
        #expect(asc == desc.reversed())
    }

    @Test func pageZeroIsPageOne() throws {
        #expect(try logs("page=0").json == logs("page=1").json.replacingPage(1))
    }

    @Test func pagePastTheEndIsAnEmptyResultWithInfo() throws {
        let json = try logs("page=9&per_page=10").json
        #expect(json["result"] == .array([]))
        #expect(json.resultInfo.int("count") == 0)
        #expect(json.resultInfo.int("page") == 9)
        #expect(json.resultInfo.int("total_count") == 24)
        #expect(json.resultInfo.int("total_pages") == 3)
    }

    @Test func lastPartialPage() throws {
        let info = try logs("page=3&per_page=10").json.resultInfo
        #expect(info.int("count") == 4)
    }

    @Test func perPageOverTheMaximumIs400NamingIt() throws {
        let (status, json) = try logs("per_page=1001")
        #expect(status == 400)
        #expect(json.firstError?.int("code") == 1001)
        #expect(json.firstError?.string("message")?.contains("'per_page'") == true)
        #expect(json["result"] == .null)
        #expect(json["success"] == .bool(false))
        #expect(try logs("per_page=1000").status == 200)
    }

    @Test func limitCapsRowsAcrossPages() throws {
        let first = try logs("limit=7&per_page=5").json
        #expect(first.result.count == 5)
        #expect(first.resultInfo.int("total_count") == 7)
        #expect(first.resultInfo.int("total_pages") == 2)
        #expect(try logs("limit=7&per_page=5&page=2").json.result.count == 2)
        #expect(try logs("limit=7&per_page=5&page=3").json.result.count == 0)
        #expect(try logs("limit=3").json.result.count == 3)
    }

    @Test func eachEnumFilterNarrows() throws {
        let failures = try logs("status=FAILURE&per_page=100").json.result
        #expect(failures.count == 8)
        #expect(failures.allSatisfy { $0.string("status") == "FAILURE" })
        let groupDeletes = try logs("resource_type=GROUP&request_method=DELETE&per_page=100").json.result
        #expect(groupDeletes.count == 2)
        let both = try logs("status=FAILURE&status=SUCCESS&per_page=100").json.result
        #expect(both.count == 24)
    }

    @Test func stringFiltersMatch() throws {
        let john = "bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"
        #expect(try logs("cf_resource_id=\(john)").json.result.count == 4)
        #expect(try logs("idp_resource_id=john_smith").json.result.count == 4)
        #expect(try logs("resource_user_email=JOHN.SMITH%40example.com").json.result.count == 4)
        #expect(try logs("resource_group_name=ALL%20EMPLOYEES").json.result.count == 4)
        #expect(try logs("resource_group_name=ALL+EMPLOYEES&resource_group_name=Contractors").json.result.count == 7)
    }

    @Test func sinceAndUntilAreInclusive() throws {
        let all = try logs("per_page=100&direction=asc").json.result.compactMap { $0.string("logged_at") }
        let since = all[5]
        let until = all[10]
        let page = try logs("per_page=100&direction=asc&since=\(since)&until=\(until)").json.result
        #expect(page.compactMap { $0.string("logged_at") } == Array(all[5...10]))
    }

    @Test func formDecodedPlusInAnOffsetIsRead() throws {
        let strict = try logs("since=2025-01-01T12:00:00%2B02:00").json.resultInfo.int("total_count")
        let lenient = try logs("since=2025-01-01T12:00:00+02:00").json.resultInfo.int("total_count")
        #expect(strict == lenient)
        #expect(strict != 24)
    }

    @Test func severalIdPsUnionAndUnknownOnesMatchNothing() throws {
        let both = try call(app, "/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)&idp_id=\(entra)").json
        #expect(both.resultInfo.int("total_count") == 48)
        let unknown = try call(app, "/accounts/\(account)/access/logs/scim/updates?idp_id=nope").json
        #expect(unknown.resultInfo.int("total_count") == 0)
        let otherAccount = try call(app, "/accounts/other/access/logs/scim/updates?idp_id=\(okta)").json
        #expect(otherAccount.resultInfo.int("total_count") == 0)
    }

    @Test(arguments: [
        ("", "idp_id"), ("idp_id=x&status=success", "status"), ("idp_id=x&direction=up", "direction"),
        ("idp_id=x&since=yesterday", "since"), ("idp_id=x&page=two", "page"), ("idp_id=x&limit=0", "limit"),
        ("idp_id=x&resource_type=USERS", "resource_type"), ("idp_id=x&request_method=GET", "request_method"),
        ("idp_id=x&page=-1", "page"), ("idp_id=x&per_page=0", "per_page"), ("idp_id=x&page=1&page=2", "page"),
        ("idp_id=x&since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z", "since"),
    ])
    func badParametersAre400NamingTheParameter(query: String, name: String) throws {
        let (status, json) = try call(app, "/accounts/\(account)/access/logs/scim/updates?\(query)")
        #expect(status == 400)
        #expect(json.firstError?.string("message")?.contains("'\(name)'") == true, "\(json)")
    }

    @Test func accountIDOver32CharactersIs400() throws {
        let (status, json) = try call(app, "/accounts/\(String(repeating: "a", count: 33))/access/logs/scim/updates?idp_id=x")
        #expect(status == 400)
        #expect(json.firstError?.string("message")?.contains("account_id") == true)
    }
}

extension JSONObject {
    /// The same answer as if it had been asked for `page`.
    func replacingPage(_ page: Int) -> JSONObject {
        var copy = self
        var info = resultInfo
        info["page"] = .number(String(page))
        copy["result_info"] = .object(info)
        return copy
    }
}
