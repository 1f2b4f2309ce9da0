import HTTPServer
import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

@Suite struct AuthAndRoutingTests {
    let store: Store
    init() throws { store = try makeStore() }

    private var path: String { "/client/v4/accounts/\(account)/access/identity_providers/\(okta)/scim/groups" }

    private func status(_ headers: [(String, String)], auth: AuthPolicy = AuthPolicy()) throws -> (Int, JSONObject) {
        let (status, json) = try call(MockApplication(store: store, auth: auth), path, headers: headers)
        return (status, json.firstError ?? JSONObject())
    }

    @Test func missingCredentialsIs9106() throws {
        let (s, e) = try status([])
        #expect(s == 400)
        #expect(e.int("code") == 9106)
        #expect(e.string("message") == "Missing X-Auth-Key, X-Auth-Email or Authorization headers")
    }

    @Test func bearerWithoutTokenIs6003With6111() throws {
        let (s, e) = try status([("Authorization", "Bearer")])
        #expect(s == 400)
        #expect(e.int("code") == 6003)
        #expect(e["error_chain"]?.arrayValue?.first?.objectValue?.int("code") == 6111)
    }

    @Test func emailWithoutAtIs6003With6102() throws {
        let (_, e) = try status([("X-Auth-Email", "nobody"), ("X-Auth-Key", "k")])
        #expect(e.int("code") == 6003)
        #expect(e["error_chain"]?.arrayValue?.first?.objectValue?.int("code") == 6102)
    }

    @Test func anyWellFormedCredentialsPassByDefault() throws {
        #expect(try status([("Authorization", "Bearer whatever")]).0 == 200)
        #expect(try status([("X-Auth-Email", "a@b.c"), ("X-Auth-Key", "144c9defac04969c7bfad8efaa8ea194")]).0 == 200)
    }

    @Test func pinnedTokenRejectsOthersWith10000() throws {
        let pinned = AuthPolicy(apiTokens: ["good"])
        #expect(try status([("Authorization", "Bearer good")], auth: pinned).0 == 200)
        let (s, e) = try status([("Authorization", "Bearer bad")], auth: pinned)
        #expect(s == 403)
        #expect(e.int("code") == 10000)
        #expect(try status([("X-Auth-Email", "a@b.c"), ("X-Auth-Key", "k")], auth: pinned).0 == 403)
    }

    @Test func pinnedKeyAndEmail() throws {
        let pinned = AuthPolicy(apiKey: "k", apiEmail: "me@x.com")
        #expect(try status([("X-Auth-Email", "ME@x.com"), ("X-Auth-Key", "k")], auth: pinned).0 == 200)
        #expect(try status([("X-Auth-Email", "me@x.com"), ("X-Auth-Key", "other")], auth: pinned).0 == 403)
        #expect(try status([("Authorization", "Bearer t")], auth: pinned).0 == 403)
    }

    @Test func unknownPathIs404With7003() throws {
        let (s, json) = try call(MockApplication(store: store), "/client/v4/accounts/\(account)/access/nothing")
        #expect(s == 404)
        #expect(json.firstError?.int("code") == 7003)
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let app = MockApplication(store: store)
        let response = app.handle(
            HTTPRequest(method: "DELETE", target: path, headers: HTTPHeaders([("Authorization", "Bearer t")])))
        #expect(response.status == 405)
        #expect(response.headers["Allow"]?.contains("GET") == true)
        #expect(response.headers["Content-Type"] == "application/json")
    }
}
