import JSON

/// A declared `RouteParameter` as an OpenAPI parameter object. Repeatable parameters are arrays sent
/// as repeated keys (`style: form, explode: true`), as Cloudflare describes its list filters.
enum OpenAPIParameters {
    static func parameter(_ p: RouteParameter) -> JSONValue {
        var o = JSONObject([
            ("name", .string(p.name)), ("in", .string(p.location.rawValue)), ("description", .string(p.summary)),
            ("required", .bool(p.required)),
        ])
        if p.repeatable {
            o["style"] = .string("form")
            o["explode"] = .bool(true)
            o["schema"] = JSONSchema.array(schema(p.kind), maxItems: p.maxCount)
        } else {
            o["schema"] = schema(p.kind)
        }
        return .object(o)
    }

    static func schema(_ kind: RouteParameter.Kind) -> JSONValue {
        switch kind {
        case .string(let maxLength): JSONSchema.string(maxLength: maxLength)
        case .integer(let min, let max): JSONSchema.integer(minimum: min, maximum: max)
        case .enumeration(let values): JSONSchema.enumeration(values)
        case .dateTime: JSONSchema.string(format: "date-time")
        case .boolean: JSONSchema.boolean
        }
    }
}
