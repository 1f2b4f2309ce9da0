import SCIM
import SQLite
import JSON

/// Log enums are stored as their index in `allCases`: one byte per column instead of a word.
extension CaseIterable where Self: Equatable, AllCases.Index == Int {
    var storageCode: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    init?(storageCode: Int) {
        guard Self.allCases.indices.contains(storageCode) else { return nil }
        self = Self.allCases[storageCode]
    }
}

extension Store {
    /// Appends one log row for the IdP whose row id is `idpPK`; returns the row's id.
    @discardableResult
    static func insert(_ log: UpdateLog, idpPK: Int64, into connection: Connection) throws -> Int64 {
        try connection.statement("""
            INSERT INTO update_logs (idp_pk, logged_at, request_method, resource_type, status,
              cf_resource_id, idp_resource_id, resource_user_email, resource_group_name, request_body, error_description)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([
            idpPK, log.loggedAt.microseconds, log.requestMethod.storageCode, log.resourceType.storageCode,
            log.status.storageCode, log.cfResourceID, log.idpResourceID, log.resourceUserEmail, log.resourceGroupName,
            log.requestBody, log.errorDescription,
        ])
        return connection.lastInsertRowID
    }

    public func updateLogs(_ query: LogQuery) throws -> Page<UpdateLog> {
        let window = query.window
        return try read { state in
            var idpFilter = SQLFilter()
            idpFilter.equals("account_id", query.accountID)
            idpFilter.oneOf("id", query.idpIDs)
            let idps = try state.connection.statement("SELECT pk, id FROM identity_providers" + idpFilter.whereClause)
                .query(idpFilter.bindings) { (pk: $0.int64(0), id: $0.string(1) ?? "") }
            guard !idps.isEmpty else { return Page(items: [], totalCount: 0, window: window) }

            var filter = SQLFilter()
            filter.oneOf("idp_pk", idps.map { String($0.pk) })
            filter.oneOf("status", query.statuses.map { String($0.storageCode) })
            filter.oneOf("resource_type", query.resourceTypes.map { String($0.storageCode) })
            filter.oneOf("request_method", query.methods.map { String($0.storageCode) })
            filter.oneOf("cf_resource_id", query.cfResourceIDs)
            filter.oneOf("idp_resource_id", query.idpResourceIDs)
            filter.oneOf("resource_user_email", query.userEmails)
            filter.oneOf("resource_group_name", query.groupNames)
            if let since = query.since { filter.raw("logged_at >= ?", [since.microseconds]) }
            if let until = query.until { filter.raw("logged_at <= ?", [until.microseconds]) }

            let total = try state.cachedCount(sql: "SELECT COUNT(*) FROM update_logs" + filter.whereClause, bindings: filter.bindings)
            let rows = window.rowCount(total: total)
            guard rows > 0 else { return Page(items: [], totalCount: total, window: window) }
            let order = query.ascending ? "ASC" : "DESC"
            let sql = """
                SELECT idp_pk, logged_at, request_method, resource_type, status, cf_resource_id, idp_resource_id,
                  resource_user_email, resource_group_name, request_body, error_description
                FROM update_logs\(filter.whereClause) ORDER BY logged_at \(order), pk \(order) LIMIT ? OFFSET ?
                """
            let idpIDs = Dictionary(idps.map { ($0.pk, $0.id) }, uniquingKeysWith: { a, _ in a })
            let items = try state.connection.statement(sql).query(filter.bindings + [rows, window.offset]) { row in
                UpdateLog(
                    idpID: idpIDs[row.int64(0)] ?? "", loggedAt: Timestamp(microseconds: row.int64(1)),
                    requestMethod: UpdateLog.Method(storageCode: row.int(2)) ?? .POST,
                    resourceType: UpdateLog.ResourceType(storageCode: row.int(3)) ?? .USER,
                    status: UpdateLog.Status(storageCode: row.int(4)) ?? .SUCCESS,
                    cfResourceID: row.string(5), idpResourceID: row.string(6), resourceUserEmail: row.string(7),
                    resourceGroupName: row.string(8), requestBody: row.string(9), errorDescription: row.string(10))
            }
            return Page(items: items, totalCount: total, window: window)
        }
    }
}
