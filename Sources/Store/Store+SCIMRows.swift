import JSON
import SCIM
import SQLite

/// The rows behind SCIM writes. Only `SCIMTransaction` and the fixture loader call these, inside a
/// write transaction.
extension Store {
    static func update(_ user: UserResource, pk: Int64, _ connection: Connection) throws {
        try connection.statement(
            """
            UPDATE users SET user_name = ?, external_id = ?, display_name = ?, active = ?, active_assigned = ?,
              last_modified = ?, resource = ?, version = version + 1 WHERE pk = ?
            """
        ).run([
            user.userName, user.externalID, user.displayName, user.active, user.activeAssigned, user.lastModified.microseconds,
            JSONValue.object(user.json).serialized(), pk,
        ])
        try connection.statement("DELETE FROM user_emails WHERE user_pk = ?").run([pk])
        let insertEmail = try connection.statement("INSERT OR IGNORE INTO user_emails (user_pk, value) VALUES (?, ?)")
        for email in user.emails { try insertEmail.run([pk, email]) }
    }

    static func update(_ group: GroupResource, pk: Int64, _ connection: Connection) throws {
        try connection.statement(
            """
            UPDATE groups SET display_name = ?, external_id = ?, last_modified = ?, resource = ?, version = version + 1
            WHERE pk = ?
            """
        ).run([
            group.displayName, group.externalID, group.lastModified.microseconds,
            JSONValue.object(group.json).serialized(), pk,
        ])
    }

    static func delete(_ table: Table, pk: Int64, _ connection: Connection) throws {
        try connection.statement("DELETE FROM \(table.rawValue) WHERE pk = ?").run([pk])
    }

    static func resourceID(_ table: Table, pk: Int64, _ connection: Connection) throws -> String? {
        try connection.statement("SELECT id FROM \(table.rawValue) WHERE pk = ?").queryFirst([pk]) { $0.string(0) }
            ?? nil
    }

    /// The groups of a user, or the members of a group, by row id.
    static func counterparts(_ kind: SCIMResourceKind, _ pk: Int64, _ connection: Connection) throws -> [Int64] {
        let sql =
            kind == .user
            ? "SELECT group_pk FROM memberships WHERE user_pk = ?" : "SELECT user_pk FROM memberships WHERE group_pk = ?"
        return try connection.statement(sql).query([pk]) { $0.int64(0) }
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
    /// rows that change: a PATCH that adds one member to a large group touches one row. Returns the
    /// users who joined or left (a new display alone changes no user).
    @discardableResult
    static func setMembers(
        group pk: Int64, users members: [(pk: Int64, display: String?)], _ connection: Connection
    ) throws -> [Int64] {
        let rows = try connection.statement("SELECT user_pk, display FROM memberships WHERE group_pk = ?").query([pk]) {
            ($0.int64(0), $0.string(1))
        }
        let current = Dictionary(rows, uniquingKeysWith: { a, _ in a })
        let wanted = Set(members.map(\.pk))
        let remove = try connection.statement("DELETE FROM memberships WHERE group_pk = ? AND user_pk = ?")
        var changed: [Int64] = []
        for (user, _) in current where !wanted.contains(user) {
            try remove.run([pk, user])
            changed.append(user)
        }
        let upsert = try connection.statement(
            """
            INSERT INTO memberships (group_pk, user_pk, display) VALUES (?, ?, ?)
            ON CONFLICT (group_pk, user_pk) DO UPDATE SET display = excluded.display
            """)
        for member in members where current[member.pk].map({ $0 != member.display }) ?? true {
            try upsert.run([pk, member.pk, member.display])
            if current[member.pk] == nil { changed.append(member.pk) }
        }
        return changed
    }
}
