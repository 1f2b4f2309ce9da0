import JSON

/// The discovery documents (RFC 7644 §4, RFC 7643 §5–7), generated from the same schema definitions
/// that validate requests, so they describe exactly what the endpoint supports.
public enum SCIMDiscovery {
    public static let listResponseURN = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    public static let maxResults = 1000

    public static func serviceProviderConfig(baseURL: String) -> JSONObject {
        func supported(_ flag: Bool) -> JSONValue { .object(JSONObject([("supported", .bool(flag))])) }
        return JSONObject([
            ("schemas", .array([.string("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig")])),
            ("documentationUri", .string("https://developers.cloudflare.com/cloudflare-one/identity/users/scim/")),
            ("patch", supported(true)),
            (
                "bulk",
                .object(
                    JSONObject([("supported", .bool(false)), ("maxOperations", .number("0")), ("maxPayloadSize", .number("0"))]))
            ),
            ("filter", .object(JSONObject([("supported", .bool(true)), ("maxResults", .number(String(maxResults)))]))),
            ("changePassword", supported(false)),
            ("sort", supported(true)),
            ("etag", supported(true)),
            (
                "authenticationSchemes",
                .array([
                    .object(
                        JSONObject([
                            ("type", .string("oauthbearertoken")),
                            ("name", .string("OAuth Bearer Token")),
                            (
                                "description",
                                .string("The identity provider's SCIM secret, sent as Authorization: Bearer <secret>.")
                            ),
                            ("primary", .bool(true)),
                        ]))
                ])
            ),
            (
                "meta",
                .object(
                    JSONObject([
                        ("resourceType", .string("ServiceProviderConfig")),
                        ("location", .string(baseURL + "/ServiceProviderConfig")),
                    ]))
            ),
        ])
    }

    public static func resourceTypes(baseURL: String) -> [JSONObject] {
        [
            resourceType(
                "User", endpoint: "/Users", schema: SCIMSchema.userURN, extensions: [SCIMSchema.enterpriseUserURN],
                baseURL: baseURL),
            resourceType("Group", endpoint: "/Groups", schema: SCIMSchema.groupURN, extensions: [], baseURL: baseURL),
        ]
    }

    private static func resourceType(_ name: String, endpoint: String, schema: String, extensions: [String], baseURL: String)
        -> JSONObject
    {
        JSONObject([
            ("schemas", .array([.string("urn:ietf:params:scim:schemas:core:2.0:ResourceType")])),
            ("id", .string(name)),
            ("name", .string(name)),
            ("endpoint", .string(endpoint)),
            ("description", .string(name)),
            ("schema", .string(schema)),
            (
                "schemaExtensions",
                .array(extensions.map { .object(JSONObject([("schema", .string($0)), ("required", .bool(false))])) })
            ),
            (
                "meta",
                .object(
                    JSONObject([
                        ("resourceType", .string("ResourceType")), ("location", .string("\(baseURL)/ResourceTypes/\(name)")),
                    ]))
            ),
        ])
    }

    public static let schemas: [SCIMSchema] = [.user, .group, .enterpriseUser]

    public static func schema(_ schema: SCIMSchema, baseURL: String) -> JSONObject {
        JSONObject([
            ("schemas", .array([.string("urn:ietf:params:scim:schemas:core:2.0:Schema")])),
            ("id", .string(schema.id)),
            ("name", .string(schema.name)),
            ("description", .string("\(schema.name) as scim-mock stores it")),
            ("attributes", .array(schema.publishedAttributes.map { .object(attribute($0)) })),
            (
                "meta",
                .object(
                    JSONObject([("resourceType", .string("Schema")), ("location", .string("\(baseURL)/Schemas/\(schema.id)"))]))
            ),
        ])
    }

    private static func attribute(_ a: SCIMAttribute) -> JSONObject {
        var o = JSONObject([
            ("name", .string(a.name)),
            ("type", .string(typeName(a.kind))),
            ("multiValued", .bool(a.multiValued)),
            ("description", .string(a.name)),
            ("required", .bool(a.required)),
            ("caseExact", .bool(a.caseExact)),
            ("mutability", .string(a.mutability.rawValue)),
            ("returned", .string(returned(a))),
            ("uniqueness", .string(a.name == "userName" || a.name == "id" ? "server" : "none")),
        ])
        if a.kind == .complex { o["subAttributes"] = .array(a.subAttributes.map { .object(attribute($0)) }) }
        if a.kind == .reference { o["referenceTypes"] = .array(a.referenceTypes.map { .string($0) }) }
        if !a.canonicalValues.isEmpty { o["canonicalValues"] = .array(a.canonicalValues.map { .string($0) }) }
        return o
    }

    private static func returned(_ a: SCIMAttribute) -> String {
        if a.mutability == .writeOnly { return "never" }
        if a.name == "id" || a.name == "schemas" { return "always" }
        return "default"
    }

    private static func typeName(_ kind: SCIMAttribute.Kind) -> String {
        switch kind {
        case .string: "string"
        case .boolean: "boolean"
        case .dateTime: "dateTime"
        case .reference: "reference"
        case .integer: "integer"
        case .decimal: "decimal"
        case .binary: "binary"
        case .complex: "complex"
        }
    }

    /// A ListResponse around already-rendered resources.
    public static func listResponse(_ resources: [JSONObject], total: Int, startIndex: Int) -> JSONObject {
        JSONObject([
            ("schemas", .array([.string(listResponseURN)])),
            ("totalResults", .number(String(total))),
            ("startIndex", .number(String(startIndex))),
            ("itemsPerPage", .number(String(resources.count))),
            ("Resources", .array(resources.map { .object($0) })),
        ])
    }
}
