import JSON
import SCIM
import Services
import Store
import TestSupport
import Testing

/// A fresh store with the default fixture, the SCIM service over it, and Okta's tenant.
struct ServiceHarness {
    let store: Store
    let clock = MockClock(frozenAt: MockClock.deterministicStart)
    let ids = IDGenerator(seed: 1)
    let scim: SCIMService
    let context: SCIMContext

    init() throws {
        store = try makeStore()
        scim = SCIMService(store: store, clock: clock.now, newID: ids.next)
        let tenant = try #require(try store.tenant(forSecret: "okta-scim-secret"))
        context = SCIMContext(tenant: tenant, baseURL: "http://127.0.0.1:4010/scim/v2")
    }

    var admin: AdminService { AdminService(store: store, clock: clock, ids: ids, startupFixtures: []) }

    /// A SCIM write's input from JSON text.
    static func input(_ json: String, ifMatch: String? = nil) -> SCIMWriteInput {
        SCIMWriteInput(body: SCIMBody(bytes: Array(json.utf8), contentType: "application/scim+json"), ifMatch: ifMatch)
    }

    static func user(_ userName: String) -> SCIMWriteInput {
        input(#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"\#(userName)"}"#)
    }

    /// Creates a user and returns its id.
    func createUser(_ userName: String) throws -> String {
        let result = try scim.create(.user, context, Self.user(userName))
        return result.resource?["id"]?.stringValue ?? ""
    }
}
