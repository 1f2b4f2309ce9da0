import Foundation
import HTTPServer
import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

@Suite struct AdminRoutesTests {
    let app: MockApplication
    let fixture = FixtureSource.bytes(Array(defaultFixtureText.utf8), name: "default.json")

    init() throws {
        let store = try Store()
        let clock = MockClock(frozenAt: MockClock.deterministicStart)
        app = MockApplication(store: store, clock: clock, ids: IDGenerator(seed: 7), startupFixtures: [fixture])
        try app.fixtureLoader.load([fixture], into: store)
    }

    private func admin(
        _ method: String, _ target: String, _ body: String = "", app: MockApplication? = nil,
        token: String? = nil
    ) throws -> (status: Int, body: [UInt8], json: JSONObject) {
        var headers = HTTPHeaders()
        if let token { headers.add("Authorization", "Bearer \(token)") }
        let response = (app ?? self.app).handle(
            HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8)))
        let body = wholeBody(response) ?? []
        return (response.status, body, (try? JSONReader.parse(body).objectValue) ?? JSONObject())
    }

    @Test func healthCountsWhatIsLoaded() throws {
        let health = try admin("GET", "/__admin/health")
        #expect(health.status == 200)
        #expect(health.json["status"] == .string("ready"))
        #expect(health.json["users"] == .number("12"))
    }

    @Test func resetGoesBackToTheStartupFixturesOrToNothing() throws {
        _ = try scim(app, "DELETE", "/scim/v2/Users/bd97ef8d-7986-43e3-9ee0-c25dda33e4b0")
        #expect(try admin("GET", "/__admin/health").json["users"] == .number("11"))
        #expect(try admin("POST", "/__admin/reset").json["users"] == .number("12"))
        #expect(try admin("POST", "/__admin/reset?empty=true").json["accounts"] == .number("0"))
        #expect(try admin("GET", "/__admin/reset").status == 405)
    }

    @Test func aBadFixtureChangesNothingAndNamesThePath() throws {
        let before = try admin("GET", "/__admin/state").body
        let bad =
            #"{"accounts":[{"id":"new","identity_providers":[{"id":"i","name":"n","users":[{"userName":"a"},{"userName":7}]}]}]}"#
        let answer = try admin("POST", "/__admin/fixtures", bad)
        #expect(answer.status == 400)
        #expect(answer.json["path"] == .string("$.accounts[0].identity_providers[0].users[1].userName"))
        #expect(try admin("GET", "/__admin/state").body == before)
        let good = #"{"accounts":[{"id":"new","identity_providers":[{"id":"i","name":"n","users":[{"userName":"a"}]}]}]}"#
        #expect(try admin("POST", "/__admin/fixtures", good).json["accounts"] == .number("2"))
    }

    @Test func stateLoadsBackToTheSameState() throws {
        let john = "bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"
        _ = try scim(
            app, "PATCH", "/scim/v2/Users/\(john)",
            #"{"schemas":["\#(patchURN)"],"Operations":[{"op":"replace","path":"active","value":false}]}"#)
        _ = try scim(
            app, "POST", "/scim/v2/Groups",
            #"{"schemas":["\#(groupURN)"],"displayName":"Round","members":[{"value":"\#(john)","display":"J"}]}"#)
        _ = try scim(app, "POST", "/scim/v2/Users", "{}}")
        let state = try admin("GET", "/__admin/state").body
        #expect(try admin("POST", "/__admin/reset?empty=true").status == 200)
        #expect(try admin("POST", "/__admin/fixtures", String(decoding: state, as: UTF8.self)).status == 200)
        #expect(try admin("GET", "/__admin/state").body == state)
        #expect(try scim(app, "GET", "/scim/v2/Users/\(john)").headers["ETag"] == "W/\"2\"")
    }

    @Test func deletingAnAccountRestoresItsStartupStateOnly() throws {
        _ = try admin("POST", "/__admin/fixtures", #"{"accounts":[{"id":"other","identity_providers":[{"id":"o","name":"O"}]}]}"#)
        _ = try scim(app, "DELETE", "/scim/v2/Users/bd97ef8d-7986-43e3-9ee0-c25dda33e4b0")
        #expect(try admin("DELETE", "/__admin/accounts/\(account)").json["users"] == .number("12"))
        #expect(try admin("GET", "/__admin/health").json["accounts"] == .number("2"))
        #expect(try admin("DELETE", "/__admin/accounts/other").json["accounts"] == .number("1"))
    }

    @Test func clockCanBeSetAndAdvancedAndStampsWrites() throws {
        #expect(
            try admin("POST", "/__admin/clock", #"{"set":"2030-05-01T12:00:00Z"}"#).json["now"]
                == .string("2030-05-01T12:00:00.000000Z"))
        #expect(try admin("POST", "/__admin/clock", #"{"advance":1.5}"#).json["now"] == .string("2030-05-01T12:00:01.500000Z"))
        let created = try scim(app, "POST", "/scim/v2/Users", #"{"schemas":["\#(userURN)"],"userName":"clock@x"}"#)
        #expect(created.json["meta"]?.objectValue?["created"] == .string("2030-05-01T12:00:01.500Z"))
        let log = try #require(try updateLogs(app, since: "2030-01-01T00:00:00Z").last)
        #expect(log.string("logged_at") == "2030-05-01T12:00:01.500000Z")
        #expect(try admin("POST", "/__admin/clock", #"{"advance":-1}"#).status == 400)
        #expect(try admin("POST", "/__admin/clock", #"{"frozen":false}"#).json["frozen"] == .bool(false))
    }

    @Test func advancingPastTheLastWritableInstantIsRefusedAndChangesNothing() throws {
        _ = try admin("POST", "/__admin/clock", #"{"set":"9999-12-31T00:00:00Z"}"#)
        let refused = try admin("POST", "/__admin/clock", #"{"advance":86400}"#)
        #expect(refused.status == 400)
        #expect(refused.json["error"] == .string("advancing by 86400 seconds would move the clock past 9999-12-31T23:59:59.999Z"))
        #expect(try admin("GET", "/__admin/clock").json["now"] == .string("9999-12-31T00:00:00.000000Z"))
        for _ in 0..<4 { _ = try admin("POST", "/__admin/clock", #"{"advance":3100000000}"#) }
        #expect(try admin("GET", "/__admin/clock").json["now"] == .string("9999-12-31T00:00:00.000000Z"))
    }

    @Test func secretsFollowFixtureLoadsAndResets() throws {
        #expect(try scim(app, "GET", "/scim/v2/Users", secret: "fresh-secret").status == 401)
        _ = try admin(
            "POST", "/__admin/fixtures",
            #"{"accounts":[{"id":"n","identity_providers":[{"id":"ni","name":"N","scim_secrets":["fresh-secret"]}]}]}"#)
        #expect(try scim(app, "GET", "/scim/v2/Users", secret: "fresh-secret").status == 200)
        _ = try admin("POST", "/__admin/reset")
        #expect(try scim(app, "GET", "/scim/v2/Users", secret: "fresh-secret").status == 401)
    }

    @Test func adminTokenGuardsTheAdminAPI() throws {
        let guarded = MockApplication(store: app.store, adminToken: "s3cret")
        #expect(try admin("GET", "/__admin/health", app: guarded).status == 401)
        #expect(try admin("GET", "/__admin/health", app: guarded, token: "s3cret").status == 200)
        #expect(try admin("GET", "/__admin/nothing", app: guarded, token: "s3cret").status == 404)
    }
}

@Suite struct DeterminismTests {
    /// Runs the same requests against a fresh deterministic application and returns every response body.
    private func run() throws -> [[UInt8]] {
        let store = try Store()
        let fixture = FixtureSource.bytes(Array(defaultFixtureText.utf8), name: "default.json")
        let app = MockApplication(
            store: store, clock: MockClock(frozenAt: MockClock.deterministicStart), ids: IDGenerator(seed: 42))
        try app.fixtureLoader.load([fixture], into: store)
        var bodies: [[UInt8]] = []
        func send(_ method: String, _ target: String, _ body: String = "") {
            var headers = HTTPHeaders([("Authorization", "Bearer okta-scim-secret"), ("Host", "127.0.0.1:4010")])
            if !body.isEmpty { headers.add("Content-Type", "application/scim+json") }
            let response = app.handle(HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8)))
            bodies.append(wholeBody(response) ?? [])
        }
        send("POST", "/scim/v2/Users", #"{"schemas":["\#(userURN)"],"userName":"d@x","emails":[{"value":"d@x"}]}"#)
        send("POST", "/scim/v2/Groups", #"{"schemas":["\#(groupURN)"],"displayName":"Det"}"#)
        send("GET", "/scim/v2/Users?filter=userName%20eq%20%22d%40x%22")
        send("GET", "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)&per_page=5")
        send("GET", "/__admin/state")
        return bodies
    }

    @Test func twoRunsGiveByteIdenticalResponses() throws {
        let first = try run()
        let second = try run()
        #expect(first == second)
        #expect(String(decoding: first[0], as: UTF8.self).contains("\"created\":\"2025-01-01T00:00:00Z\""))
    }

    @Test func differentSeedsGiveDifferentIds() {
        #expect(IDGenerator(seed: 1).next() != IDGenerator(seed: 2).next())
        let generator = IDGenerator(seed: 1)
        let first = generator.next()
        generator.reset()
        #expect(generator.next() == first)
    }
}
