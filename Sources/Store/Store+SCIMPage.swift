import JSON
import SCIM
import SQLite

/// One page of a SCIM list, paged in SQL. A filter SQL answers exactly (see `SCIMFilterSQL`) pages with
/// COUNT and LIMIT/OFFSET; otherwise SQL narrows the candidates, which are read `scanChunk` rows at a
/// time and checked in Swift, so memory stays bounded by the chunk and the page. `sortBy` on a column
/// (id, userName, displayName, externalId, meta.created, meta.lastModified) sorts in SQL when every
/// value of the IdP sorts there as `SCIMSorting` would; any other sort evaluates all matches and sorts
/// their keys in Swift, then reads only the page's rows.
extension Store {
    static let scanChunk = 200

    /// `full` builds the resource filters and sorts see (with `groups`/`members` when the filter or sort
    /// names them); it is called only for rows SQL cannot decide and, for a Swift sort, for each match.
    /// `startIndex` is 1-based. Rows come back in page order; `total` counts all matches.
    /// `cache` (the store's state) remembers an exact page's COUNT and row-id strides until the next write.
    static func scimPage(
        _ table: Table, idp: String, filter: SCIMFilter?, sortBy: String?, descending: Bool = false,
        startIndex: Int, count: Int, full: (StoredResource) throws -> JSONObject,
        cache: State? = nil, _ connection: Connection
    ) throws -> (rows: [StoredRow], total: Int) {
        let translated = filter.map { SCIMFilterSQL.pushable($0) ? SCIMFilterSQL.translate($0, table: table) : .unknown }
        let scope = SCIMFilterSQL.join(
            [
                SCIMFilterSQL.Clause(sql: "idp_id = ?", bindings: [idp]),
                translated?.maybe ?? .always,
            ], "AND")
        let window = (offset: max(startIndex, 1) - 1, count: max(count, 0))
        func check(_ stored: StoredResource) throws -> Bool {
            try filter.map { $0.matches(try full(stored), schema: table.schema, extensions: table.extensions) } ?? true
        }
        func key(_ stored: StoredResource) throws -> SCIMSorting.Value? {
            SCIMSorting.key(try full(stored), sortBy ?? "", schema: table.schema)
        }
        guard let order = try sqlOrder(table, idp: idp, sortBy: sortBy, descending: descending, connection) else {
            return try swiftSorted(
                table, scope, sure: translated?.sure, window: window, matches: check,
                key: key,
                descending: descending, connection)
        }
        guard let translated, try !isExact(translated, table, idp: idp, connection) else {
            return try exactPage(table, scope, order: order, window: window, cache: cache, connection)
        }
        return try scan(table, scope, sure: translated.sure, order: order, window: window, matches: check, connection)
    }

    /// Whether `maybe` is exact for this IdP's rows: statically, or because no row lies between the bounds.
    private static func isExact(
        _ translated: SCIMFilterSQL, _ table: Table, idp: String,
        _ connection: Connection
    ) throws -> Bool {
        if translated.exact { return true }
        let between = SCIMFilterSQL.join([translated.maybe, SCIMFilterSQL.not(translated.sure)], "AND")
        return try !exists(table, idp: idp, between, connection)
    }

    private static func exists(
        _ table: Table, idp: String, _ clause: SCIMFilterSQL.Clause,
        _ connection: Connection
    ) throws -> Bool {
        if clause.isNever { return false }
        let sql = "SELECT EXISTS (SELECT 1 FROM \(table.rawValue) WHERE idp_id = ? AND (\(clause.sql)))"
        return try connection.statement(sql).queryFirst([idp] + clause.bindings) { $0.int(0) != 0 } ?? false
    }

    /// COUNT, then the window. In creation order the window starts from the nearest cached stride, so
    /// any page skips fewer than `State.strideLength` index entries; under a SQL sort its row ids are
    /// found in the index alone. Only the window's rows are read.
    private static func exactPage(
        _ table: Table, _ scope: SCIMFilterSQL.Clause, order: String,
        window: (offset: Int, count: Int), cache: State?, _ connection: Connection
    ) throws
        -> (rows: [StoredRow], total: Int)
    {
        let counted = "SELECT count(*) FROM \(table.rawValue) WHERE \(scope.sql)"
        let total =
            try cache?.cachedCount(sql: counted, bindings: scope.bindings)
            ?? connection.statement(counted).queryFirst(scope.bindings) { $0.int(0) } ?? 0
        guard window.count > 0, window.offset < total else { return ([], total) }
        var windowed = SCIMFilterSQL.Clause(
            sql: "pk IN (SELECT pk FROM \(table.rawValue) WHERE \(scope.sql) ORDER BY \(order) LIMIT ? OFFSET ?)",
            bindings: scope.bindings + [window.count, window.offset])
        if order == "pk", let cache {
            let strides = try cache.cachedStrides(
                sql: "SELECT pk FROM \(table.rawValue) WHERE \(scope.sql) ORDER BY pk",
                bindings: scope.bindings)
            let stride = window.offset / State.strideLength
            if stride < strides.count {
                windowed = SCIMFilterSQL.Clause(
                    sql: "pk IN (SELECT pk FROM \(table.rawValue) WHERE pk >= ? AND \(scope.sql) ORDER BY pk LIMIT ? OFFSET ?)",
                    bindings: [strides[stride]] + scope.bindings + [window.count, window.offset % State.strideLength])
            }
        }
        let rows = try candidates(table, windowed, sure: nil, order: order, limit: window.count, offset: 0, connection)
        return (rows.map(\.row), total)
    }

