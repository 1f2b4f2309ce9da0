import JSON

/// `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5): which attributes a response carries.
/// `id` and `schemas` are always returned; names are case-insensitive and may be `parent.sub` or
/// URN-qualified.
public struct Projection: Sendable, Equatable {
    public var attributes: [String]
    public var excluded: [String]

    public init(attributes: [String] = [], excluded: [String] = []) {
        self.attributes = attributes
        self.excluded = excluded
    }

    /// Parses the comma-separated query values.
    public init(attributes: String?, excludedAttributes: String?) {
        func split(_ text: String?) -> [String] {
            (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        }
        self.init(attributes: split(attributes), excluded: split(excludedAttributes))
    }

    public var isIdentity: Bool { attributes.isEmpty && excluded.isEmpty }

    /// True when `name` (a top-level attribute) would be dropped: lets callers skip work such as
    /// loading a group's members for `excludedAttributes=members`.
    public func drops(_ name: String, schemaURN: String) -> Bool {
        if Self.alwaysReturned.contains(where: { $0.caseInsensitiveEquals(name) }) { return false }
        if !attributes.isEmpty {
            return !attributes.contains { Self.match($0, key: name, schemaURN) != nil }
        }
        return excluded.contains { Self.match($0, key: name, schemaURN) == .some(nil) }
    }

    public func apply(_ resource: JSONObject, schemaURN: String) -> JSONObject {
        if isIdentity { return resource }
        var out = JSONObject()
        for (key, value) in resource.entries {
            if Self.alwaysReturned.contains(where: { $0.caseInsensitiveEquals(key) }) {
                out.entries.append((key, value))
                continue
            }
            let requested = attributes.compactMap { Self.match($0, key: key, schemaURN) }
            let dropped = excluded.compactMap { Self.match($0, key: key, schemaURN) }
            if !attributes.isEmpty {
                guard !requested.isEmpty else { continue }
                if requested.contains(where: { $0 == nil }) {
                    out.entries.append((key, value))
                } else {
                    out.entries.append((key, Self.keep(value, subs: requested.compactMap { $0 })))
                }
            } else if dropped.contains(where: { $0 == nil }) {
                continue
            } else if !dropped.isEmpty {
                out.entries.append((key, Self.drop(value, subs: dropped.compactMap { $0 })))
            } else {
                out.entries.append((key, value))
            }
        }
        return out
    }

    private static let alwaysReturned = ["id", "schemas"]

    /// Whether `path` names the resource key `key`: nil when not, `.some(nil)` for the whole
    /// attribute, `.some(sub)` for one sub-attribute (`name.givenName`, `urn:…:User:employeeNumber`).
    /// A leading core-schema URN is ignored.
    private static func match(_ path: String, key: String, _ coreURN: String) -> String?? {
        var text = path
        if text.count > coreURN.count, text.lowercased().hasPrefix(coreURN.lowercased() + ":") {
            text = String(text.dropFirst(coreURN.count + 1))
        }
        if text.caseInsensitiveEquals(key) { return .some(nil) }
        let lowered = text.lowercased()
        let lowKey = key.lowercased()
        for separator in [".", ":"] where lowered.hasPrefix(lowKey + separator) {
            return .some(String(text.dropFirst(key.count + 1)))
        }
        return nil
    }

    private static func keep(_ value: JSONValue, subs: [String]) -> JSONValue {
        switch value {
        case .object(let o): .object(JSONObject(o.entries.filter { e in subs.contains { $0.caseInsensitiveEquals(e.key) } }))
        case .array(let items): .array(items.map { keep($0, subs: subs) })
        default: value
        }
    }

    private static func drop(_ value: JSONValue, subs: [String]) -> JSONValue {
        switch value {
        case .object(let o): .object(JSONObject(o.entries.filter { e in !subs.contains { $0.caseInsensitiveEquals(e.key) } }))
        case .array(let items): .array(items.map { drop($0, subs: subs) })
        default: value
        }
    }
}

private extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
