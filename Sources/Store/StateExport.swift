import JSON
import SCIM
import SQLite
import Synchronization

/// The store as a fixture document (`Store.exportState()`), produced a page at a time so that neither
/// memory nor the store's lock grows with the data: each `next()` reads at most `pageRows` rows under
/// the lock (keyset on row ids: accounts, then per IdP its secrets, users, groups and logs) and returns
/// their JSON. Bytes are those of the whole export, whatever the page size.
///
/// Pages are one state only if no write lands between them: the export remembers the connection's change
/// count at its first page, and a later page of a store that changed since throws
/// `StoreError.changedDuringExport` rather than hand out a mix of two states (a group naming a user the
/// export passed before it was created would not load back). A store that fits in one page never sees this.
public final class StateExport: Sendable {
    /// Rows (accounts, IdPs, secrets, resources, logs) read per lock hold by default.
    public static let defaultPageRows = 2000

    private let store: Store
    private let pageRows: Int
    private let cursor = Mutex(Cursor())

    init(store: Store, pageRows: Int) {
        self.store = store
        self.pageRows = max(1, pageRows)
    }

    /// The next part of the document, nil after the last.
    public func next() throws -> [UInt8]? {
        try cursor.withLock { cursor -> [UInt8]? in
            guard !cursor.finished else { return nil }
            let rows = pageRows
            return try store.read { state -> [UInt8] in
                let changes = state.connection.totalChanges
                if let seen = cursor.changes, seen != changes { throw StoreError.changedDuringExport }
                cursor.changes = changes
                var w = JSONWriter(capacity: 1 << 16)
                try cursor.write(rows, state.connection, &w)
                return w.bytes
            }
        }
    }
}

/// Where an export is: the account and IdP it is in, the section of that IdP, and the last row id written.
private struct Cursor {
    enum Section { case users, groups, logs }

    /// The connection's change count when the first page was read.
    var changes: Int64?
    var started = false
    var finished = false
    var account: String?
    var lastAccount: String?
    var idp: (pk: Int64, id: String)?
    var lastIdpPK: Int64 = 0
    var section = Section.users
    var lastRowPK: Int64 = 0
    /// Rows of the current section written so far (the first has no comma before it).
    var sectionRows = 0
    /// The IdP's last log row id, once its logs section started.
    var lastLogPK: Int64?

    /// Writes up to `budget` rows' worth of the document, or its rest.
    mutating func write(_ budget: Int, _ c: Connection, _ w: inout JSONWriter) throws {
        var left = budget
        if !started {
            started = true
            w.raw("{\"accounts\":[")
        }
        while left > 0, !finished {
            if account == nil {
                try enterNextAccount(c, &w)
                left -= 1
            } else if idp == nil {
                left -= try enterNextIdentityProvider(c, &w)
            } else {
                left -= try writeSection(limit: left, c, &w)
            }
        }
    }

    private mutating func enterNextAccount(_ c: Connection, _ w: inout JSONWriter) throws {
        let next = try c.statement("SELECT id FROM accounts WHERE ?1 IS NULL OR id > ?1 ORDER BY id LIMIT 1")
            .queryFirst([lastAccount]) { $0.string(0) ?? "" }
        guard let next else {
            w.raw("]}\n")
            finished = true
            return
        }
        if lastAccount != nil { w.raw(",") }
        w.raw("{\"id\":"); w.string(next); w.raw(",\"identity_providers\":[")
        account = next
        lastAccount = next
        lastIdpPK = 0
    }

    /// Opens the account's next IdP with its name, type and secrets; closes the account after its last.
    /// Returns the rows read.
    private mutating func enterNextIdentityProvider(_ c: Connection, _ w: inout JSONWriter) throws -> Int {
        let next = try c.statement(
            "SELECT pk, id, name, type FROM identity_providers WHERE account_id = ? AND pk > ? ORDER BY pk LIMIT 1"
        ).queryFirst([account, lastIdpPK]) {
            (pk: $0.int64(0), id: $0.string(1) ?? "", name: $0.string(2) ?? "", type: $0.string(3) ?? "")
        }
        guard let next else {
            w.raw("]}")
            account = nil
            return 1
        }
        let secrets = try c.statement("SELECT secret FROM scim_secrets WHERE idp_id = ? ORDER BY secret")
            .query([next.id]) { $0.string(0) ?? "" }
        if lastIdpPK != 0 { w.raw(",") }
        w.raw("{\"id\":"); w.string(next.id)
        w.raw(",\"name\":"); w.string(next.name)
        w.raw(",\"type\":"); w.string(next.type)
        w.raw(",\"scim_secrets\":"); w.value(.array(secrets.map { .string($0) }))
        w.raw(",\"users\":[")
        idp = (next.pk, next.id)
        lastIdpPK = next.pk
        section = .users
        lastRowPK = 0
        sectionRows = 0
        lastLogPK = nil
        return 1 + secrets.count
    }