    /// Reads candidates in chunks (keyset by pk in creation order, OFFSET under a SQL sort), counting
    /// matches and keeping the window's.
    private static func scan(
        _ table: Table, _ scope: SCIMFilterSQL.Clause, sure: SCIMFilterSQL.Clause,
        order: String, window: (offset: Int, count: Int),
        matches: (StoredResource) throws -> Bool, _ connection: Connection
    ) throws
        -> (rows: [StoredRow], total: Int)
    {
        var (rows, total, read, last) = ([StoredRow](), 0, 0, Int64.min)
        while true {
            let keyset = order == "pk"
            let chunkScope = keyset ? SCIMFilterSQL.join([scope, .init(sql: "pk > ?", bindings: [last])], "AND") : scope
            let chunk = try candidates(
                table, chunkScope, sure: sure, order: order, limit: scanChunk,
                offset: keyset ? 0 : read, connection)
            for candidate in chunk {
                let wanted = total >= window.offset && rows.count < window.count
                if !candidate.sure, try !matches(try candidate.stored(table)) { continue }
                if wanted { rows.append(candidate.row) }
                total += 1
            }
            read += chunk.count
            last = chunk.last?.pk ?? last
            if chunk.count < scanChunk { return (rows, total) }
        }
    }

    /// The Swift sort: every match's key (memory: one key per match), sorted stably from creation order,
    /// then the page's rows read by pk.
    private static func swiftSorted(
        _ table: Table, _ scope: SCIMFilterSQL.Clause, sure: SCIMFilterSQL.Clause?,
        window: (offset: Int, count: Int), matches: (StoredResource) throws -> Bool,
        key: (StoredResource) throws -> SCIMSorting.Value?, descending: Bool,
        _ connection: Connection
    ) throws -> (rows: [StoredRow], total: Int) {
        var keyed: [(pk: Int64, key: SCIMSorting.Value?)] = []
        var last = Int64.min
        while true {
            let chunkScope = SCIMFilterSQL.join([scope, .init(sql: "pk > ?", bindings: [last])], "AND")
            let chunk = try candidates(table, chunkScope, sure: sure, order: "pk", limit: scanChunk, offset: 0, connection)
            for candidate in chunk {
                let stored = try candidate.stored(table)
                if !candidate.sure, try !matches(stored) { continue }
                keyed.append((stored.pk, try key(stored)))
            }
            last = chunk.last?.pk ?? last
            if chunk.count < scanChunk { break }
        }
        keyed.sort { a, b in SCIMSorting.precedes(a.key, b.key, descending: descending, aIsOlder: a.pk < b.pk) }
        let page = window.offset < keyed.count ? keyed[window.offset..<min(keyed.count, window.offset + window.count)] : []
        return (try rows(table, pks: page.map(\.pk), connection), keyed.count)
    }

    private static func rows(_ table: Table, pks: [Int64], _ connection: Connection) throws -> [StoredRow] {
        guard !pks.isEmpty else { return [] }
        let scope = SCIMFilterSQL.Clause(sql: "pk IN (SELECT value FROM json_each(?))", bindings: [SQLFilter.jsonArray(pks)])
        let found = try candidates(table, scope, sure: nil, order: "pk", limit: pks.count, offset: 0, connection)
        let byPK = Dictionary(found.map { ($0.pk, $0.row) }, uniquingKeysWith: { a, _ in a })
        return pks.compactMap { byPK[$0] }
    }

    /// A row read but not yet parsed: rows SQL decides and the page does not show are never parsed.
    private struct Candidate {
        var row: StoredRow
        var sure: Bool

        var pk: Int64 { row.pk }

        func stored(_ table: Table) throws -> StoredResource { try row.resource(table) }
    }

    private static func candidates(
        _ table: Table, _ scope: SCIMFilterSQL.Clause, sure: SCIMFilterSQL.Clause?,
        order: String, limit: Int, offset: Int, _ connection: Connection
    ) throws -> [Candidate] {
        let sql = """
            SELECT pk, id, resource, version, \(sure?.sql ?? "1") FROM \(table.rawValue)
            WHERE \(scope.sql) ORDER BY \(order) LIMIT ? OFFSET ?
            """
        return try connection.statement(sql).query((sure?.bindings ?? []) + scope.bindings + [limit, offset]) { row in
            Candidate(
                row: StoredRow(
                    pk: row.int64(0), id: row.string(1) ?? "", version: row.int(3),
                    text: row.withUnsafeBytes(2) { Array($0) }),
                sure: row.int(4) != 0)
        }
    }
}
