/// A SCIM schema (RFC 7643 §7): the core User and Group schemas and the enterprise User extension.
public struct SCIMSchema: Sendable {
    public var id: String
    public var name: String
    public var attributes: [SCIMAttribute]

    public func attribute(_ name: String) -> SCIMAttribute? {
        attributes.first { $0.name.caseInsensitiveEquals(name) }
    }

    public static let userURN = "urn:ietf:params:scim:schemas:core:2.0:User"
    public static let groupURN = "urn:ietf:params:scim:schemas:core:2.0:Group"
    public static let enterpriseUserURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    static let common: [SCIMAttribute] = [
        SCIMAttribute("schemas", .reference, multiValued: true, caseExact: true),
        SCIMAttribute("id", caseExact: true, mutability: .readOnly),
        SCIMAttribute("externalId", caseExact: true),
        SCIMAttribute("meta", .complex, mutability: .readOnly, subAttributes: [
            SCIMAttribute("resourceType", mutability: .readOnly),
            SCIMAttribute("created", .dateTime, mutability: .readOnly),
            SCIMAttribute("lastModified", .dateTime, mutability: .readOnly),
            SCIMAttribute("location", .reference, mutability: .readOnly),
            SCIMAttribute("version", caseExact: true, mutability: .readOnly),
        ]),
    ]

    public static let user = SCIMSchema(id: userURN, name: "User", attributes: common + [
        SCIMAttribute("userName", required: true),
        SCIMAttribute("name", .complex, subAttributes: [
            SCIMAttribute("formatted"), SCIMAttribute("familyName"), SCIMAttribute("givenName"),
            SCIMAttribute("middleName"), SCIMAttribute("honorificPrefix"), SCIMAttribute("honorificSuffix"),
        ]),
        SCIMAttribute("displayName"), SCIMAttribute("nickName"), SCIMAttribute("profileUrl", .reference),
        SCIMAttribute("title"), SCIMAttribute("userType"), SCIMAttribute("preferredLanguage"),
        SCIMAttribute("locale"), SCIMAttribute("timezone"), SCIMAttribute("active", .boolean),
        SCIMAttribute("password", mutability: .writeOnly),
        .multiValuedComplex("emails"), .multiValuedComplex("phoneNumbers"), .multiValuedComplex("ims"),
        .multiValuedComplex("photos"),
        SCIMAttribute("addresses", .complex, multiValued: true, subAttributes: [
            SCIMAttribute("formatted"), SCIMAttribute("streetAddress"), SCIMAttribute("locality"),
            SCIMAttribute("region"), SCIMAttribute("postalCode"), SCIMAttribute("country"),
            SCIMAttribute("type"), SCIMAttribute("primary", .boolean),
        ]),
        .multiValuedComplex("groups", mutability: .readOnly),
        .multiValuedComplex("entitlements"), .multiValuedComplex("roles"),
        .multiValuedComplex("x509Certificates"),
    ])

    public static let group = SCIMSchema(id: groupURN, name: "Group", attributes: common + [
        SCIMAttribute("displayName", required: true),
        SCIMAttribute("members", .complex, multiValued: true, subAttributes: [
            SCIMAttribute("value", caseExact: true, mutability: .immutable),
            SCIMAttribute("display", mutability: .immutable),
            SCIMAttribute("$ref", .reference, mutability: .immutable),
            SCIMAttribute("type", mutability: .immutable),
        ]),
    ])

    public static let enterpriseUser = SCIMSchema(id: enterpriseUserURN, name: "EnterpriseUser", attributes: [
        SCIMAttribute("employeeNumber"), SCIMAttribute("costCenter"), SCIMAttribute("organization"),
        SCIMAttribute("division"), SCIMAttribute("department"),
        SCIMAttribute("manager", .complex, subAttributes: [
            SCIMAttribute("value"), SCIMAttribute("$ref", .reference),
            SCIMAttribute("displayName", mutability: .readOnly),
        ]),
    ])
}
