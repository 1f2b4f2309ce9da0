import JSON

/// A SCIM User as stored: the resource JSON (server-owned `id` and `meta` set, `password` and the derived
/// `groups` dropped) plus the values the list filters index.
public struct UserResource: Sendable, Equatable {
    public private(set) var json: JSONObject
    public let id: String
    public let userName: String
    public let externalID: String?
    /// What the Cloudflare `name` filter matches: displayName, else name.formatted, else given + family.
    public let displayName: String?
    public let active: Bool
    /// Whether the resource has an `active` value (SCIM filters on `active` match only those).
    public let activeAssigned: Bool
    public let emails: [String]
    public let created: Timestamp
    public let lastModified: Timestamp

    /// Builds the stored form from a validated resource. `input` must carry a string `userName`.
    public init(id: String, input: JSONObject, created: Timestamp, lastModified: Timestamp) {
        self.id = id
        self.created = created
        self.lastModified = lastModified
        userName = input.value(forAttribute: "userName")?.stringValue ?? ""
        externalID = input.value(forAttribute: "externalId")?.stringValue
        let name = input.value(forAttribute: "name")?.objectValue
        let given = name?.value(forAttribute: "givenName")?.stringValue
        let family = name?.value(forAttribute: "familyName")?.stringValue
        let joined = [given, family].compactMap { $0 }.joined(separator: " ")
        displayName =
            input.value(forAttribute: "displayName")?.stringValue
            ?? name?.value(forAttribute: "formatted")?.stringValue
            ?? (joined.isEmpty ? nil : joined)
        // An unassigned `active` counts as active, as Cloudflare treats it; the JSON keeps it unassigned.
        active = input.value(forAttribute: "active")?.boolValue ?? true
        activeAssigned = input.value(forAttribute: "active")?.boolValue != nil
        emails = Self.emailObjects(in: input).compactMap { $0.value(forAttribute: "value")?.stringValue }
        primaryEmail = Self.primaryEmail(in: input)

        json = StoredForm.make(
            from: input, id: id, schema: .user, dropping: ["password", "groups"],
            created: created, lastModified: lastModified)
    }

    /// The address update logs name: the primary email, else the first, else a userName that is one.
    public let primaryEmail: String?

    /// `primaryEmail` of a user's JSON, without building the stored form (update logs need only this).
    public static func primaryEmail(in user: JSONObject) -> String? {
        let objects = emailObjects(in: user)
        let values = objects.compactMap { $0.value(forAttribute: "value")?.stringValue }
        let primary = objects.first { $0.value(forAttribute: "primary")?.boolValue == true }?.value(forAttribute: "value")?
            .stringValue
        let userName = user.value(forAttribute: "userName")?.stringValue ?? ""
        return primary ?? values.first ?? (userName.contains("@") ? userName : nil)
    }

    private static func emailObjects(in user: JSONObject) -> [JSONObject] {
        user.value(forAttribute: "emails")?.arrayValue?.compactMap(\.objectValue) ?? []
    }
}
