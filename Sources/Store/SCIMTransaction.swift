import JSON
import SCIM
import SQLite

/// What a SCIM write may do inside its transaction: typed operations on one tenant's resources. It
/// exists only for the duration of `Store.scimWrite`, which appends the update log after it, and the
/// versions of what it touched.
public struct SCIMTransaction {
    let connection: Connection
    public let tenant: SCIMTenant
    let touched = TouchedResources()

    private var idp: String { tenant.idp.id }

    public func find(_ kind: SCIMResourceKind, id: String) throws -> StoredResource? {
        try Store.find(kind.table, id: id, idp: idp, connection)
    }

    /// The resource and its derived list, as a response shows it after the write.
    public func record(_ kind: SCIMResourceKind, _ resource: StoredResource, derived: Bool) throws -> SCIMRecord {
        SCIMRecord(resource: resource, references: derived ? try Store.references(kind, resource.pk, connection) : nil)
    }

    /// A group's `members` in stored form (ids and the displays their clients sent), for PATCH to edit.
    public func storedMembers(ofGroup group: StoredResource) throws -> JSONValue? {
        try Store.memberList(ofGroup: group.pk, connection)
    }

    /// Inserts a new user; returns its row id. A taken userName is `StoreError.duplicate`.
    public func insert(_ user: UserResource) throws -> Int64 {
        try mappingKeys { try Store.insert(user, idp: idp, into: connection) }
        let pk = connection.lastInsertRowID
        touched.wrote(.user, pk: pk)
        return pk
    }

    public func update(_ user: UserResource, pk: Int64) throws {
        try mappingKeys { try Store.update(user, pk: pk, connection) }
        touched.wrote(.user, pk: pk)
    }

    /// Inserts a new group with its members; returns its row id. An unknown member is
    /// `StoreError.unknownMember`, a taken name `StoreError.duplicate`.
    public func insert(_ group: GroupResource, members: [(id: String, display: String?)]) throws -> Int64 {
        let known = try memberPKs(members)
        try mappingKeys { try Store.insert(group, idp: idp, into: connection) }
        let pk = connection.lastInsertRowID
        touched.wrote(.group, pk: pk)
        let users = members.compactMap { m in known[m.id].map { ($0, m.display) } }
        touched.relate(.user, try Store.setMembers(group: pk, users: users, connection))
        return pk
    }

    /// Rewrites a group and makes `members` its exact member list.
    public func update(_ group: GroupResource, pk: Int64, members: [(id: String, display: String?)]) throws {
        let known = try memberPKs(members)
        try mappingKeys { try Store.update(group, pk: pk, connection) }
        touched.wrote(.group, pk: pk)
        let users = members.compactMap { m in known[m.id].map { ($0, m.display) } }
        touched.relate(.user, try Store.setMembers(group: pk, users: users, connection))
    }

    /// Deletes a resource; its memberships go with it, so its groups (or members) change too.
    public func delete(_ kind: SCIMResourceKind, pk: Int64) throws {
        let other: SCIMResourceKind = kind == .user ? .group : .user
        touched.relate(other, try Store.counterparts(kind, pk, connection))
        if let id = try Store.resourceID(kind.table, pk: pk, connection) { touched.deleted(kind, id: id) }
        try Store.delete(kind.table, pk: pk, connection)
    }

    private func memberPKs(_ members: [(id: String, display: String?)]) throws -> [String: Int64] {
        let known = try Store.userPKs(members.map(\.id), idp: idp, connection)
        if let unknown = members.first(where: { known[$0.id] == nil })?.id { throw StoreError.unknownMember(unknown) }
        return known
    }

    /// Uniqueness violations become `StoreError.duplicate` here, inside the write, so the service can
    /// answer them with the names it was sent.
    private func mappingKeys(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as SQLiteError {
            throw StoreError.from(error)
        }
    }
}
