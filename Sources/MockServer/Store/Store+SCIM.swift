import SCIM
import SQLite
import JSON

/// A user or group row as the SCIM surface reads it: the stored JSON and its ETag version.
public struct StoredResource: Sendable {
    public var pk: Int64
    public var id: String
    public var json: JSONObject
    public var version: Int
}

/// One of a group's members, or one of a user's groups, for the derived `members` / `groups` lists.
public struct ResourceReference: Sendable, Equatable {
    public var id: String
    public var display: String?
}

/// SCIM reads and writes. Callers run them inside `Store.read`/`Store.write`, so a change and its
/// update log share one transaction.
extension Store {
    public enum Table: String, Sendable {
        case users, groups

        /// The indexed column for an attribute a filter may compare with `eq`.
        func column(for attribute: String) -> String? {
            switch (self, attribute) {
            case (_, "id"): "id"
            case (_, "externalId"): "external_id"
            case (.users, "userName"): "user_name"
            case (.users, "displayName"), (.groups, "displayName"): "display_name"
            default: nil
            }
        }
    }

    static func find(_ table: Table, id: String, idp: String, _ connection: Connection) throws -> StoredResource? {
        try resources(table, idp: idp, equality: ("id", id), connection).first
    }

    /// Resources of an IdP in creation order, optionally narrowed by one indexed equality.
    static func resources(_ table: Table, idp: String, equality: (attribute: String, value: String)?,
                          _ connection: Connection) throws -> [StoredResource] {
        var filter = SQLFilter()
        filter.equals("idp_id", idp)
        if let equality, let column = table.column(for: equality.attribute) { filter.equals(column, equality.value) }
        let sql = "SELECT pk, id, resource, version FROM \(table.rawValue)\(filter.whereClause) ORDER BY pk"
        return try connection.statement(sql).query(filter.bindings) { row in
            StoredResource(pk: row.int64(0), id: row.string(1) ?? "",
                           json: (try? JSONReader.parse(row.withUnsafeBytes(2) { Array($0) }).objectValue) ?? JSONObject(),
                           version: row.int(3))
        }
    }

    static func update(_ user: UserResource, pk: Int64, _ connection: Connection) throws {
        try connection.statement("""
            UPDATE users SET user_name = ?, external_id = ?, display_name = ?, active = ?, last_modified = ?,
              resource = ?, version = version + 1 WHERE pk = ?
            """).run([
            user.userName, user.externalID, user.displayName, user.active, user.lastModified.microseconds,
            JSONValue.object(user.json).serialized(), pk,
        ])
        try connection.statement("DELETE FROM user_emails WHERE user_pk = ?").run([pk])
        let insertEmail = try connection.statement("INSERT OR IGNORE INTO user_emails (user_pk, value) VALUES (?, ?)")
        for email in user.emails { try insertEmail.run([pk, email]) }
    }

    static func update(_ group: GroupResource, pk: Int64, _ connection: Connection) throws {
        try connection.statement("""
            UPDATE groups SET display_name = ?, external_id = ?, last_modified = ?, resource = ?, version = version + 1
            WHERE pk = ?
            """).run([group.displayName, group.externalID, group.lastModified.microseconds,
                      JSONValue.object(group.json).serialized(), pk])
    }

    static func delete(_ table: Table, pk: Int64, _ connection: Connection) throws {
        try connection.statement("DELETE FROM \(table.rawValue) WHERE pk = ?").run([pk])
    }

    /// A group's members in the order the users were created, each with the `display` its client
    /// sent or, with `computedDisplay`, the user's name when it sent none.
    static func members(ofGroup pk: Int64, computedDisplay: Bool, _ connection: Connection) throws -> [ResourceReference] {
        let display = computedDisplay ? "COALESCE(m.display, u.display_name, u.user_name)" : "m.display"
        return try connection.statement("""
            SELECT u.id, \(display) FROM memberships m JOIN users u ON u.pk = m.user_pk
            WHERE m.group_pk = ? ORDER BY u.pk
            """).query([pk]) { ResourceReference(id: $0.string(0) ?? "", display: $0.string(1)) }
    }

