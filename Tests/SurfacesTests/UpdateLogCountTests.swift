import HTTPServer
import JSON
import SCIM
import SQLite
import Services
import Surfaces
import TestSupport
import Testing

@testable import Store

/// `total_count` of update logs comes from counters the write transaction keeps (when only IdP and enum
/// filters are given): after every kind of write they must equal COUNT(*) for every combination of filters.
@Suite struct UpdateLogCountTests {
    let store: Store
    let app: MockApplication
    let fixtures = [
        FixtureSource.bytes(Array(defaultFixtureText.utf8), name: "default.json"),
        FixtureSource.bytes(UpdateLogCountTests.otherAccount, name: "other.json"),
    ]

    /// A second account, so a reset of one is seen not to touch the other's counts.
    static let otherAccount: [UInt8] = {
        var generator = FixtureGenerator()
        generator.accountID = "other"
        generator.identityProviders = 2
        generator.users = 20
        generator.groups = 4
        generator.updateLogs = 300
        return generator.generate()
    }()

    init() throws {
        store = try Store()
        app = MockApplication(store: store, startupFixtures: fixtures)
        try app.fixtureLoader.load(fixtures, into: store)
    }

    private func admin(_ method: String, _ target: String, _ body: String = "") -> Int {
        app.handle(HTTPRequest(method: method, target: target, headers: HTTPHeaders(), body: Array(body.utf8))).status
    }

    @Test func fixtureLoadCountsAreExact() throws {
        #expect(try store.counts().logs == 48 + 300)
        try expectExactLogCounts(app)
    }

    @Test func successfulAndFailedSCIMWritesKeepCountsExact() throws {
        let user = #"{"schemas":["\#(userURN)"],"userName":"count.me@example.com"}"#
        let created = try scim(app, "POST", "/scim/v2/Users", user)
        #expect(created.status == 201)
        #expect(try scim(app, "POST", "/scim/v2/Users", user).status == 409)
        #expect(try scim(app, "POST", "/scim/v2/Users", "{}}").status == 400)
        #expect(try scim(app, "PUT", "/scim/v2/Users/\(created.id)", "{}}").status == 400)
        let patch = #"{"schemas":["\#(patchURN)"],"Operations":[{"op":"replace","path":"active","value":false}]}"#
        #expect(try scim(app, "PATCH", "/scim/v2/Users/\(created.id)", patch).status == 200)
        #expect(try scim(app, "POST", "/scim/v2/Groups", #"{"schemas":["\#(groupURN)"],"displayName":"Counted"}"#).status == 201)
        #expect(try scim(app, "DELETE", "/scim/v2/Users/\(created.id)", secret: "entra-scim-secret").status == 404)
        #expect(try scim(app, "DELETE", "/scim/v2/Users/\(created.id)").status == 204)
        #expect(try store.counts().logs == 348 + 8)
        try expectExactLogCounts(app)
    }

    @Test func aLoadThatFailsChangesNoCount() throws {
        let before = try store.counts().logs
        let bad =
            #"{"accounts":[{"id":"third","identity_providers":[{"id":"i3","name":"n","type":"okta","#
            + #""update_logs":[{"logged_at":"2025-01-01T00:00:00Z","request_method":"POST","#
            + #""resource_type":"USER","status":"SUCCESS"}],"#
            + #""users":[{"userName":"a"},{"userName":"a"}]}]}]}"#
        #expect(admin("POST", "/__admin/fixtures", bad) == 400)
        #expect(try store.counts().logs == before)
        try expectExactLogCounts(app)
    }

    @Test func addedFixturesKeepCountsExact() throws {
        #expect(admin("POST", "/__admin/reset?empty=true") == 200)
        #expect(admin("POST", "/__admin/fixtures", defaultFixtureText) == 200)
        try expectExactLogCounts(app)
        #expect(admin("POST", "/__admin/fixtures", String(decoding: Self.otherAccount, as: UTF8.self)) == 200)
        #expect(try store.counts().logs == 348)
        try expectExactLogCounts(app)
    }

    @Test func accountResetRecountsThatAccountOnly() throws {
        let user = #"{"schemas":["\#(userURN)"],"userName":"gone@example.com"}"#
        #expect(try scim(app, "POST", "/scim/v2/Users", user).status == 201)
        #expect(try scim(app, "POST", "/scim/v2/Users", "{}}", secret: "load-secret-1").status == 400)
        #expect(try store.counts().logs == 350)
        #expect(admin("DELETE", "/__admin/accounts/\(account)") == 200)
        #expect(try store.counts().logs == 349)
        try expectExactLogCounts(app)
        #expect(admin("DELETE", "/__admin/accounts/other") == 200)
        #expect(try store.counts().logs == 348)
        try expectExactLogCounts(app)
    }

