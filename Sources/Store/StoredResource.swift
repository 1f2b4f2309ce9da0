import JSON

/// A user or group row as the SCIM surface reads it: the stored JSON and its ETag version.
public struct StoredResource: Sendable {
    public var pk: Int64
    public var id: String
    public var json: JSONObject
    public var version: Int

    public init(pk: Int64, id: String, json: JSONObject, version: Int) {
        self.pk = pk
        self.id = id
        self.json = json
        self.version = version
    }
}

/// One of a group's members, or one of a user's groups, for the derived `members` / `groups` lists.
public struct ResourceReference: Sendable, Equatable {
    public var id: String
    public var display: String?
}

/// A resource with its derived list (`User.groups` or `Group.members`), read only when asked for.
public struct SCIMRecord: Sendable {
    public var resource: StoredResource
    /// nil when the reader did not ask for the derived list.
    public var references: [ResourceReference]?
}

/// The IdP a SCIM request acts for, with the row id its update logs point at.
public struct SCIMTenant: Sendable, Equatable {
    public let idp: IdentityProvider
    let pk: Int64
}