    /// A group's `members` as stored form: each member's id, and the display its client sent.
    static func memberList(ofGroup pk: Int64, _ connection: Connection) throws -> JSONValue? {
        let members = try members(ofGroup: pk, computedDisplay: false, connection)
        guard !members.isEmpty else { return nil }
        return .array(members.map { member in
            var object = JSONObject([("value", .string(member.id))])
            if let display = member.display { object["display"] = .string(display) }
            return .object(object)
        })
    }

    /// The groups a user is a member of, for the read-only `User.groups`.
    static func groups(ofUser pk: Int64, _ connection: Connection) throws -> [ResourceReference] {
        try connection.statement("""
            SELECT g.id, g.display_name FROM memberships m JOIN groups g ON g.pk = m.group_pk
            WHERE m.user_pk = ? ORDER BY g.pk
            """).query([pk]) { ResourceReference(id: $0.string(0) ?? "", display: $0.string(1)) }
    }

    /// Row ids of the users of `idp` among `ids`; ids that are not users of that IdP are absent.
    static func userPKs(_ ids: [String], idp: String, _ connection: Connection) throws -> [String: Int64] {
        var filter = SQLFilter()
        filter.equals("idp_id", idp)
        filter.oneOf("id", ids)
        guard !ids.isEmpty else { return [:] }
        let rows = try connection.statement("SELECT id, pk FROM users" + filter.whereClause).query(filter.bindings) {
            ($0.string(0) ?? "", $0.int64(1))
        }
        return Dictionary(rows, uniquingKeysWith: { a, _ in a })
    }

    /// Makes `members` (user row id, display sent) the group's exact member list, writing only the
    /// rows that change: a PATCH that adds one member to a large group touches one row.
    static func setMembers(group pk: Int64, users members: [(pk: Int64, display: String?)], _ connection: Connection) throws {
        let rows = try connection.statement("SELECT user_pk, display FROM memberships WHERE group_pk = ?").query([pk]) {
            ($0.int64(0), $0.string(1))
        }
        let current = Dictionary(rows, uniquingKeysWith: { a, _ in a })
        let wanted = Set(members.map(\.pk))
        let remove = try connection.statement("DELETE FROM memberships WHERE group_pk = ? AND user_pk = ?")
        for (user, _) in current where !wanted.contains(user) { try remove.run([pk, user]) }
        let upsert = try connection.statement("""
            INSERT INTO memberships (group_pk, user_pk, display) VALUES (?, ?, ?)
            ON CONFLICT (group_pk, user_pk) DO UPDATE SET display = excluded.display
            """)
        for member in members where current[member.pk].map({ $0 != member.display }) ?? true {
            try upsert.run([pk, member.pk, member.display])
        }
    }

    /// The IdP a SCIM secret belongs to, with its row id (update logs point at it). Every SCIM request
    /// asks, and secrets change only when fixtures load, so the answers are kept until then.
    public func identityProvider(forSecret secret: String) throws -> (idp: IdentityProvider, pk: Int64)? {
        if let known = secrets.lookup(secret) { return known }
        let generation = secrets.currentGeneration
        let all = try read { state in
            try state.connection.statement("""
                SELECT s.secret, i.id, i.account_id, i.name, i.type, i.pk
                FROM scim_secrets s JOIN identity_providers i ON i.id = s.idp_id
                """).query { row in
                (row.string(0) ?? "", IdentityProvider(id: row.string(1) ?? "", accountID: row.string(2) ?? "",
                                                       name: row.string(3) ?? "", type: row.string(4) ?? ""), row.int64(5))
            }
        }
        let map = Dictionary(all.map { ($0.0, ($0.1, $0.2)) }, uniquingKeysWith: { a, _ in a })
        secrets.fill(map, readAt: generation)
        return map[secret].map { (idp: $0.0, pk: $0.1) }
    }

    /// The IdP with `id` in any account, with its row id (update logs point at it).
    static func identityProviderPK(_ id: String, _ connection: Connection) throws -> Int64? {
        try connection.statement("SELECT pk FROM identity_providers WHERE id = ?").queryFirst([id]) { $0.int64(0) }
    }
}
