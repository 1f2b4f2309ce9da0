import SCIM
import SQLite

extension Store {
    /// Appends one log row; `account` is the IdP's account.
    static func insert(_ log: UpdateLog, account: String, into connection: Connection) throws {
        try connection.statement("""
            INSERT INTO update_logs (account_id, idp_id, logged_at, request_method, resource_type, status,
              cf_resource_id, idp_resource_id, resource_user_email, resource_group_name, request_body, error_description)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([
            account, log.idpID, log.loggedAt.microseconds, log.requestMethod.rawValue, log.resourceType.rawValue,
            log.status.rawValue, log.cfResourceID, log.idpResourceID, log.resourceUserEmail, log.resourceGroupName,
            log.requestBody, log.errorDescription,
        ])
    }

    public func updateLogs(_ query: LogQuery) throws -> Page<UpdateLog> {
        var filter = SQLFilter()
        filter.equals("account_id", query.accountID)
        filter.oneOf("idp_id", query.idpIDs)
        filter.oneOf("status", query.statuses.map(\.rawValue))
        filter.oneOf("resource_type", query.resourceTypes.map(\.rawValue))
        filter.oneOf("request_method", query.methods.map(\.rawValue))
        filter.oneOf("cf_resource_id", query.cfResourceIDs)
        filter.oneOf("idp_resource_id", query.idpResourceIDs)
        filter.oneOf("resource_user_email", query.userEmails)
        filter.oneOf("resource_group_name", query.groupNames)
        if let since = query.since { filter.raw("logged_at >= ?", [since.microseconds]) }
        if let until = query.until { filter.raw("logged_at <= ?", [until.microseconds]) }
        let order = query.ascending ? "ASC" : "DESC"
        let window = query.window
        return try read { state in
            let total = try state.cachedCount(sql: "SELECT COUNT(*) FROM update_logs" + filter.whereClause, bindings: filter.bindings)
            let rows = window.rowCount(total: total)
            guard rows > 0 else { return Page(items: [], totalCount: total, window: window) }
            let sql = """
                SELECT idp_id, logged_at, request_method, resource_type, status, cf_resource_id, idp_resource_id,
                  resource_user_email, resource_group_name, request_body, error_description
                FROM update_logs\(filter.whereClause) ORDER BY logged_at \(order), pk \(order) LIMIT ? OFFSET ?
                """
            let items = try state.connection.statement(sql).query(filter.bindings + [rows, window.offset]) { row in
                UpdateLog(
                    idpID: row.string(0) ?? "", loggedAt: Timestamp(microseconds: row.int64(1)),
                    requestMethod: UpdateLog.Method(rawValue: row.string(2) ?? "") ?? .POST,
                    resourceType: UpdateLog.ResourceType(rawValue: row.string(3) ?? "") ?? .USER,
                    status: UpdateLog.Status(rawValue: row.string(4) ?? "") ?? .SUCCESS,
                    cfResourceID: row.string(5), idpResourceID: row.string(6), resourceUserEmail: row.string(7),
                    resourceGroupName: row.string(8), requestBody: row.string(9), errorDescription: row.string(10))
            }
            return Page(items: items, totalCount: total, window: window)
        }
    }
}