    /// Writes up to `limit` rows of the current section; a short page ends the section (and after the
    /// logs, the IdP). Returns the rows read, at least 1 so that every call moves on.
    private mutating func writeSection(limit: Int, _ c: Connection, _ w: inout JSONWriter) throws -> Int {
        guard let idp else { return 1 }
        let first = sectionRows == 0
        let (count, last): (Int, Int64?)
        switch section {
        case .users: (count, last) = try Self.writeResources(.users, idp.id, after: lastRowPK, limit, first, c, &w)
        case .groups: (count, last) = try Self.writeResources(.groups, idp.id, after: lastRowPK, limit, first, c, &w)
        case .logs:
            let through = try lastLogPK ?? startLogs(idp.pk, c)
            (count, last) = try Self.writeLogs(idp.pk, after: lastRowPK, through: through, limit, first, c, &w)
        }
        if let last { lastRowPK = last }
        sectionRows += count
        if count < limit {
            switch section {
            case .users: w.raw("],\"groups\":[")
            case .groups: w.raw("],\"update_logs\":[")
            case .logs: w.raw("]}")
            }
            lastRowPK = 0
            sectionRows = 0
            if section == .logs { self.idp = nil }
            section = section == .users ? .groups : .logs
        }
        return max(1, count)
    }

    /// The range of the IdP's log row ids: pages then walk the rows by row id between its ends, which
    /// needs no sort (an IdP's index is in time order, and the export is in row-id order). Logs loaded
    /// from a fixture are contiguous; logs of IdPs written in turn are read past once per IdP.
    private mutating func startLogs(_ idpPK: Int64, _ c: Connection) throws -> Int64 {
        let range = try c.statement("SELECT MIN(pk), MAX(pk) FROM update_logs WHERE idp_pk = ?").queryFirst([idpPK]) {
            (first: $0.int64(0), last: $0.int64(1))
        }
        lastRowPK = max(0, (range?.first ?? 1) - 1)
        lastLogPK = range?.last ?? 0
        return lastLogPK ?? 0
    }

    private static func writeResources(
        _ table: Store.Table, _ idp: String, after: Int64, _ limit: Int, _ first: Bool, _ c: Connection,
        _ w: inout JSONWriter
    ) throws -> (Int, Int64?) {
        let rows = try c.statement(
            "SELECT pk, id, resource, version FROM \(table.rawValue) WHERE idp_id = ? AND pk > ? ORDER BY pk LIMIT ?"
        ).query([idp, after, limit]) { row in
            StoredRow(pk: row.int64(0), id: row.string(1) ?? "", version: row.int(3), text: row.withUnsafeBytes(2) { Array($0) })
        }
        for (r, row) in rows.enumerated() {
            if r > 0 || !first { w.raw(",") }
            var json = Store.withVersion(try row.resource(table))
            if table == .groups { json["members"] = try Store.memberList(ofGroup: row.pk, c) }
            w.value(.object(json))
        }
        return (rows.count, rows.last?.pk)
    }

    /// `+idp_pk` keeps SQLite off the IdP's time-ordered indexes, which would sort every log of the IdP
    /// for each page: the row-id range is walked instead.
    private static func writeLogs(
        _ idpPK: Int64, after: Int64, through: Int64, _ limit: Int, _ first: Bool, _ c: Connection,
        _ w: inout JSONWriter
    ) throws -> (Int, Int64?) {
        let statement = try c.statement(
            """
            SELECT pk, logged_at, request_method, resource_type, status, cf_resource_id, idp_resource_id,
              resource_user_email, resource_group_name, request_body, error_description
            FROM update_logs WHERE +idp_pk = ? AND pk > ? AND pk <= ? ORDER BY pk LIMIT ?
            """)
        var count = 0
        var last: Int64?
        _ = try statement.query([idpPK, after, through, limit]) { row -> Void in
            if count > 0 || !first { w.raw(",") }
            count += 1
            last = row.int64(0)
            w.raw("{\"logged_at\":"); w.string(Timestamp(microseconds: row.int64(1)).rfc3339Micros)
            let method: UpdateLog.Method = try row.storageCoded(2, column: "request_method")
            let type: UpdateLog.ResourceType = try row.storageCoded(3, column: "resource_type")
            let status: UpdateLog.Status = try row.storageCoded(4, column: "status")
            w.raw(",\"request_method\":"); w.string(method.rawValue)
            w.raw(",\"resource_type\":"); w.string(type.rawValue)
            w.raw(",\"status\":"); w.string(status.rawValue)
            let optional: [(StaticString, Int)] = [
                ("cf_resource_id", 5), ("idp_resource_id", 6), ("resource_user_email", 7), ("resource_group_name", 8),
                ("request_body", 9), ("error_description", 10),
            ]
            for (key, index) in optional {
                guard let text = row.string(index) else { continue }
                w.raw(","); w.key(key); w.string(text)
            }
            w.raw("}")
        }
        return (count, last)
    }
}
