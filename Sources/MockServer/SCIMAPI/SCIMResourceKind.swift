import SCIM

/// What differs between Users and Groups on the SCIM surface; the service code is shared.
enum SCIMResourceKind: Sendable {
    case user, group

    var table: Store.Table { self == .user ? .users : .groups }
    var schema: SCIMSchema { self == .user ? .user : .group }
    var extensions: [SCIMSchema] { self == .user ? [.enterpriseUser] : [] }
    var normalizer: ResourceNormalizer { self == .user ? .user : .group }
    var endpoint: String { self == .user ? "Users" : "Groups" }
    var logType: UpdateLog.ResourceType { self == .user ? .USER : .GROUP }
    /// Attributes a filter `eq` can answer from an index.
    var indexedAttributes: [String] { self == .user ? ["id", "userName", "externalId", "displayName"] : ["id", "displayName", "externalId"] }
}
