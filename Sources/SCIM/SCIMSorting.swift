import JSON

/// `sortBy` (RFC 7644 §3.4.2.3): the value of the named attribute (a multi-valued one sorts by its
/// primary or first `value`), compared by its schema type: numbers as numbers, dateTimes as instants,
/// booleans false before true, strings case-insensitively unless the attribute is `caseExact`.
/// Resources without the attribute sort last in either order; ties keep creation order (callers sort
/// stably). The store's SQL ordering (`Store.scimPage`) mirrors this and falls back to it.
public enum SCIMSorting {
    /// A sort key; values of different kinds (possible only for attributes no schema defines) order by kind.
    public enum Value: Comparable, Sendable {
        case bool(Bool)
        case number(Double)
        case date(Timestamp)
        /// Already folded to lower case when the attribute is not `caseExact`.
        case string(String)

        public static func < (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case let (.bool(x), .bool(y)): !x && y
            case let (.number(x), .number(y)): x < y
            case let (.date(x), .date(y)): x < y
            case let (.string(x), .string(y)): x < y
            default: a.rank < b.rank
            }
        }

        private var rank: Int {
            switch self {
            case .bool: 0
            case .number: 1
            case .date: 2
            case .string: 3
            }
        }
    }

    /// The sort key of `resource` for `path`; the schema is the resource's own (Group when its
    /// `schemas` lists the Group URN, else User) unless given.
    public static func key(_ resource: JSONObject, _ path: String, schema: SCIMSchema? = nil) -> Value? {
        let schema = schema ?? Self.schema(of: resource)
        let extensions = schema.id == SCIMSchema.userURN ? [SCIMSchema.enterpriseUser] : []
        var (container, attributes, rest) = (resource, schema.attributes, path)
        if path.lowercased().hasPrefix("urn:"), let colon = path.lastIndex(of: ":") {
            let urn = String(path[..<colon])
            rest = String(path[path.index(after: colon)...])
            if let ext = extensions.first(where: { $0.id.caseInsensitiveEquals(urn) }) {
                guard let object = resource.value(forAttribute: ext.id)?.objectValue else { return nil }
                (container, attributes) = (object, ext.attributes)
            } else if !urn.caseInsensitiveEquals(schema.id) {
                return nil
            }
        }
        let parts = rest.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        var definition = attributes.first { $0.name.caseInsensitiveEquals(first) }
        var value = container.value(forAttribute: first)
        if case .array(let items)? = value {
            value = items.first { $0.objectValue?.value(forAttribute: "primary")?.boolValue == true } ?? items.first
            if parts.count == 1, let element = value?.objectValue {
                value = element.value(forAttribute: "value")
                definition = definition?.subAttribute("value")
            }
        }
        for part in parts.dropFirst() {
            value = value?.objectValue?.value(forAttribute: part)
            definition = definition?.subAttribute(part)
        }
        return value.flatMap { typed($0, definition) }
    }

    private static func schema(of resource: JSONObject) -> SCIMSchema {
        let schemas = resource.value(forAttribute: "schemas")?.arrayValue?.compactMap(\.stringValue) ?? []
        return schemas.contains { $0.caseInsensitiveEquals(SCIMSchema.groupURN) } ? .group : .user
    }

    /// A JSON value as its definition types it; without a definition, as its JSON type says.
    private static func typed(_ value: JSONValue, _ definition: SCIMAttribute?) -> Value? {
        switch value {
        case .bool(let flag): return .bool(flag)
        case .number(let text): return Double(text).map(Value.number)
        case .string(let text):
            if definition?.kind == .dateTime, let instant = Timestamp(rfc3339: text) { return .date(instant) }
            return .string(definition?.caseExact == true ? text : text.lowercased())
        default: return nil
        }
    }

    /// Missing keys last in both orders, as before typed keys.
    public static func less(_ a: Value?, _ b: Value?, descending: Bool) -> Bool {
        switch (a, b) {
        case (nil, _): return false
        case (_, nil): return true
        case let (x?, y?): return descending ? y < x : x < y
        }
    }

    /// `less` with ties broken by creation order (`aIsOlder`): a total order, so an unstable sort still
    /// gives the stable result.
    public static func precedes(_ a: Value?, _ b: Value?, descending: Bool, aIsOlder: Bool) -> Bool {
        less(a, b, descending: descending) || (!less(b, a, descending: descending) && aIsOlder)
    }
}
