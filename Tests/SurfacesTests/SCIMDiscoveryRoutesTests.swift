import SCIM
import Services
import Store
import Surfaces
import TestSupport
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

@Suite struct SCIMRootSearchTests {
    let app: MockApplication
    init() throws { app = MockApplication(store: try makeStore()) }

    @Test func searchFromTheRootCoversUsersAndGroups() throws {
        let all = try scim(
            app, "POST", "/scim/v2/.search", #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"count":100}"#)
        #expect(all.status == 200)
        #expect(all.json["totalResults"] == .number("10"))
        let named = try scim(
            app, "POST", "/scim/v2/.search",
            #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"displayName sw \"john\" or displayName eq \"Engineering\"","attributes":["displayName"]}"#
        )
        #expect(named.resources.compactMap { $0["displayName"]?.stringValue }.sorted() == ["Engineering", "John Smith"])
        #expect(named.resources.allSatisfy { $0["meta"] == nil })
    }

    @Test func publishedSchemasFollowRFC7643() throws {
        let group = try scim(app, "GET", "/scim/v2/Schemas/\(groupURN)").json
        let attributes = group["attributes"]?.arrayValue?.compactMap(\.objectValue) ?? []
        #expect(!attributes.contains { $0["name"] == .string("id") })
        let members = try #require(attributes.first { $0["name"] == .string("members") })
        let ref = members["subAttributes"]?.arrayValue?.compactMap(\.objectValue).first { $0["name"] == .string("$ref") }
        #expect(ref?["referenceTypes"] == .array([.string("User"), .string("Group")]))
    }
}
