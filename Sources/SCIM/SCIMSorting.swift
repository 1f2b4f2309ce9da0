import JSON

/// `sortBy` (RFC 7644 §3.4.2.3): the value of the named attribute (a multi-valued one sorts by its
/// primary or first `value`), compared case-insensitively; resources without it sort last.
public enum SCIMSorting {
    public static func key(_ resource: JSONObject, _ path: String) -> String? {
        var parts = path.split(separator: ".").map(String.init)
        if parts.count > 1, parts[0].lowercased().hasPrefix("urn:") { parts = [path] }
        var value: JSONValue? = resource.value(forAttribute: parts[0])
        if case .array(let items)? = value {
            value = items.first { $0.objectValue?.value(forAttribute: "primary")?.boolValue == true } ?? items.first
            if parts.count == 1 { value = value?.objectValue?.value(forAttribute: "value") ?? value }
        }
        for part in parts.dropFirst() { value = value?.objectValue?.value(forAttribute: part) }
        switch value {
        case .string(let s)?: return s.lowercased()
        case .number(let n)?: return n
        case .bool(let b)?: return b ? "true" : "false"
        default: return nil
        }
    }

    public static func less(_ a: String?, _ b: String?, descending: Bool) -> Bool {
        switch (a, b) {
        case (nil, nil): return false
        case (nil, _): return false
        case (_, nil): return true
        case let (x?, y?): return descending ? x > y : x < y
        }
    }
}
