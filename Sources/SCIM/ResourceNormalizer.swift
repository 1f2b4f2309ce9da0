import JSON

/// Turns a resource as an IdP sends it (POST or PUT body) into what is stored: explicit nulls dropped
/// (Entra sends them for unset attributes), "True"/"False" strings read as booleans, read-only
/// attributes ignored (Okta echoes `id` and `meta` on PUT), then checked against the schema.
public struct ResourceNormalizer: Sendable {
    public let schema: SCIMSchema
    public let extensions: [SCIMSchema]

    public init(schema: SCIMSchema, extensions: [SCIMSchema] = []) {
        self.schema = schema
        self.extensions = extensions
    }

    public static let user = ResourceNormalizer(schema: .user, extensions: [.enterpriseUser])
    public static let group = ResourceNormalizer(schema: .group)

    public func normalize(_ input: JSONObject) throws(SCIMError) -> JSONObject {
        var output = JSONObject()
        for (key, value) in input.entries {
            if value.isNull { continue }
            if key.lowercased().hasPrefix("urn:") {
                if let ext = extensions.first(where: { $0.id.caseInsensitiveEquals(key) }), let object = value.objectValue {
                    output.entries.append((key, .object(coerce(object, ext.attributes))))
                } else {
                    output.entries.append((key, value))
                }
                continue
            }
            if let attribute = schema.attribute(key) {
                if attribute.mutability == .readOnly { continue }
                output.entries.append((key, coerce(value, attribute)))
            } else {
                output.entries.append((key, value))
            }
        }
        do {
            try ResourceValidator(schema: schema, extensions: extensions).validate(output)
        } catch {
            throw .invalidValue("\(error.path): \(error.reason)")
        }
        for attribute in schema.attributes where attribute.required {
            if output.value(forAttribute: attribute.name)?.stringValue?.isEmpty == true {
                throw .invalidValue("\(attribute.name): must not be empty")
            }
        }
        return output
    }

    /// With `droppingUnknown`, keys that are not among `attributes` are left out instead of kept for the
    /// validator to refuse.
    private func coerce(_ object: JSONObject, _ attributes: [SCIMAttribute], droppingUnknown: Bool = false) -> JSONObject {
        var out = JSONObject()
        for (key, value) in object.entries where !value.isNull {
            if let attribute = attributes.first(where: { $0.name.caseInsensitiveEquals(key) }) {
                out.entries.append((key, coerce(value, attribute)))
            } else if !droppingUnknown {
                out.entries.append((key, value))
            }
        }
        return out
    }

    /// Applies the lenient readings to one value of `attribute`.
    public func coerce(_ value: JSONValue, _ attribute: SCIMAttribute) -> JSONValue {
        switch (attribute.kind, value) {
        case (.boolean, .string(let text)) where text.caseInsensitiveEquals("true"): return .bool(true)
        case (.boolean, .string(let text)) where text.caseInsensitiveEquals("false"): return .bool(false)
        case (.complex, .object(let object)): return .object(coerce(object, attribute.subAttributes))
        case (.complex, .array(let items)) where attribute.multiValued:
            // IdPs put keys of their own beside `value` in such elements (a group member, an email): ignored.
            return .array(
                items.map { item in
                    item.objectValue.map { .object(coerce($0, attribute.subAttributes, droppingUnknown: true)) } ?? item
                })
        case (.complex, .array(let items)) where items.count == 1 && items[0].objectValue != nil:
            // Entra sends single-valued complex attributes (manager) as a one-element array.
            return .object(coerce(items[0].objectValue!, attribute.subAttributes))
        default: return value
        }
    }
}