    @Test func resetRecountsAndAnEmptyResetLeavesNoCounter() throws {
        #expect(try scim(app, "POST", "/scim/v2/Users", #"{"schemas":["\#(userURN)"],"userName":"x@example.com"}"#).status == 201)
        #expect(admin("POST", "/__admin/reset") == 200)
        #expect(try store.counts().logs == 348)
        try expectExactLogCounts(app)
        #expect(admin("POST", "/__admin/reset?empty=true") == 200)
        #expect(try store.counts().logs == 0)
        #expect(try integerRows(store, "SELECT COUNT(*) FROM update_log_counts") == [[0]])
        try expectExactLogCounts(app)
    }

    /// Which path answers: skewing the counters shows in the enum-filtered totals and not in the others.
    @Test func countersAnswerOnlyIdPAndEnumFilters() throws {
        try store.write {
            try $0.execute("UPDATE update_log_counts SET n = n + 1000"); return ((), .fixturesLoaded)
        }
        let base = "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)"
        func total(_ query: String) throws -> Int? { try call(app, base + query).json.resultInfo.int("total_count") }
        #expect(try total("")! > 1000)
        #expect(try total("&status=SUCCESS&resource_type=USER&request_method=POST&request_method=PUT")! > 1000)
        #expect(try total("&since=1970-01-01T00:00:00Z")! < 1000)
        #expect(try total("&until=2100-01-01T00:00:00Z")! < 1000)
        #expect(try total("&resource_user_email=john.smith@example.com")! < 1000)
    }
}

/// Every row of `sql`, each column read as an integer.
func integerRows(_ store: Store, _ sql: String) throws -> [[Int]] {
    try store.read { state in try state.connection.statement(sql).query { row in (0..<row.columnCount).map { row.int($0) } } }
}

/// The counters against the rows, table-wide, and `total_count` of the counter path against the COUNT(*)
/// path (forced by a `since` that excludes nothing) for each IdP alone, each account's IdPs together,
/// and every combination of enum filters, single and several values.
func expectExactLogCounts(_ app: MockApplication, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let store = app.store
    let grouped = "SELECT idp_pk, request_method, resource_type, status, COUNT(*) FROM update_logs GROUP BY 1, 2, 3, 4"
    let kept = "SELECT idp_pk, request_method, resource_type, status, n FROM update_log_counts WHERE n != 0 ORDER BY 1, 2, 3, 4"
    let logs = try integerRows(store, grouped + " ORDER BY 1, 2, 3, 4")
    let counters = try integerRows(store, kept)
    let idps = try store.read { state in
        try state.connection.statement("SELECT account_id, id FROM identity_providers").query { row in
            (account: row.string(0) ?? "", id: row.string(1) ?? "")
        }
    }
    #expect(logs == counters, "counters differ from the rows", sourceLocation: sourceLocation)
    #expect(try [[store.counts().logs]] == integerRows(store, "SELECT COUNT(*) FROM update_logs"), sourceLocation: sourceLocation)
    let byAccount = Dictionary(grouping: idps, by: \.account).mapValues { $0.map(\.id) }
    for (account, ids) in byAccount {
        for selection in ids.map({ [$0] }) + [ids] {
            try expectFilterTotals(app, account: account, idps: selection, sourceLocation: sourceLocation)
        }
    }
}

private func expectFilterTotals(_ app: MockApplication, account: String, idps: [String], sourceLocation: SourceLocation) throws {
    let methods: [[String]] = [[], ["DELETE"], ["PATCH"], ["POST"], ["PUT"], ["POST", "PUT"]]
    let types: [[String]] = [[], ["USER"], ["GROUP"], ["USER", "GROUP"]]
    let statuses: [[String]] = [[], ["FAILURE"], ["SUCCESS"], ["FAILURE", "SUCCESS"]]
    let base = "/client/v4/accounts/\(account)/access/logs/scim/updates?per_page=1" + idps.map { "&idp_id=\($0)" }.joined()
    for m in methods {
        for t in types {
            for s in statuses {
                let filters = m.map { "&request_method=\($0)" } + t.map { "&resource_type=\($0)" } + s.map { "&status=\($0)" }
                let target = base + filters.joined()
                let counted = try call(app, target).json.resultInfo.int("total_count")
                let scanned = try call(app, target + "&since=1970-01-01T00:00:00Z").json.resultInfo.int("total_count")
                #expect(counted != nil && counted == scanned, "\(target)", sourceLocation: sourceLocation)
            }
        }
    }
}
