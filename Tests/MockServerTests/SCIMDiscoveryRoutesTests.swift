import MockServer
import SCIM
import Testing

@Suite struct SCIMDiscoveryRoutesTests {
    let app: MockApplication
    init() throws { app = MockApplication(store: try makeStore()) }

    @Test func serviceProviderConfigDescribesWhatIsSupported() throws {
        let config = try scim(app, "GET", "/scim/v2/ServiceProviderConfig").json
        #expect(config["patch"]?.objectValue?["supported"] == .bool(true))
        #expect(config["bulk"]?.objectValue?["supported"] == .bool(false))
        #expect(config["etag"]?.objectValue?["supported"] == .bool(true))
    }

    @Test func resourceTypesAndSchemasListAndResolve() throws {
        #expect(try scim(app, "GET", "/scim/v2/ResourceTypes").resources.count == 2)
        #expect(try scim(app, "GET", "/scim/v2/ResourceTypes/User").json["endpoint"] == .string("/Users"))
        #expect(try scim(app, "GET", "/scim/v2/Schemas").resources.count == 3)
        let user = try scim(app, "GET", "/populations/\(okta)/scim/v2/Schemas/\(userURN)").json
        #expect(user["attributes"]?.arrayValue?.contains { $0.objectValue?["name"] == .string("userName") } == true)
    }

    @Test func unknownIdsAre404AndWritesAre405() throws {
        #expect(try scim(app, "GET", "/scim/v2/Schemas/urn:nope").status == 404)
        #expect(try scim(app, "GET", "/scim/v2/ResourceTypes/Device").status == 404)
        let write = try scim(app, "POST", "/scim/v2/Schemas", "{}")
        #expect(write.status == 405)
        #expect(write.json["status"] == .string("405"))
        #expect(try scim(app, "GET", "/scim/v2/Nothing").json["status"] == .string("404"))
    }
}
