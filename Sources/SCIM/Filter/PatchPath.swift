/// A parsed PATCH `path` (RFC 7644 §3.5.2): which attribute an operation targets, which of its
/// elements, and which sub-attribute of them.
///
/// Convention: the plain dotted form `name.familyName` keeps the sub-attribute inside `attribute`
/// (`AttributePath(attribute: "name", subAttribute: "familyName")`, filter nil, `subAttribute` nil); the
/// bracket form `emails[type eq "work"].value` has `attribute` = `emails` (no sub-attribute), `filter`
/// = the bracket filter and `subAttribute` = `"value"`. So `subAttribute` is set only after a bracket.
public struct PatchPath: Sendable, Equatable {
    /// The targeted attribute; carries the sub-attribute only in the plain dotted form.
    public var attribute: AttributePath
    /// The bracket filter, if any; its paths are relative to the elements.
    public var filter: SCIMFilter?
    /// The sub-attribute after the bracket (`value` in `emails[type eq "work"].value`).
    public var subAttribute: String?

    public init(attribute: AttributePath, filter: SCIMFilter? = nil, subAttribute: String? = nil) {
        self.attribute = attribute
        self.filter = filter
        self.subAttribute = subAttribute
    }
}
