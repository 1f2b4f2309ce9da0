import JSON
import SCIM
import SQLite

extension SCIMResourceKind {
    var table: Store.Table { self == .user ? .users : .groups }
}

/// SCIM reads: one resource, a page of a list, the tenant a secret names.
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

    /// The resource `id` of the tenant's IdP, with its derived list when `derived` is true.
    public func scimRecord(_ kind: SCIMResourceKind, id: String, tenant: SCIMTenant, derived: Bool) throws -> SCIMRecord? {
        try read { state in
            let connection = state.connection
            guard let stored = try Self.find(kind.table, id: id, idp: tenant.idp.id, connection) else { return nil }
            return SCIMRecord(resource: stored, references: derived ? try Self.references(kind, stored.pk, connection) : nil)
        }
    }

    /// The tenant a SCIM secret belongs to. Every SCIM request asks, and secrets change only when
    /// fixtures load, so the answers are kept until then.
    /// A secret of an account being rebuilt is refused (503) until the rebuild ends, also while its row is gone.
    public func tenant(forSecret secret: String) throws -> SCIMTenant? {
        do { try rebuilds.check(secret: secret) } catch let error as StoreError { throw Self.unavailable(error) }
        if let known = secrets.lookup(secret) { return known.map { SCIMTenant(idp: $0.idp, pk: $0.pk) } }
        let generation = secrets.currentGeneration
        let all = try read { state in
            try state.connection.statement(
                """
                SELECT s.secret, i.id, i.account_id, i.name, i.type, i.pk
                FROM scim_secrets s JOIN identity_providers i ON i.id = s.idp_id
                """
            ).query { row in
                (
                    row.string(0) ?? "",
                    IdentityProvider(
                        id: row.string(1) ?? "", accountID: row.string(2) ?? "",
                        name: row.string(3) ?? "", type: row.string(4) ?? ""), row.int64(5)
                )
            }
        }
        let map = Dictionary(all.map { ($0.0, ($0.1, $0.2)) }, uniquingKeysWith: { a, _ in a })
        secrets.fill(map, readAt: generation)
        return map[secret].map { SCIMTenant(idp: $0.0, pk: $0.1) }
    }

    /// The tenant of the IdP with `id` in any account.
    public func tenant(forIdentityProvider id: String) throws -> SCIMTenant? {
        try read { state in
            try state.connection.statement("SELECT id, account_id, name, type, pk FROM identity_providers WHERE id = ?")
                .queryFirst([id]) { row in
                    SCIMTenant(
                        idp: IdentityProvider(
                            id: row.string(0) ?? "", accountID: row.string(1) ?? "",
                            name: row.string(2) ?? "", type: row.string(3) ?? ""),
                        pk: row.int64(4))
                }
        }
    }

    static func find(_ table: Table, id: String, idp: String, _ connection: Connection) throws -> StoredResource? {
        try resources(table, idp: idp, equality: ("id", id), connection).first
    }

    /// Resources of an IdP in creation order, optionally narrowed by one indexed equality.
    static func resources(
        _ table: Table, idp: String, equality: (attribute: String, value: String)?,
        _ connection: Connection
    ) throws -> [StoredResource] {
        try rows(table, idp: idp, equality: equality, connection).map { try $0.resource(table) }
    }

    /// The same rows, unparsed.
    static func rows(
        _ table: Table, idp: String, equality: (attribute: String, value: String)?,
        _ connection: Connection
    ) throws -> [StoredRow] {
        var filter = SQLFilter()
        filter.equals("idp_id", idp)
        if let equality, let column = table.column(for: equality.attribute) { filter.equals(column, equality.value) }
        let sql = "SELECT pk, id, resource, version FROM \(table.rawValue)\(filter.whereClause) ORDER BY pk"
        return try connection.statement(sql).query(filter.bindings) { row in
            StoredRow(pk: row.int64(0), id: row.string(1) ?? "", version: row.int(3), text: row.withUnsafeBytes(2) { Array($0) })
        }
    }

    /// A resource column that is not a JSON object is an error naming the row, never an empty resource.
    static func storedResource(pk: Int64, id: String, text: [UInt8], version: Int, table: Table) throws -> StoredResource {
        let json: JSONValue
        do {
            json = try JSONReader.parse(text)
        } catch {
            throw StoreError.corruptRow(table: table.rawValue, pk: pk, reason: "resource is not JSON: \(error.description)")
        }
        guard case .object(let object) = json else {
            throw StoreError.corruptRow(table: table.rawValue, pk: pk, reason: "resource is \(json.typeName), not an object")
        }
        return StoredResource(pk: pk, id: id, json: object, version: version)
    }

    /// `User.groups` or `Group.members` of the resource with row id `pk`.
    static func references(_ kind: SCIMResourceKind, _ pk: Int64, _ connection: Connection) throws -> [ResourceReference] {
        try references(kind, [pk], connection)[pk] ?? []
    }

    /// The derived lists of many resources at once (a page), by row id; resources without any are absent.
    /// A member shows the `display` its client sent, else the user's name; groups are in creation order,
    /// and so are members.
    static func references(_ kind: SCIMResourceKind, _ pks: [Int64], _ connection: Connection) throws
        -> [Int64: [ResourceReference]]
    {
        guard !pks.isEmpty else { return [:] }
        let sql =
            kind == .user
            ? """
            SELECT m.user_pk, g.id, g.display_name FROM memberships m JOIN groups g ON g.pk = m.group_pk
            WHERE m.user_pk IN (SELECT value FROM json_each(?)) ORDER BY m.user_pk, g.pk
            """
            : """
            SELECT m.group_pk, u.id, COALESCE(m.display, u.display_name, u.user_name) FROM memberships m
            JOIN users u ON u.pk = m.user_pk WHERE m.group_pk IN (SELECT value FROM json_each(?)) ORDER BY m.group_pk, u.pk
            """
        var byOwner: [Int64: [ResourceReference]] = [:]
        _ = try connection.statement(sql).query([SQLFilter.jsonArray(pks)]) { row -> Void in
            byOwner[row.int64(0), default: []].append(ResourceReference(id: row.string(1) ?? "", display: row.string(2)))
        }
        return byOwner
    }

    /// A group's `members` as stored form, in the order the users were created: each member's id, and
    /// the display its client sent.
    static func memberList(ofGroup pk: Int64, _ connection: Connection) throws -> JSONValue? {
        let members = try connection.statement(
            """
            SELECT u.id, m.display FROM memberships m JOIN users u ON u.pk = m.user_pk
            WHERE m.group_pk = ? ORDER BY u.pk
            """
        ).query([pk]) { ResourceReference(id: $0.string(0) ?? "", display: $0.string(1)) }
        guard !members.isEmpty else { return nil }
        return .array(
            members.map { member in
                var object = JSONObject([("value", .string(member.id))])
                if let display = member.display { object["display"] = .string(display) }
                return .object(object)
            })
    }
}
