import Foundation
import JSON
import SCIM
import SQLite
import Store
import Synchronization
import TestSupport
import Testing

/// A fixture load into a store without logs stores them in bulk (`LogBulkLoad`: indexes and count
/// triggers dropped, built after the rows): the store it gives must be the one a row-by-row load gives.
@Suite struct LogBulkLoadTests {
    private let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bulk-\(UUID().uuidString)").path

    init() throws { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }

    private func path(_ name: String) -> String { directory + "/" + name + ".db" }

    private func removeFiles() { try? FileManager.default.removeItem(atPath: directory) }

    private static let generated = generatedFixtureText(idps: 3, users: 60, groups: 8, logs: 3000)

    /// An account of its own with one log: loaded first, it makes the next load row by row.
    private static let other = #"""
        {"accounts":[{"id":"0","identity_providers":[{"id":"other","name":"Other","update_logs":[
        {"logged_at":"2025-01-01T00:00:00Z","request_method":"POST","resource_type":"USER","status":"SUCCESS"}]}]}]}
        """#

    /// The schema objects and the non-zero log counts (by IdP id), read from the file itself.
    private func schemaAndCounts(_ path: String) throws -> (objects: [String], counts: [String]) {
        let raw = try Connection(path: path)
        let objects = try raw.statement("SELECT type || ' ' || name || ': ' || IFNULL(sql, '') FROM sqlite_master ORDER BY name")
            .query { $0.string(0) ?? "" }
        let counts = try raw.statement(
            """
            SELECT i.id || ' ' || c.request_method || c.resource_type || c.status || ' ' || c.n
            FROM update_log_counts c JOIN identity_providers i ON i.pk = c.idp_pk WHERE c.n > 0 ORDER BY 1
            """
        ).query { $0.string(0) ?? "" }
        return (objects, counts)
    }

    /// Loads with ids and times that do not depend on the run, so two stores can be compared.
    private func load(_ texts: [String], into store: Store, ids: IDs = IDs()) throws {
        let loader = FixtureLoader(now: { Timestamp(microseconds: 1_700_000_000_000_000) }, newID: ids.next)
        try loader.load(texts.enumerated().map { FixtureSource.bytes(Array($1.utf8), name: "f\($0).json") }, into: store)
    }

    private func answers(_ store: Store) throws -> [String] {
        var queries: [LogQuery] = []
        for idp in (1...3).map(FixtureGenerator.identityProviderID) + [okta] {
            var all = LogQuery(accountID: nil, idpIDs: [idp], window: PageWindow(page: 2, perPage: 7))
            queries.append(all)
            all.statuses = [.FAILURE]
            queries.append(all)
            all.statuses = []
            all.methods = [.PATCH]
            all.resourceTypes = [.GROUP]
            all.ascending = true
            queries.append(all)
        }
        return try queries.map { query in
            let page = try store.updateLogs(query)
            return "\(page.totalCount) \(page.items.map(\.cfResourceID))"
        }
    }

    @Test func aBulkLoadGivesTheStoreARowByRowLoadGives() throws {
        defer { removeFiles() }
        let bulk = try Store(path: path("bulk"))
        let bulkIDs = IDs()
        try load([defaultFixtureText, Self.generated], into: bulk, ids: bulkIDs)
        try load([Self.other], into: bulk, ids: bulkIDs)
        let rowByRow = try Store(path: path("rows"))
        let rowIDs = IDs()
        try load([Self.other], into: rowByRow, ids: rowIDs)
        try load([defaultFixtureText, Self.generated], into: rowByRow, ids: rowIDs)

        #expect(try bulk.counts().logs == 48 + 3000 + 1)
        #expect(try bulk.exportState() == rowByRow.exportState())
        #expect(try answers(bulk) == answers(rowByRow))
        let bulkSchema = try schemaAndCounts(path("bulk"))
        let rowSchema = try schemaAndCounts(path("rows"))
        #expect(bulkSchema.objects == rowSchema.objects, "every index and trigger is back")
        #expect(bulkSchema.counts == rowSchema.counts)
        #expect(bulkSchema.objects.filter { $0.hasPrefix("index update_logs_") }.count == 8)
        #expect(bulkSchema.objects.filter { $0.hasPrefix("trigger update_logs_count_") }.count == 3)
    }

    @Test func aBadLogIsRefusedWholeWithTheMessageOfARowByRowLoad() throws {
        defer { removeFiles() }
        let bad = Self.generated.replacingOccurrences(of: #""status":"FAILURE""#, with: #""status":"MAYBE""#)
        let bulk = try Store(path: path("bulk"))
        let bulkError = #expect(throws: FixtureError.self) { try load([bad], into: bulk) }
        let rowByRow = try Store(path: path("rows"))
        try load([Self.other], into: rowByRow)
        let rowError = #expect(throws: FixtureError.self) { try load([bad], into: rowByRow) }

        #expect(bulkError != nil)
        #expect(bulkError == rowError)
        #expect(bulkError?.path.hasPrefix("$.accounts[0].identity_providers[0].update_logs[") == true)
        #expect(bulkError?.path.hasSuffix("].status") == true)
        #expect(try bulk.counts().accounts == 0 && bulk.counts().logs == 0, "nothing of a bad fixture is loaded")
        let fresh = try Store(path: path("fresh"))
        #expect(try schemaAndCounts(path("bulk")).objects == schemaAndCounts(path("fresh")).objects, "the drop is rolled back")
        _ = fresh
        try load([Self.generated], into: bulk)
        #expect(try bulk.counts().logs == 3000)
    }
}

/// Ids counted from 1, one sequence per store.
private final class IDs: Sendable {
    private let count = Mutex(0)

    @Sendable func next() -> String {
        count.withLock { count in
            count += 1
            return "generated-\(count)"
        }
    }
}
