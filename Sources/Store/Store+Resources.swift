import JSON
import SCIM
import SQLite

extension Store {
    /// Users as stored SCIM JSON text, in creation order.
    public func users(_ query: ResourceQuery) throws -> Page<String> {
        var filter = SQLFilter()
        filter.equals("idp_id", query.idpID)
        filter.oneOf("id", query.ids)
        filter.oneOf("external_id", query.externalIDs)
        filter.equals("user_name", query.userName)
        filter.equals("display_name", query.name)
        if let email = query.email { filter.raw("pk IN (SELECT user_pk FROM user_emails WHERE value = ?)", [email]) }
        return try page(table: "users", filter: filter, window: query.window)
    }

    /// Groups as stored SCIM JSON text, in creation order.
    public func groups(_ query: ResourceQuery) throws -> Page<String> {
        var filter = SQLFilter()
        filter.equals("idp_id", query.idpID)
        filter.oneOf("id", query.ids)
        filter.oneOf("external_id", query.externalIDs)
        filter.equals("display_name", query.name)
        return try page(table: "groups", filter: filter, window: query.window)
    }

    private func page(table: String, filter: SQLFilter, window: PageWindow) throws -> Page<String> {
        try read { state in
            let total = try state.cachedCount(
                sql: "SELECT COUNT(*) FROM \(table)" + filter.whereClause, bindings: filter.bindings)
            let rows = window.rowCount(total: total)
            guard rows > 0 else { return Page(items: [], totalCount: total, window: window) }
            let sql = "SELECT resource FROM \(table)\(filter.whereClause) ORDER BY pk LIMIT ? OFFSET ?"
            let items = try state.connection.statement(sql).query(filter.bindings + [rows, window.offset]) {
                $0.string(0) ?? "{}"
            }
            return Page(items: items, totalCount: total, window: window)
        }
    }

    static func insert(_ user: UserResource, idp: String, into connection: Connection) throws {
        try connection.statement(
            """
            INSERT INTO users (id, idp_id, user_name, external_id, display_name, active, active_assigned, created,
              last_modified, resource)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).run([
            user.id, idp, user.userName, user.externalID, user.displayName, user.active, user.activeAssigned,
            user.created.microseconds, user.lastModified.microseconds, JSONValue.object(user.json).serialized(),
        ])
        let pk = connection.lastInsertRowID
        let insertEmail = try connection.statement("INSERT OR IGNORE INTO user_emails (user_pk, value) VALUES (?, ?)")
        for email in user.emails { try insertEmail.run([pk, email]) }
    }

    static func insert(_ group: GroupResource, idp: String, into connection: Connection) throws {
        try connection.statement(
            """
            INSERT INTO groups (id, idp_id, display_name, external_id, created, last_modified, resource)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """
        ).run([
            group.id, idp, group.displayName, group.externalID, group.created.microseconds,
            group.lastModified.microseconds, JSONValue.object(group.json).serialized(),
        ])
    }

    /// Adds `userID` to `groupID`, both of `idp`; false when either is not a user/group of that IdP.
    static func addMember(
        group groupID: String, user userID: String, display: String?, idp: String,
        into connection: Connection
    ) throws -> Bool {
        try connection.statement(
            """
            INSERT OR IGNORE INTO memberships (group_pk, user_pk, display)
            SELECT g.pk, u.pk, ? FROM groups g, users u
            WHERE g.id = ? AND g.idp_id = ? AND u.id = ? AND u.idp_id = ?
            """
        ).run([display, groupID, idp, userID, idp])
        if connection.changes > 0 { return true }
        return try connection.statement(
            """
            SELECT 1 FROM memberships m JOIN groups g ON g.pk = m.group_pk JOIN users u ON u.pk = m.user_pk
            WHERE g.id = ? AND u.id = ? AND g.idp_id = ?
            """
        ).queryFirst([groupID, userID, idp]) { _ in true } ?? false
    }
}
