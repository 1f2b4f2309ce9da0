import JSON

/// What one write changed in a resource as a SCIM client reads it: attribute paths added, removed or
/// changed, each with its old and new value. `meta` is left out (every write changes it).
///
/// Paths are SCIM's: `name.givenName` for a sub-attribute; a multi-valued attribute whose items carry a
/// distinct `value` is compared item by item as `emails[value eq "a@example.com"]` (so `groups` and
/// `members` show who joined or left); any other array is compared whole.
public struct ResourceDiff: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public enum Kind: String, Sendable { case added, removed, changed }

        public var path: String
        /// nil when added.
        public var old: JSONValue?
        /// nil when removed.
        public var new: JSONValue?

        public var kind: Kind { old == nil ? .added : new == nil ? .removed : .changed }

        public init(path: String, old: JSONValue?, new: JSONValue?) {
            self.path = path
            self.old = old
            self.new = new
        }
    }

    /// In the order of the new state's attributes, then those only the old state had.
    public var changes: [Change]

    public var isEmpty: Bool { changes.isEmpty }

    public init(changes: [Change]) { self.changes = changes }

    /// The difference from `old` to `new` (nil: the resource did not exist). Walks the objects with a
    /// work list, not recursion, so no stored nesting depth can exhaust the stack; each object's keys are
    /// indexed once (`JSONObject` lookups are linear), so a stored object of many keys costs linear time.
    public init(from old: JSONObject?, to new: JSONObject?) {
        var changes: [Change] = []
        var pending: [(path: String, old: JSONObject, new: JSONObject)] = [
            ("", Self.withoutMeta(old), Self.withoutMeta(new))
        ]
        var next = 0
        while next < pending.count {
            let (prefix, before, after) = pending[next]
            next += 1
            let beforeValues = Self.index(before)
            let afterValues = Self.index(after)
            for key in Self.keys(before, after) {
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                let a = beforeValues[key]
                let b = afterValues[key]
                if a == b { continue }
                if case .object(let x)? = a, case .object(let y)? = b {
                    pending.append((path, x, y))
                } else if let keyed = Self.keyedItems(path, a, b) {
                    changes += keyed
                } else {
                    changes.append(Change(path: path, old: a, new: b))
                }
            }
        }
        self.changes = changes
    }

    private static func withoutMeta(_ object: JSONObject?) -> JSONObject {
        var object = object ?? JSONObject()
        object["meta"] = nil
        return object
    }

    /// Each key's value, the first one where a key repeats (as `JSONObject`'s subscript reads it).
    private static func index(_ object: JSONObject) -> [String: JSONValue] {
        Dictionary(object.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    private static func keys(_ a: JSONObject, _ b: JSONObject) -> [String] {
        let newKeys = b.keys
        let seen = Set(newKeys)
        return newKeys + a.keys.filter { !seen.contains($0) }
    }

    /// Item-by-item changes of two arrays whose items are all objects with distinct string `value`s (an
    /// absent one counts as empty, so the first group joined is one item added); nil for anything else.
    private static func keyedItems(_ path: String, _ a: JSONValue?, _ b: JSONValue?) -> [Change]? {
        guard a?.arrayValue != nil || b?.arrayValue != nil, let before = byValue(a), let after = byValue(b) else {
            return nil
        }
        let index = Dictionary(before, uniquingKeysWith: { first, _ in first })
        let newIndex = Dictionary(after, uniquingKeysWith: { first, _ in first })
        var changes: [Change] = []
        for (value, item) in after where index[value] != item {
            changes.append(Change(path: itemPath(path, value), old: index[value], new: item))
        }
        for (value, item) in before where newIndex[value] == nil {
            changes.append(Change(path: itemPath(path, value), old: item, new: nil))
        }
        return changes
    }

    private static func byValue(_ array: JSONValue?) -> [(String, JSONValue)]? {
        guard let array else { return [] }
        guard let items = array.arrayValue else { return nil }
        var out: [(String, JSONValue)] = []
        var seen = Set<String>()
        for item in items {
            guard let value = item.objectValue?["value"]?.stringValue, seen.insert(value).inserted else { return nil }
            out.append((value, item))
        }
        return out
    }

    /// `emails[value eq "a@example.com"]`, the value quoted as a SCIM filter string.
    private static func itemPath(_ path: String, _ value: String) -> String {
        var quoted = ""
        for c in value {
            if c == "\"" || c == "\\" { quoted.append("\\") }
            quoted.append(c)
        }
        return "\(path)[value eq \"\(quoted)\"]"
    }
}
