import JSON
import SCIM

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

/// A user or group row as read, its JSON text not yet parsed: a page's rows are parsed only when
/// something needs their values (a projection, a filter SQL cannot decide).
public struct StoredRow: Sendable {
    public var pk: Int64
    public var id: String
    public var version: Int
    /// The stored JSON text, as the store wrote it.
    public var text: [UInt8]

    /// The row parsed; a stored text that is not a JSON object is `StoreError.corruptRow`.
    func resource(_ table: Store.Table) throws -> StoredResource {
        try Store.storedResource(pk: pk, id: id, text: text, version: version, table: table)
    }

    public func resource(_ kind: SCIMResourceKind) throws -> StoredResource { try resource(kind.table) }
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

    public init(resource: StoredResource, references: [ResourceReference]?) {
        self.resource = resource
        self.references = references
    }
}

/// The IdP a SCIM request acts for, with the row id its update logs point at.
public struct SCIMTenant: Sendable, Equatable {
    public let idp: IdentityProvider
    let pk: Int64
}
