import JSON
import SCIM
import SQLite

/// An update log with the row id the store gave it: ids grow in insertion order, so "after id N" is
/// "written after log N", which is how the dashboard links a log and how a live tail resumes.
public struct StoredUpdateLog: Sendable, Equatable {
    public var id: Int64
    public var log: UpdateLog

    public init(id: Int64, log: UpdateLog) {
        self.id = id
        self.log = log
    }
}

/// One log with its IdP and the logs of the same resource just before and after it.
public struct UpdateLogDetail: Sendable, Equatable {
    public var entry: StoredUpdateLog
    public var idp: IdentityProvider
    public var previousOfResource: Int64?
    public var nextOfResource: Int64?
}

extension Store {
    /// The SELECT of one page of logs. Over several IdPs, an early page is the merge of each IdP's own first
    /// rows: each walks its `(idp_pk, logged_at)` index and stops, where one query over all of them would
    /// sort every matching row (logs page p50 17 ms for the 10 IdPs of the 100k-log bench fixture, 3.6 ms merged).
    /// `filter` is `logFilter`'s: its first condition, with one binding, is the IdP one.
    static func pageSQL(
        _ filter: SQLFilter, idps: [Int64], ascending: Bool, rows: Int, _ window: PageWindow
    ) -> (String, [any SQLiteBindable]) {
        let order = ascending ? "ASC" : "DESC"
        let columns = "pk, idp_pk, \(logColumns("update_logs"))"
        let ordering = " ORDER BY logged_at \(order), pk \(order)"
        let depth = window.offset + rows
        guard idps.count > 1, idps.count <= 64, depth <= 2000 else {
            return (
                "SELECT \(columns) FROM update_logs\(filter.whereClause)\(ordering) LIMIT ? OFFSET ?",
                filter.bindings + [rows, window.offset]
            )
        }
        let others = filter.conditions.dropFirst()
        let otherBindings = filter.bindings.dropFirst()
        let condition = (["idp_pk = ?"] + others).joined(separator: " AND ")
        let member = "SELECT * FROM (SELECT \(columns) FROM update_logs WHERE \(condition)\(ordering) LIMIT ?)"
        var bindings: [any SQLiteBindable] = []
        for idp in idps.sorted() { bindings += [idp] + otherBindings + [depth] }
        let sql = Array(repeating: member, count: idps.count).joined(separator: " UNION ALL ") + ordering + " LIMIT ? OFFSET ?"
        return (sql, bindings + [rows, window.offset])
    }

    /// The log with row id `id` (if it belongs to an IdP of `account`, when given), with its neighbours among the logs
    /// of the same resource (same IdP and `cf_resource_id`), in the list's order of time then id.
    public func updateLog(id: Int64, account: String?) throws -> UpdateLogDetail? {
        try read { state in
            let log = try state.connection.statement(
                "SELECT idp_pk, \(Self.logColumns("update_logs")) FROM update_logs WHERE pk = ?"
            ).queryFirst([id]) { row in
                (idpPK: row.int64(0), entry: StoredUpdateLog(id: id, log: try Self.log(row, from: 1, idpID: "")))
            }
            guard let (idpPK, found) = log else { return nil }
            let idp = try state.connection.statement(
                "SELECT id, account_id, name, type FROM identity_providers WHERE pk = ? AND (?2 IS NULL OR account_id = ?2)"
            ).queryFirst([idpPK, account]) { row in
                IdentityProvider(
                    id: row.string(0) ?? "", accountID: row.string(1) ?? "", name: row.string(2) ?? "",
                    type: row.string(3) ?? "")
            }
            guard let idp else { return nil }
            var entry = found
            entry.log.idpID = idp.id
            var detail = UpdateLogDetail(entry: entry, idp: idp)
            if let resource = entry.log.cfResourceID {
                let near = "SELECT pk FROM update_logs WHERE idp_pk = ? AND cf_resource_id = ? AND "
                let at = entry.log.loggedAt.microseconds
                let bindings: [any SQLiteBindable] = [idpPK, resource, at, at, entry.id]
                detail.previousOfResource = try state.connection.statement(
                    near + "(logged_at < ? OR (logged_at = ? AND pk < ?)) ORDER BY logged_at DESC, pk DESC LIMIT 1"
                ).queryFirst(bindings) { $0.int64(0) }
                detail.nextOfResource = try state.connection.statement(
                    near + "(logged_at > ? OR (logged_at = ? AND pk > ?)) ORDER BY logged_at, pk LIMIT 1"
                ).queryFirst(bindings) { $0.int64(0) }
            }
            return detail
        }
    }

    /// Every account with its IdPs (by name), for the dashboard's pickers; at most `limit` IdPs in all.
    public func accountsWithIdentityProviders(limit: Int = 1000) throws -> [(account: String, idps: [IdentityProvider])] {
        let rows = try read { state in
            try state.connection.statement(
                """
                SELECT a.id, i.id, i.name, i.type FROM accounts a LEFT JOIN identity_providers i ON i.account_id = a.id
                ORDER BY a.id, i.name, i.id LIMIT ?
                """
            ).query([limit]) { row in
                (
                    account: row.string(0) ?? "",
                    idp: row.string(1).map { id in
                        IdentityProvider(
                            id: id, accountID: row.string(0) ?? "", name: row.string(2) ?? "", type: row.string(3) ?? "")
                    }
                )
            }
        }
        var result: [(account: String, idps: [IdentityProvider])] = []
        for row in rows {
            if result.last?.account != row.account { result.append((row.account, [])) }
            if let idp = row.idp { result[result.count - 1].idps.append(idp) }
        }
        return result
    }
}
