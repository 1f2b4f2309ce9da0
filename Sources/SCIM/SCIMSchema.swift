import JSON

/// A SCIM schema (RFC 7643 §7): the core User and Group schemas and the enterprise User extension.
public struct SCIMSchema: Sendable {
    public var id: String
    public var name: String
    public var attributes: [SCIMAttribute]

    /// The attributes `/Schemas` publishes: the schema's own, without the common ones.
    public var publishedAttributes: [SCIMAttribute] {
        attributes.filter { a in !Self.common.contains { $0.name == a.name } }
    }

    public func attribute(_ name: String) -> SCIMAttribute? {
        attributes.first { $0.name.caseInsensitiveEquals(name) }
    }

    public static let userURN = "urn:ietf:params:scim:schemas:core:2.0:User"
    public static let groupURN = "urn:ietf:params:scim:schemas:core:2.0:Group"
    public static let enterpriseUserURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    /// Attributes every resource has (RFC 7643 §3.1); `/Schemas` leaves them out, as the RFC's examples do.
    static let common: [SCIMAttribute] = [
        SCIMAttribute("schemas", .reference, multiValued: true, caseExact: true, referenceTypes: ["uri"]),
        SCIMAttribute("id", caseExact: true, mutability: .readOnly),
        SCIMAttribute("externalId", caseExact: true),
        SCIMAttribute(
            "meta", .complex, mutability: .readOnly,
            subAttributes: [
                SCIMAttribute("resourceType", mutability: .readOnly),
                SCIMAttribute("created", .dateTime, mutability: .readOnly),
                SCIMAttribute("lastModified", .dateTime, mutability: .readOnly),
                SCIMAttribute("location", .reference, mutability: .readOnly, referenceTypes: ["uri"]),
                SCIMAttribute("version", caseExact: true, mutability: .readOnly),
            ]),
    ]

    public static let user = SCIMSchema(
        id: userURN, name: "User",
        attributes: common + [
            SCIMAttribute("userName", required: true),
            SCIMAttribute(
                "name", .complex,
                subAttributes: [
                    SCIMAttribute("formatted"), SCIMAttribute("familyName"), SCIMAttribute("givenName"),
                    SCIMAttribute("middleName"), SCIMAttribute("honorificPrefix"), SCIMAttribute("honorificSuffix"),
                ]),
            SCIMAttribute("displayName"), SCIMAttribute("nickName"),
            SCIMAttribute("profileUrl", .reference, referenceTypes: ["external"]),
            SCIMAttribute("title"), SCIMAttribute("userType"), SCIMAttribute("preferredLanguage"),
            SCIMAttribute("locale"), SCIMAttribute("timezone"), SCIMAttribute("active", .boolean),
            SCIMAttribute("password", mutability: .writeOnly),
            .multiValuedComplex("emails"), .multiValuedComplex("phoneNumbers"), .multiValuedComplex("ims"),
            .multiValuedComplex("photos", value: SCIMAttribute("value", .reference, referenceTypes: ["external"])),
            SCIMAttribute(
                "addresses", .complex, multiValued: true,
                subAttributes: [
                    SCIMAttribute("formatted"), SCIMAttribute("streetAddress"), SCIMAttribute("locality"),
                    SCIMAttribute("region"), SCIMAttribute("postalCode"), SCIMAttribute("country"),
                    SCIMAttribute("type"), SCIMAttribute("primary", .boolean),
                ]),
            SCIMAttribute(
                "groups", .complex, multiValued: true, mutability: .readOnly,
                subAttributes: [
                    SCIMAttribute("value", mutability: .readOnly),
                    SCIMAttribute("$ref", .reference, mutability: .readOnly, referenceTypes: ["User", "Group"]),
                    SCIMAttribute("display", mutability: .readOnly),
                    SCIMAttribute("type", mutability: .readOnly, canonicalValues: ["direct", "indirect"]),
                ]),
            .multiValuedComplex("entitlements"), .multiValuedComplex("roles"),
            .multiValuedComplex("x509Certificates", value: SCIMAttribute("value", .binary)),
        ])

    public static let group = SCIMSchema(
        id: groupURN, name: "Group",
        attributes: common + [
            SCIMAttribute("displayName", required: true),
            SCIMAttribute(
                "members", .complex, multiValued: true,
                subAttributes: [
                    SCIMAttribute("value", caseExact: true, mutability: .immutable),
                    SCIMAttribute("display", mutability: .immutable),
                    SCIMAttribute("$ref", .reference, mutability: .immutable, referenceTypes: ["User", "Group"]),
                    SCIMAttribute("type", mutability: .immutable, canonicalValues: ["User", "Group"]),
                ]),
        ])

    public static let enterpriseUser = SCIMSchema(
        id: enterpriseUserURN, name: "EnterpriseUser",
        attributes: [
            SCIMAttribute("employeeNumber"), SCIMAttribute("costCenter"), SCIMAttribute("organization"),
            SCIMAttribute("division"), SCIMAttribute("department"),
            SCIMAttribute(
                "manager", .complex,
                subAttributes: [
                    SCIMAttribute("value"), SCIMAttribute("$ref", .reference, referenceTypes: ["User"]),
                    SCIMAttribute("displayName", mutability: .readOnly),
                ]),
        ])
}
