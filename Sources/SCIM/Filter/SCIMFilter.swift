import JSON

/// A parsed SCIM filter (RFC 7644 §3.4.2.2), shared by list queries and PATCH value paths so both
/// select resources and elements with the same rules.
public indirect enum SCIMFilter: Sendable, Equatable {
    /// `attr op value`; the value is `.string`, `.number`, `.bool` or `.null`.
    case compare(AttributePath, CompareOperator, JSONValue)
    /// `attr pr`.
    case present(AttributePath)
    /// A chain `a and b and c` is one list, not a nested pair per term, so neither evaluating nor
    /// destroying a filter of thousands of terms takes a stack frame per term. Two or more terms.
    case and([SCIMFilter])
    /// `a or b or c`, as a list for the same reason as `and`.
    case or([SCIMFilter])
    case not(SCIMFilter)
    /// `emails[type eq "work" and value co "@x"]`: the inner filter applies to each element of a
    /// multi-valued complex attribute (its attribute paths are relative to the element: `type`, `value`).
    case valuePath(AttributePath, SCIMFilter)
}

extension SCIMFilter: CustomStringConvertible {
    /// Canonical filter text, fully parenthesised so it re-parses to the same tree; for logs and errors.
    public var description: String {
        switch self {
        case .compare(let path, let op, let value): "\(path) \(op.rawValue) \(value.serialized())"
        case .present(let path): "\(path) pr"
        case .and(let terms): "(" + terms.map(\.description).joined(separator: " and ") + ")"
        case .or(let terms): "(" + terms.map(\.description).joined(separator: " or ") + ")"
        case .not(let inner): "not (\(inner))"
        case .valuePath(let path, let inner): "\(path)[\(inner)]"
        }
    }
}

extension SCIMFilter {
    /// If the filter is exactly `ATTR eq "string"` for one of `attributes` (case-insensitive name, no
    /// URN other than a core schema URN, no sub-attribute), returns (canonical attribute name from
    /// `attributes`, value). The store uses this to answer `userName eq "x"`, `externalId eq "x"`,
    /// `displayName eq "x"`, `id eq "x"` with an index instead of a scan.
    ///
    /// `schemaURN` narrows the accepted qualifier to the resource's own core schema; when nil, either
    /// core URN is accepted. The value is returned as written: the caller applies the attribute's
    /// `caseExact` when it looks the value up.
    public func indexableEquality(among attributes: [String], schemaURN: String? = nil) -> (attribute: String, value: String)? {
        guard case .compare(let path, .eq, .string(let value)) = self, path.subAttribute == nil else { return nil }
        if let urn = path.schemaURN {
            let accepted = schemaURN.map { [$0] } ?? [SCIMSchema.userURN, SCIMSchema.groupURN]
            guard accepted.contains(where: { $0.caseInsensitiveEquals(urn) }) else { return nil }
        }
        guard let name = attributes.first(where: { $0.caseInsensitiveEquals(path.attribute) }) else { return nil }
        return (name, value)
    }
}

extension SCIMFilter {
    /// Whether any comparison names `attribute` (case-insensitively, with or without a sub-attribute
    /// or schema URN), so a store can tell whether deciding it needs that attribute's values.
    public func mentions(attribute: String) -> Bool {
        switch self {
        case .compare(let path, _, _), .present(let path): path.attribute.caseInsensitiveEquals(attribute)
        case .and(let terms), .or(let terms): terms.contains { $0.mentions(attribute: attribute) }
        case .not(let inner): inner.mentions(attribute: attribute)
        case .valuePath(let path, _): path.attribute.caseInsensitiveEquals(attribute)
        }
    }
}
