/// What differs between Users and Groups on the SCIM surface; the service and store code is shared.
public enum SCIMResourceKind: Sendable, Hashable {
    case user, group

    public var schema: SCIMSchema { self == .user ? .user : .group }
    public var extensions: [SCIMSchema] { self == .user ? [.enterpriseUser] : [] }
    public var normalizer: ResourceNormalizer { self == .user ? .user : .group }
    public var endpoint: String { self == .user ? "Users" : "Groups" }
    public var logType: UpdateLog.ResourceType { self == .user ? .USER : .GROUP }
    /// The derived multi-valued attribute the store keeps as rows: `User.groups`, `Group.members`.
    public var derivedAttribute: String { self == .user ? "groups" : "members" }
    /// Attributes a filter `eq` can answer from an index.
    public var indexedAttributes: [String] {
        self == .user ? ["id", "userName", "externalId", "displayName"] : ["id", "displayName", "externalId"]
    }
}
