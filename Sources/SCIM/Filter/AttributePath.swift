import JSON

/// An attribute path: optional schema URN, attribute, optional sub-attribute. `emails.value`,
/// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`, `name.givenName`.
///
/// Names are kept as written; lookups compare them case-insensitively (RFC 7643 §2.1).
public struct AttributePath: Sendable, Equatable, CustomStringConvertible {
    /// The schema URN the attribute is qualified with; nil for core attributes written bare.
    public var schemaURN: String?
    /// The attribute name as written.
    public var attribute: String
    /// The sub-attribute of a complex attribute (`givenName` in `name.givenName`).
    public var subAttribute: String?

    public init(schemaURN: String? = nil, attribute: String, subAttribute: String? = nil) {
        self.schemaURN = schemaURN
        self.attribute = attribute
        self.subAttribute = subAttribute
    }

    /// The path in filter syntax, so parsed paths print the way they were written.
    public var description: String {
        (schemaURN.map { $0 + ":" } ?? "") + attribute + (subAttribute.map { "." + $0 } ?? "")
    }

    /// URNs recognised as a whole, so a URN's own `2.0` is never mistaken for an attribute separator.
    private static let knownURNs = [SCIMSchema.userURN, SCIMSchema.groupURN, SCIMSchema.enterpriseUserURN]

    /// Parses "name.givenName", "urn:...:User:employeeNumber", "urn:...:User:manager.value". Throws
    /// SCIMError.invalidPath for bad text.
    ///
    /// A URN other than the known schemas ends at the last `:`, which is where RFC 7644's grammar puts
    /// the attribute name.
    public static func parse(_ text: String) throws(SCIMError) -> AttributePath {
        guard !text.isEmpty else { throw .invalidPath("empty attribute path") }
        var schemaURN: String?
        var rest = Substring(text)
        if text.lowercased().hasPrefix("urn:") {
            if let urn = knownURNs.first(where: { text.count > $0.count && text.prefix($0.count).lowercased() == $0.lowercased() }
            ),
                text.dropFirst(urn.count).first == ":"
            {
                schemaURN = String(text.prefix(urn.count))
                rest = text.dropFirst(urn.count + 1)
            } else if let colon = text.lastIndex(of: ":") {
                schemaURN = String(text[..<colon])
                rest = text[text.index(after: colon)...]
            }
            guard !rest.isEmpty else { throw .invalidPath("attribute path '\(text)' names a schema but no attribute") }
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            throw .invalidPath("invalid attribute path '\(text)': at most one '.' may follow the attribute name")
        }
        for part in parts where !isAttributeName(part) {
            throw .invalidPath("invalid attribute path '\(text)': '\(part)' is not an attribute name")
        }
        return AttributePath(
            schemaURN: schemaURN, attribute: String(parts[0]), subAttribute: parts.count == 2 ? String(parts[1]) : nil)
    }

    /// RFC 7643 §2.1 ATTRNAME (`ALPHA *(ALPHA / DIGIT / "-" / "_")`), plus `$ref`, which the RFC's own
    /// schemas use.
    static func isAttributeName(_ name: Substring) -> Bool {
        if name.caseInsensitiveEquals("$ref") { return true }
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}

extension Substring {
    fileprivate func caseInsensitiveEquals(_ other: String) -> Bool { String(self).caseInsensitiveEquals(other) }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
