import JSON
import SCIM
import SQLite

/// Resource versions: written with every SCIM write (`TouchedResources`), seeded by fixture loads, read
/// a page at a time for a resource's history.
extension Store {
    /// A failed write aimed at an existing resource leaves an `UNCHANGED` row, so its history shows the attempt.
    static func recordUnchanged(_ draft: UpdateLogDraft, log: Int64, tenant: SCIMTenant, _ connection: Connection) throws {
        guard let id = draft.cfResourceID else { return }
        try connection.statement(
            """
            INSERT INTO resource_versions (\(VersionSQL.columns))
            SELECT ?, ?, ?, ?, 3, NULL, NULL, NULL WHERE EXISTS (SELECT 1 FROM \(draft.kind.table.rawValue)
              WHERE id = ? AND idp_id = ?)
            """
        ).run([tenant.pk, draft.kind.logType.storageCode, id, log, id, tenant.idp.id])
    }

    /// Seeds a version of every resource of the IdP with row id `idpPK`, as loaded.
    static func seedVersions(idpPK: Int64, _ connection: Connection) throws {
        try connection.statement(VersionSQL.seedUsers("i.pk = ?")).run([idpPK])
        try connection.statement(VersionSQL.seedGroups("i.pk = ?")).run([idpPK])
    }

    /// The history of the resource `id` of the tenant's IdP, newest first, a page at a time; an empty
    /// page when it has none (no such resource, ever).
    public func versions(_ kind: SCIMResourceKind, id: String, tenant: SCIMTenant, window: PageWindow) throws -> VersionPage {
        try read { state in
            let key: [any SQLiteBindable] = [tenant.pk, kind.logType.storageCode, id]
            let scope = "WHERE v.idp_pk = ? AND v.resource_type = ? AND v.resource_id = ?"
            let total = try state.cachedCount(sql: "SELECT COUNT(*) FROM resource_versions v " + scope, bindings: key)
            let rows = window.rowCount(total: total)
            guard rows > 0 else {
                return VersionPage(versions: Page(items: [], totalCount: total, window: window), baseline: nil)
            }
            let items = try state.connection.statement(Self.versionSelect + " \(scope) ORDER BY v.pk DESC LIMIT ? OFFSET ?")
                .query(key + [rows, window.offset]) { try Self.version($0, kind, idpID: tenant.idp.id) }
            let before = try state.connection.statement(
                Self.versionSelect + " \(scope) AND v.pk < ? AND v.change != 3 ORDER BY v.pk DESC LIMIT 1"
            ).queryFirst(key + [items.last?.id ?? 0]) { try Self.version($0, kind, idpID: tenant.idp.id) }
            return VersionPage(versions: Page(items: items, totalCount: total, window: window), baseline: before?.record)
        }
    }

    private static let versionSelect = """
        SELECT v.pk, v.change, v.log_pk, v.resource_id, v.version, v.resource, v.refs, l.pk IS NOT NULL,
          \(logColumns("l"))
        FROM resource_versions v LEFT JOIN update_logs l ON l.pk = v.log_pk
        """

    private static func version(_ row: Row, _ kind: SCIMResourceKind, idpID: String) throws -> ResourceVersion {
        let pk = row.int64(0)
        let change: ResourceVersion.Change = try row.storageCoded(1, column: "change")
        var record: SCIMRecord?
        if !row.isNull(5) {
            let text = row.withUnsafeBytes(5) { Array($0) }
            let resource = try storedResource(pk: pk, id: row.string(3) ?? "", text: text, version: row.int(4), table: kind.table)
            record = SCIMRecord(resource: resource, references: try references(row.string(6), versionPK: pk))
        }
        let log = row.int(7) != 0 ? try Self.log(row, from: 8, idpID: idpID) : nil
        return ResourceVersion(id: pk, change: change, logID: row.isNull(2) ? nil : row.int64(2), log: log, record: record)
    }

    /// `[{"id","display"}]` as stored in `refs`.
    private static func references(_ text: String?, versionPK: Int64) throws -> [ResourceReference] {
        guard let text else { return [] }
        guard case .array(let items)? = try? JSONReader.parse(Array(text.utf8)) else {
            throw StoreError.corruptRow(table: "resource_versions", pk: versionPK, reason: "refs is not a JSON array")
        }
        return items.compactMap { item in
            guard let object = item.objectValue, let id = object["id"]?.stringValue else { return nil }
            return ResourceReference(id: id, display: object["display"]?.stringValue)
        }
    }
}
