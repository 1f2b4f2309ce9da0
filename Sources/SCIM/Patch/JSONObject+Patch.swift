import JSON

/// Case-insensitive attribute edits: SCIM names are case-insensitive (RFC 7643 §2.1), and a PATCH must
/// keep the spelling a resource already uses rather than grow a second key for the same attribute.
extension JSONObject {
    mutating func setAttribute(_ name: String, to value: JSONValue) {
        if let index = entries.firstIndex(where: { $0.key.caseInsensitiveEquals(name) }) {
            entries[index].value = value
        } else {
            entries.append((name, value))
        }
    }

    mutating func removeAttribute(_ name: String) {
        entries.removeAll { $0.key.caseInsensitiveEquals(name) }
    }

    /// Sets each member of `other` (sub-attributes not named are left unchanged, RFC 7644 §3.5.2.3).
    mutating func merge(_ other: JSONObject) {
        for (key, value) in other.entries { setAttribute(key, to: value) }
    }
}

extension JSONValue {
    /// Equality ignoring object key order and key case, so an IdP echoing a read-only value with its
    /// members reordered still counts as an echo.
    func sameContent(as other: JSONValue) -> Bool {
        switch (self, other) {
        case (.object(let a), .object(let b)):
            return a.entries.count == b.entries.count
                && a.entries.allSatisfy { entry in
                    b.value(forAttribute: entry.key).map { entry.value.sameContent(as: $0) } ?? false
                }
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.sameContent(as: $1) }
        default:
            return self == other
        }
    }
}
