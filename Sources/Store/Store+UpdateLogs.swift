import JSON
import SCIM
import SQLite

extension Row {
    /// The log enum stored in column `index` (named `column`, for the message). A code no case has means
    /// the file was written by a newer build or by hand: an error, never a silent default.
    func storageCoded<E: UpdateLog.StorageCoded>(_ index: Int, column: String) throws(StoreError) -> E {
        let shown: String
        switch value(index) {
        case .integer(let code):
            if let decoded = E(storageCode: Int(code)) { return decoded }
            shown = String(code)
        case .text(let text): shown = "'\(text)'"
        case let other: shown = "\(other)"
        }
        let known = E.allCases.map { "\($0.storageCode) \($0.rawValue)" }.joined(separator: ", ")
        throw .unknownCode(column: "update_logs.\(column)", value: shown, known: known)
    }
}

extension Store {
    /// Appends one log row for the IdP whose row id is `idpPK`; returns the row's id.
    @discardableResult
    static func insert(_ log: UpdateLog, idpPK: Int64, into connection: Connection) throws -> Int64 {
        try connection.statement(
            """
            INSERT INTO update_logs (idp_pk, logged_at, request_method, resource_type, status,
              cf_resource_id, idp_resource_id, resource_user_email, resource_group_name, request_body, error_description)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).run([
            idpPK, log.loggedAt.microseconds, log.requestMethod.storageCode, log.resourceType.storageCode,
            log.status.storageCode, log.cfResourceID, log.idpResourceID, log.resourceUserEmail, log.resourceGroupName,
            log.requestBody, log.errorDescription,
        ])
        return connection.lastInsertRowID
    }

    public func updateLogs(_ query: LogQuery) throws -> Page<UpdateLog> {
        let page = try updateLogEntries(query)
        return Page(items: page.items.map(\.log), totalCount: page.totalCount, window: page.window)
    }

    /// The same page as `updateLogs`, each log with its row id (the dashboard links to it, and the live
    /// tail resumes after it).
    public func updateLogEntries(_ query: LogQuery) throws -> Page<StoredUpdateLog> {
        let window = query.window
        return try read { state in
            guard let (idpIDs, filter) = try Self.logFilter(query, state.connection) else {
                return Page(items: [], totalCount: 0, window: window)
            }
            let total = try Self.logCount(query, filter, state)
            let rows = window.rowCount(total: total)
            guard rows > 0 else { return Page(items: [], totalCount: total, window: window) }
            let (sql, bindings) = Self.pageSQL(filter, idps: Array(idpIDs.keys), ascending: query.ascending, rows: rows, window)
            let items = try state.connection.statement(sql).query(bindings) { row in
                StoredUpdateLog(id: row.int64(0), log: try Self.log(row, from: 2, idpID: idpIDs[row.int64(1)] ?? ""))
            }
            return Page(items: items, totalCount: total, window: window)
        }
    }

    /// The logs matching `query`'s filters (not its window or order) added after the log `after` and up to
    /// `through` (nil: the newest), oldest first, at most `limit`: what a live tail sends next, with each
    /// log's row id. The row-id range leads, so a tail reads only the rows it has not seen.
    public func updateLogs(
        _ query: LogQuery, after: Int64, through: Int64? = nil, limit: Int
    ) throws -> [(id: Int64, log: UpdateLog)] {
        try read { state in
            guard let (idpIDs, scope) = try Self.logFilter(query, state.connection) else { return [] }
            var filter = scope
            filter.raw("pk > ?", [after])
            if let through { filter.raw("pk <= ?", [through]) }
            let sql =
                "SELECT pk, idp_pk, \(Self.logColumns("update_logs")) FROM update_logs\(filter.whereClause) "
                + "ORDER BY pk LIMIT ?"
            return try state.connection.statement(sql).query(filter.bindings + [limit]) { row in
                (row.int64(0), try Self.log(row, from: 2, idpID: idpIDs[row.int64(1)] ?? ""))
            }
        }
    }

    /// The row id of the newest log, 0 when there is none: where a live tail without `Last-Event-ID` starts.
    public func lastUpdateLogID() throws -> Int64 {
        try read { state in try state.connection.statement("SELECT MAX(pk) FROM update_logs").queryFirst { $0.int64(0) } ?? 0 }
    }

    /// The WHERE clause of `query`'s filters and the ids of the IdPs it covers by row id; nil when it
    /// covers no IdP.
    private static func logFilter(_ query: LogQuery, _ connection: Connection) throws -> ([Int64: String], SQLFilter)? {
        var idpFilter = SQLFilter()
        idpFilter.equals("account_id", query.accountID)
        idpFilter.oneOf("id", query.idpIDs)
        let idps = try connection.statement("SELECT pk, id FROM identity_providers" + idpFilter.whereClause)
            .query(idpFilter.bindings) { (pk: $0.int64(0), id: $0.string(1) ?? "") }
        guard !idps.isEmpty else { return nil }
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
        return (Dictionary(idps.map { ($0.pk, $0.id) }, uniquingKeysWith: { a, _ in a }), filter)
    }

    /// The columns `log(_:from:idpID:)` reads, of the `update_logs` row named `table`.
    static func logColumns(_ table: String) -> String {
        [
            "logged_at", "request_method", "resource_type", "status", "cf_resource_id", "idp_resource_id",
            "resource_user_email", "resource_group_name", "request_body", "error_description",
        ]
        .map { "\(table).\($0)" }.joined(separator: ", ")
    }

    /// The log whose `logColumns` start at column `index`.
    static func log(_ row: Row, from index: Int, idpID: String) throws -> UpdateLog {
        UpdateLog(
            idpID: idpID, loggedAt: Timestamp(microseconds: row.int64(index)),
            requestMethod: try row.storageCoded(index + 1, column: "request_method"),
            resourceType: try row.storageCoded(index + 2, column: "resource_type"),
            status: try row.storageCoded(index + 3, column: "status"),
            cfResourceID: row.string(index + 4), idpResourceID: row.string(index + 5),
            resourceUserEmail: row.string(index + 6), resourceGroupName: row.string(index + 7),
            requestBody: row.string(index + 8), errorDescription: row.string(index + 9))
    }

    /// The logs matching `query` (whose WHERE clause is `filter`). With filters only on IdP and enums the
    /// counters the write transaction keeps answer exactly in a few rows, however many writes run;
    /// other filters fall back to a COUNT(*). Either is remembered until the next write.
    private static func logCount(_ query: LogQuery, _ filter: SQLFilter, _ state: State) throws -> Int {
        let byText = [query.cfResourceIDs, query.idpResourceIDs, query.userEmails, query.groupNames]
        if query.since == nil, query.until == nil, byText.allSatisfy(\.isEmpty) {
            return try state.cachedCount(
                sql: "SELECT COALESCE(SUM(n), 0) FROM update_log_counts" + filter.whereClause,
                bindings: filter.bindings)
        }
        return try state.cachedCount(sql: "SELECT COUNT(*) FROM update_logs" + filter.whereClause, bindings: filter.bindings)
    }
}
