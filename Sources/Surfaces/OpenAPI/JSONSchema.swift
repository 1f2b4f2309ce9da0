import JSON

/// Small builders for the JSON Schema (2020-12, as OpenAPI 3.1 uses it) and OpenAPI objects the
/// document is made of, so each component reads as its shape.
enum JSONSchema {
    static func object(_ entries: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(entries)) }

    static func string(format: String? = nil, minLength: Int? = nil, maxLength: Int? = nil) -> JSONValue {
        var o = JSONObject([("type", .string("string"))])
        if let minLength { o["minLength"] = .number(String(minLength)) }
        if let format { o["format"] = .string(format) }
        if let maxLength { o["maxLength"] = .number(String(maxLength)) }
        return .object(o)
    }

    static let boolean = object([("type", .string("boolean"))])
    static let null = object([("type", .string("null"))])
    /// Any JSON value.
    static let any = object([])

    static func integer(minimum: Int? = nil, maximum: Int? = nil) -> JSONValue {
        var o = JSONObject([("type", .string("integer"))])
        if let minimum { o["minimum"] = .number(String(minimum)) }
        if let maximum { o["maximum"] = .number(String(maximum)) }
        return .object(o)
    }

    static func enumeration(_ values: [String]) -> JSONValue {
        object([("type", .string("string")), ("enum", .array(values.map { .string($0) }))])
    }

    /// A single allowed value (`success: true`).
    static func constant(_ value: JSONValue) -> JSONValue { object([("const", value)]) }

    static func array(_ items: JSONValue, maxItems: Int? = nil) -> JSONValue {
        var o = JSONObject([("type", .string("array")), ("items", items)])
        if let maxItems { o["maxItems"] = .number(String(maxItems)) }
        return .object(o)
    }

    /// An object with these properties; those in `required` must be present, others are allowed unless `closed`.
    static func properties(
        _ properties: [(String, JSONValue)], required: [String] = [], closed: Bool = false, minProperties: Int? = nil
    ) -> JSONValue {
        var o = JSONObject([("type", .string("object"))])
        if !properties.isEmpty { o["properties"] = object(properties) }
        if !required.isEmpty { o["required"] = .array(required.map { .string($0) }) }
        if closed { o["additionalProperties"] = .bool(false) }
        if let minProperties { o["minProperties"] = .number(String(minProperties)) }
        return .object(o)
    }

    static func ref(_ component: String) -> JSONValue { object([("$ref", .string("#/components/schemas/\(component)"))]) }

    static func describing(_ schema: JSONValue, _ description: String) -> JSONValue {
        guard var o = schema.objectValue else { return schema }
        o["description"] = .string(description)
        return .object(o)
    }
}
