import JSON
import SCIM
import Services

/// The SCIM bodies as JSON Schema, the resources generated from the `SCIMSchema` definitions the
/// server validates with, so the document cannot promise an attribute the server does not know.
enum SCIMComponents {
    static let contentTypes = ["application/scim+json", "application/json"]

    static var entries: [(String, BodySchema)] {
        [
            (SCIMSchema.user.name, scim("SCIMUser", resource(.user, extensions: [.enterpriseUser]))),
            (SCIMSchema.group.name, scim("SCIMGroup", resource(.group))),
            ("User input", scim("SCIMUserInput", input(.user, extensions: [.enterpriseUser]))),
            ("Group input", scim("SCIMGroupInput", input(.group))),
            ("ListResponse", scim("SCIMListResponse", listResponse)),
            ("PatchOp", scim("SCIMPatchOp", patchOp)),
            ("SearchRequest", scim("SCIMSearchRequest", searchRequest)),
            ("BulkRequest", scim("SCIMBulkRequest", JSONSchema.properties([("schemas", strings)]))),
            ("Error", scim("SCIMError", error)),
            ("ServiceProviderConfig", scim("SCIMServiceProviderConfig", document)),
            ("ResourceType", scim("SCIMResourceType", document)),
            ("Schema", scim("SCIMSchema", document)),
        ]
    }

    private static func scim(_ component: String, _ schema: JSONValue) -> BodySchema {
        .json(component, schema, contentTypes: contentTypes)
    }

    private static let strings = JSONSchema.array(JSONSchema.string())

    /// A `schemas` array that must list `urn`, as the server checks.
    static func listing(_ urn: String) -> JSONValue {
        JSONSchema.object([
            ("type", .string("array")), ("items", JSONSchema.string()), ("contains", JSONSchema.constant(.string(urn))),
        ])
    }

    /// A string matching one of `words` in any letter case (ECMA regexes have no case-insensitive flag).
    static func anyCase(_ words: [String]) -> JSONValue {
        let alternatives = words.map { word in word.map { "[\($0.lowercased())\($0.uppercased())]" }.joined() }
        return JSONSchema.object([
            ("type", .string("string")), ("pattern", .string("^(" + alternatives.joined(separator: "|") + ")$")),
        ])
    }

    /// A resource as answered: every attribute but the write-only ones. Only `schemas` and `id` are
    /// required, since `attributes`/`excludedAttributes` may leave out any other.
    static func resource(_ schema: SCIMSchema, extensions: [SCIMSchema] = []) -> JSONValue {
        let own = schema.attributes.filter { $0.mutability != .writeOnly }.map { ($0.name, attribute($0)) }
        let extended = extensions.map { ($0.id, JSONSchema.properties($0.attributes.map { ($0.name, attribute($0)) })) }
        return JSONSchema.properties(own + extended, required: ["schemas", "id"])
    }

    /// A resource as sent in POST and PUT: what a client may write (an attribute the schema does not
    /// define is refused), and the schema's required attributes, which must not be empty.
    static func input(_ schema: SCIMSchema, extensions: [SCIMSchema] = []) -> JSONValue {
        let writable = schema.attributes.filter { $0.mutability != .readOnly }.map { a in
            (a.name, a.required && a.kind == .string ? JSONSchema.string(minLength: 1) : attribute(a))
        }
        let extended = extensions.map { ($0.id, JSONSchema.properties($0.attributes.map { ($0.name, attribute($0)) })) }
        let required = ["schemas"] + schema.attributes.filter(\.required).map(\.name)
        return JSONSchema.properties(
            [("schemas", listing(schema.id))] + writable.filter { $0.0 != "schemas" } + extended, required: required,
            closed: true)
    }

    /// One attribute (RFC 7643 §2.3): its type, an array when multi-valued, sub-attributes as properties.
    static func attribute(_ a: SCIMAttribute) -> JSONValue {
        let single: JSONValue =
            switch a.kind {
            case .string, .reference, .binary: JSONSchema.string()
            case .boolean: JSONSchema.boolean
            case .dateTime: JSONSchema.string(format: "date-time")
            case .integer: JSONSchema.integer()
            case .decimal: JSONSchema.object([("type", .string("number"))])
            case .complex: JSONSchema.properties(a.subAttributes.map { ($0.name, attribute($0)) })
            }
        return a.multiValued ? JSONSchema.array(single) : single
    }

    static let listResponse = JSONSchema.properties(
        [
            ("schemas", strings), ("totalResults", JSONSchema.integer(minimum: 0)),
            ("startIndex", JSONSchema.integer(minimum: 1)), ("itemsPerPage", JSONSchema.integer(minimum: 0)),
            ("Resources", JSONSchema.array(JSONSchema.properties([("schemas", strings)], required: ["schemas"]))),
        ], required: ["schemas", "totalResults"])

    /// RFC 7644 §3.5.2; `op` is case-insensitive as sent by Azure AD, hence a string.
    static let patchOp = JSONSchema.properties(
        [
            ("schemas", listing(PatchRequest.patchOpURN)),
            (
                "Operations",
                JSONSchema.array(
                    JSONSchema.properties(
                        [
                            (
                                "op",
                                JSONSchema.describing(
                                    anyCase(["add", "remove", "replace"]), "add, remove or replace, in any case")
                            ),
                            ("path", JSONSchema.string()), ("value", JSONSchema.any),
                        ], required: ["op"]))
            ),
        ], required: ["schemas", "Operations"])

    /// RFC 7644 §3.4.3.
    static let searchRequest = JSONSchema.properties(
        [
            ("schemas", listing(SCIMListQuery.searchRequestURN)), ("attributes", strings), ("excludedAttributes", strings),
            ("filter", JSONSchema.string()), ("sortBy", JSONSchema.string()),
            ("sortOrder", JSONSchema.enumeration(["ascending", "descending"])),
            ("startIndex", JSONSchema.integer()), ("count", JSONSchema.integer()),
        ], required: ["schemas"])

    /// RFC 7644 §3.12.
    static let error = JSONSchema.properties(
        [
            ("schemas", strings), ("status", JSONSchema.string()), ("scimType", JSONSchema.string()),
            ("detail", JSONSchema.string()),
        ], required: ["schemas", "status"])

    /// Discovery documents (RFC 7643 §5–7): `schemas`, `meta` and the document's own keys.
    static let document = JSONSchema.properties([("schemas", strings)], required: ["schemas"])
}
