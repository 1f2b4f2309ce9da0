import Foundation
import HTTPServer
import JSON
import SCIM
import SQLite
import Services
import Surfaces
import TestSupport
import Testing

@testable import Store

/// Log enums are stored as pinned integer codes that the database names in lookup tables; a code this
/// build does not know is reported, never read as some default case; a v2 file upgrades with exact counts.
@Suite struct UpdateLogCodeTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("codes-\(UUID().uuidString).db").path

    private func removeFiles() {
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private static func pairs<E: UpdateLog.StorageCoded>(_: E.Type) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: E.allCases.map { ($0.rawValue, $0.storageCode) })
    }

    /// The `--db` file format: changing one of these numbers changes the meaning of every stored log.
    @Test func everyCodeIsPinned() {
        #expect(Self.pairs(UpdateLog.Method.self) == ["DELETE": 0, "PATCH": 1, "POST": 2, "PUT": 3])
        #expect(Self.pairs(UpdateLog.ResourceType.self) == ["USER": 0, "GROUP": 1])
        #expect(Self.pairs(UpdateLog.Status.self) == ["FAILURE": 0, "SUCCESS": 1])
        for method in UpdateLog.Method.allCases { #expect(UpdateLog.Method(storageCode: method.storageCode) == method) }
        #expect(UpdateLog.Method(storageCode: 4) == nil)
        #expect(UpdateLog.ResourceType(storageCode: -1) == nil)
        #expect(UpdateLog.Status(storageCode: 2) == nil)
    }

    @Test func lookupTablesNameEveryCode() throws {
        let store = try Store()
        func named(_ table: String) throws -> [String: Int] {
            try store.read { state in
                let rows = try state.connection.statement("SELECT name, code FROM \(table)").query { row in
                    (row.string(0) ?? "", row.int(1))
                }
                return Dictionary(uniqueKeysWithValues: rows)
            }
        }
        #expect(try named("update_log_methods") == Self.pairs(UpdateLog.Method.self))
        #expect(try named("update_log_resource_types") == Self.pairs(UpdateLog.ResourceType.self))
        #expect(try named("update_log_statuses") == Self.pairs(UpdateLog.Status.self))
    }

    @Test func theStoreCannotWriteAnUnknownCode() throws {
        let store = try makeStore()
        let before = try store.counts().logs
        #expect(throws: StoreError.self) {
            try store.write { connection in
                try connection.execute(
                    """
                    INSERT INTO update_logs (idp_pk, logged_at, request_method, resource_type, status) VALUES (1, 0, 9, 0, 1)
                    """)
                return ((), .fixturesLoaded)
            }
        }
        #expect(try store.counts().logs == before)
    }

    /// A row written behind the store's back (foreign keys off) with a bad code, in each column in turn.
    @Test(arguments: [("request_method", "9", "9"), ("resource_type", "'USER'", "'USER'"), ("status", "-1", "-1")])
    func anUnknownStoredCodeIsAnErrorNamingColumnAndValue(column: String, sql: String, shown: String) throws {
        defer { removeFiles() }
        let store = try Store(path: path)
        try load([defaultFixtureText], into: store)
        let raw = try Connection(path: path)
        try raw.execute("PRAGMA foreign_keys = OFF")
        let values = ["request_method": "2", "resource_type": "0", "status": "1"].merging([column: sql]) { $1 }
        try raw.execute(
            """
            INSERT INTO update_logs (idp_pk, logged_at, request_method, resource_type, status)
            SELECT pk, 0, \(values["request_method"]!), \(values["resource_type"]!), \(values["status"]!)
            FROM identity_providers WHERE id = '\(okta)'
            """)
        let message = "update_logs.\(column) holds \(shown), a code this build does not know"
        let query = LogQuery(accountID: account, idpIDs: [okta], window: PageWindow(page: 1, perPage: 100))
        let read = #expect(throws: StoreError.self) { try store.updateLogs(query) }
        #expect(read?.description.hasPrefix(message) == true, "\(String(describing: read))")
        let export = #expect(throws: StoreError.self) { try store.exportState() }
        #expect(export?.description.hasPrefix(message) == true, "\(String(describing: export))")
        let app = MockApplication(store: store)
        let answer = try call(app, "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)&direction=asc")
        #expect(answer.status == 500)
        #expect(answer.json.firstError?.string("message")?.contains(message) == true, "\(answer.json)")
    }

    /// A file as a v2 build wrote it: the v1 and v2 schema and some logs of every combination of codes.
    private func writeVersion2File(extraLog: String? = nil) throws -> Int {
        let raw = try Connection(path: path)
        try raw.execute(Schema.v1 + Schema.v2 + "PRAGMA user_version = 2;")
        try raw.execute(
            """
            INSERT INTO accounts VALUES ('\(account)');
            INSERT INTO identity_providers (pk, id, account_id, name, type) VALUES
              (1, '\(okta)', '\(account)', 'Okta', 'okta'), (2, '\(entra)', '\(account)', 'Entra', 'azureAD');
            """)
        var written = 0
        for idp in 1...2 {
            for method in 0..<4 {
                for type in 0..<2 {
                    for status in 0..<2 where (method + type + status + idp) % 5 != 0 {
                        for n in 0..<(1 + (method * 3 + type + status * 2 + idp) % 4) {
                            try raw.execute(
                                """
                                INSERT INTO update_logs (idp_pk, logged_at, request_method, resource_type, status)
                                VALUES (\(idp), \(written * 1000 + n), \(method), \(type), \(status))
                                """)
                            written += 1
                        }
                    }
                }
            }
        }
        if let extraLog { try raw.execute(extraLog) }
        return written
    }

    @Test func aVersion2FileUpgradesWithExactCounts() throws {
        defer { removeFiles() }
        let written = try writeVersion2File()
        let store = try Store(path: path)
        #expect(!store.isNew)
        #expect(try integerRows(store, "PRAGMA user_version") == [[Schema.migrator.migrations.count]])
        #expect(try store.counts().logs == written)
        try expectExactLogCounts(MockApplication(store: store))
        let post = try store.updateLogs(LogQuery(accountID: account, idpIDs: [okta], window: PageWindow(page: 1, perPage: 1)))
        #expect(post.totalCount == (try integerRows(store, "SELECT COUNT(*) FROM update_logs WHERE idp_pk = 1")).first?.first)
    }

    /// The backfill checks each stored code against the lookup tables, so a file holding a code no build
    /// defined is refused and left at v2 rather than upgraded with a meaning nobody gave it.
    @Test func aVersion2FileWithAnUnknownCodeIsRefused() throws {
        defer { removeFiles() }
        _ = try writeVersion2File(
            extraLog: """
                INSERT INTO update_logs (idp_pk, logged_at, request_method, resource_type, status) VALUES (1, 5, 7, 0, 1)
                """)
        #expect(throws: StoreError.self) { try Store(path: path) }
        let raw = try Connection(path: path)
        #expect(try raw.statement("PRAGMA user_version").queryFirst { $0.int(0) } == 2)
    }
}
