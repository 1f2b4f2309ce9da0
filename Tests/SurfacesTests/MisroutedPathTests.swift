import HTTPServer
import JSON
import Surfaces
import TestSupport
import Testing

/// Paths the public material gets wrong keep Cloudflare's 404 (7003), with a `messages` entry naming the
/// path meant; `POST /Bulk` is 501, as `ServiceProviderConfig` says bulk is not supported.
@Suite struct MisroutedPathTests {
    @Test(arguments: [
        ("/client/v4/accounts/\(account)/access/logs/scim", "/client/v4/accounts/\(account)/access/logs/scim/updates"),
        ("/accounts/\(account)/access/logs/scim/", "/accounts/\(account)/access/logs/scim/updates"),
        ("/client/v4/scim/v2/Users", "/scim/v2/Users"),
        ("/client/v4/accounts/\(account)/access/identity_providers/\(okta)/scim/v2/Groups", "/scim/v2/Groups"),
    ])
    func aKnownMistakeIs7003WithAHint(_ path: String, _ meant: String) throws {
        let (status, json) = try call(try Self.app(), path)
        #expect(status == 404)
        #expect(json.firstError?.int("code") == 7003)
        let messages = json["messages"]?.arrayValue?.compactMap(\.objectValue) ?? []
        #expect(messages.count == 1)
        #expect(messages.first?.int("code") == 7003)
        #expect(messages.first?.string("message")?.contains(meant) == true, "\(messages)")
    }

    @Test func anyOtherUnknownPathHasNoHint() throws {
        let (status, json) = try call(try Self.app(), "/client/v4/accounts/\(account)/access/nothing")
        #expect(status == 404 && json.firstError?.int("code") == 7003)
        #expect(json["messages"] == .array([]))
    }

    @Test(arguments: ["/scim/v2/Bulk", "/populations/\(okta)/scim/v2/Bulk"])
    func bulkIsNotImplemented(_ path: String) throws {
        let app = try Self.app()
        let logs = try updateLogs(app).count
        let answer = try scim(app, "POST", path, #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"]}"#)
        #expect(answer.status == 501)
        #expect(answer.json["detail"]?.stringValue?.contains("bulk operations are not supported") == true)
        #expect(try updateLogs(app).count == logs)
        #expect(try scim(app, "POST", path, "{}", secret: nil).status == 401)
    }

    private static func app() throws -> MockApplication { MockApplication(store: try makeStore()) }
}
