import JSON
import SCIM
import Testing

/// Fixtures and shorthands shared by the PATCH suites, so each test reads as resource, body, result.
enum PatchFixture {
    static let enterpriseURN = SCIMSchema.enterpriseUserURN
    static let userEngine = PatchEngine(schema: .user, extensions: [.enterpriseUser])
    static let groupEngine = PatchEngine(schema: .group, extensions: [])

    static var user: JSONObject {
        object(
            #"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"ann@example.com",
             "name":{"givenName":"Ann","familyName":"Lee"},"active":true,
             "emails":[{"value":"ann@example.com","type":"work","primary":true}],
             "meta":{"resourceType":"User","created":"2024-01-01T00:00:00Z","lastModified":"2024-01-01T00:00:00Z"}}
            """#)
    }

    static var group: JSONObject {
        object(
            #"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g1","displayName":"Eng",
             "members":[{"value":"u1","display":"Ann"},{"value":"u2"}],
             "meta":{"resourceType":"Group","created":"2024-01-01T00:00:00Z","lastModified":"2024-01-01T00:00:00Z"}}
            """#)
    }

    /// Parses a JSON object literal written in a test; a typo in a fixture is a test bug, so it traps.
    static func object(_ json: String) -> JSONObject {
        guard let object = try? JSONReader.parse(json).objectValue else {
            preconditionFailure("fixture is not a JSON object: \(json)")
        }
        return object
    }

    static func value(_ json: String) -> JSONValue {
        guard let value = try? JSONReader.parse(json) else { preconditionFailure("fixture is not JSON: \(json)") }
        return value
    }

    /// A PatchOp body around the given `Operations` array text.
    static func body(_ operations: String) -> JSONObject {
        object(#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":"# + operations + "}")
    }

    /// Parses `operations` as a PatchOp body and applies it to `resource`.
    static func patch(_ resource: JSONObject, _ operations: String, engine: PatchEngine = userEngine) throws(SCIMError)
        -> JSONObject
    {
        try engine.apply(try PatchRequest.parse(body(operations)), to: resource)
    }

    /// The error a patch throws, or nil when it succeeds.
    static func failure(_ resource: JSONObject, _ operations: String, engine: PatchEngine = userEngine) -> SCIMError? {
        do {
            _ = try patch(resource, operations, engine: engine)
            return nil
        } catch {
            return error
        }
    }
}

extension JSONObject {
    /// The value under nested object keys (`at("name", "givenName")`), for terse expectations.
    func at(_ keys: String...) -> JSONValue? {
        var current: JSONValue? = .object(self)
        for key in keys {
            current = current?.objectValue?[key]
        }
        return current
    }
}
