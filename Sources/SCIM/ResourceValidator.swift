import JSON

/// A reason a resource does not fit its schema, with the path to the offending value relative to the
/// resource (`emails[0].primary`), so callers can prefix their own location.
public struct ValidationIssue: Error, Sendable, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Checks a resource's JSON against a schema: known attributes only (extension URNs aside), the right
/// JSON type for each, required attributes present.
public struct ResourceValidator: Sendable {
    public let schema: SCIMSchema
    /// Extension schemas that are validated when present; other `urn:` keys must just be objects.
    public let extensions: [SCIMSchema]

    public init(schema: SCIMSchema, extensions: [SCIMSchema] = []) {
        self.schema = schema
        self.extensions = extensions
    }

    public func validate(_ resource: JSONObject) throws(ValidationIssue) {
        for attribute in schema.attributes where attribute.required {
            guard let value = resource.value(forAttribute: attribute.name), !value.isNull else {
                throw ValidationIssue(path: attribute.name, reason: "required attribute is missing")
            }
        }
        for (key, value) in resource.entries {
            if key.lowercased().hasPrefix("urn:") {
                guard let object = value.objectValue else {
                    throw ValidationIssue(path: key, reason: "expected an object for schema extension, found \(value.typeName)")
                }
                if let ext = extensions.first(where: { $0.id.caseInsensitiveEquals(key) }) {
                    try validateAttributes(object, ext.attributes, prefix: key + ".")
                }
                continue
            }
            guard let attribute = schema.attribute(key) else {
                throw ValidationIssue(path: key, reason: "unknown attribute for schema \(schema.name)")
            }
            try check(value, attribute, path: key)
        }
    }

    private func validateAttributes(_ object: JSONObject, _ attributes: [SCIMAttribute], prefix: String) throws(ValidationIssue) {
        for (key, value) in object.entries {
            guard let attribute = attributes.first(where: { $0.name.caseInsensitiveEquals(key) }) else {
                throw ValidationIssue(path: prefix + key, reason: "unknown attribute")
            }
            try check(value, attribute, path: prefix + key)
        }
    }

    private func check(_ value: JSONValue, _ attribute: SCIMAttribute, path: String) throws(ValidationIssue) {
        if value.isNull { return }
        if attribute.multiValued {
            guard let items = value.arrayValue else {
                throw ValidationIssue(path: path, reason: "expected an array, found \(value.typeName)")
            }
            for (i, item) in items.enumerated() {
                try checkSingle(item, attribute, path: "\(path)[\(i)]")
            }
        } else {
            try checkSingle(value, attribute, path: path)
        }
    }

    private func checkSingle(_ value: JSONValue, _ attribute: SCIMAttribute, path: String) throws(ValidationIssue) {
        let ok: Bool
        switch (attribute.kind, value) {
        case (.string, .string), (.reference, .string), (.binary, .string): ok = true
        case (.boolean, .bool): ok = true
        case (.integer, .number(let n)): ok = Int(n) != nil
        case (.decimal, .number): ok = true
        case (.dateTime, .string(let s)):
            guard Timestamp(rfc3339: s) != nil else {
                throw ValidationIssue(path: path, reason: "expected an RFC 3339 date-time, found \"\(s)\"")
            }
            ok = true
        case (.complex, .object(let object)):
            try validateAttributes(object, attribute.subAttributes, prefix: path + ".")
            ok = true
        default: ok = false
        }
        guard ok else {
            throw ValidationIssue(path: path, reason: "expected \(attribute.kind.expectedValue), found \(value.typeName)")
        }
    }

}
