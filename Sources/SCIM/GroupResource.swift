import JSON

/// A SCIM Group as stored: the resource JSON without `members` (kept as rows, so membership changes
/// do not rewrite the group) plus the values the list filters index.
public struct GroupResource: Sendable, Equatable {
    public private(set) var json: JSONObject
    public let id: String
    public let displayName: String
    public let externalID: String?
    public let created: Timestamp
    public let lastModified: Timestamp

    public init(id: String, input: JSONObject, created: Timestamp, lastModified: Timestamp) {
        self.id = id
        self.created = created
        self.lastModified = lastModified
        displayName = input.value(forAttribute: "displayName")?.stringValue ?? ""
        externalID = input.value(forAttribute: "externalId")?.stringValue
        json = StoredForm.make(
            from: input, id: id, schema: .group, dropping: ["members"],
            created: created, lastModified: lastModified)
    }

    /// Member ids as the input lists them (`members[].value`).
    public static func memberIDs(in input: JSONObject) -> [String] {
        members(in: input).map(\.id)
    }

    /// Members as the input lists them: the id and the `display` the client sent, if any.
    public static func members(in input: JSONObject) -> [(id: String, display: String?)] {
        input.value(forAttribute: "members")?.arrayValue?.compactMap { element in
            guard let member = element.objectValue, let id = member.value(forAttribute: "value")?.stringValue else { return nil }
            return (id, member.value(forAttribute: "display")?.stringValue)
        } ?? []
    }
}
