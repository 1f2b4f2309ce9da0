import Foundation
import SQLite
import Testing

@testable import Store

/// What `Store(path:)` accepts and refuses: another program's database and a newer build's are refused
/// without a byte written, a file made before files were marked is adopted, and a second store on the
/// same file is refused naming it.
@Suite struct StoreOpeningTests {
    let path = NSTemporaryDirectory() + "scim-mock-open-\(UInt64.random(in: 0...UInt64.max)).db"

    func removeFiles() {
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func refusal(_ open: () throws -> Store) throws -> String {
        let error = try #require(throws: StoreError.self) { _ = try open() }
        guard case .refusedFile(let refused, let reason) = error else {
            Issue.record("not a refusal: \(error)")
            return ""
        }
        #expect(refused == path)
        return reason
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftByteForByte() throws {
        defer { removeFiles() }
        do {
            let other = try Connection(path: path)
            try other.execute("CREATE TABLE accounts (id TEXT); INSERT INTO accounts VALUES ('theirs');")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reason = try refusal { try Store(path: path) }
        #expect(reason.contains("scim-mock did not make"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        for suffix in ["-wal", ".lock"] { #expect(!FileManager.default.fileExists(atPath: path + suffix)) }
    }

    @Test func aForeignApplicationIDIsRefusedNamingBothIDs() throws {
        defer { removeFiles() }
        do { try Connection(path: path).execute("PRAGMA application_id = 42; CREATE TABLE t (x);") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reason = try refusal { try Store(path: path) }
        #expect(reason.contains("application_id 0x2A, scim-mock's is 0x53434D4B"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aNewerSchemaVersionIsRefusedNamingBothVersions() throws {
        defer { removeFiles() }
        do { _ = try Store(path: path) }
        do { try Connection(path: path).execute("PRAGMA user_version = 99") }
        let reason = try refusal { try Store(path: path) }
        #expect(reason.contains("schema version is 99, newer than this build's \(Schema.migrator.migrations.count)"))
    }

    @Test func aFileFromBeforeTheApplicationIDIsAdoptedAndMigrated() throws {
        defer { removeFiles() }
        do {
            let earlier = try Connection(path: path)
            try earlier.execute(Schema.v1 + Schema.v2 + Schema.v3 + "PRAGMA user_version = 3; INSERT INTO accounts VALUES ('a');")
        }
        let store = try Store(path: path)
        let (owner, version) = try store.read { state in
            (
                try state.connection.statement("PRAGMA application_id").queryFirst { $0.int(0) },
                try state.connection.statement("PRAGMA user_version").queryFirst { $0.int(0) }
            )
        }
        #expect(owner == Int(Schema.applicationID))
        #expect(version == Schema.migrator.migrations.count)
        #expect(try store.counts().accounts == 1)
    }

    @Test func aNewFileIsMarkedAndInWAL() throws {
        defer { removeFiles() }
        let store = try Store(path: path)
        #expect(store.isNew)
        let mode = try store.read { try $0.connection.statement("PRAGMA journal_mode").queryFirst { $0.string(0) } }
        #expect(mode == "wal")
    }

    @Test func aSecondStoreOnTheSameFileIsRefusedUntilTheFirstCloses() throws {
        defer { removeFiles() }
        do {
            let first = try Store(path: path)
            let reason = try refusal { try Store(path: path) }
            #expect(reason.contains("in use by another process (pid \(ProcessInfo.processInfo.processIdentifier))"))
            #expect(reason.contains(path + ".lock"))
            _ = first
        }
        _ = try Store(path: path)
    }

    @Test func aDirectoryOrAMissingDirectoryIsRefused() throws {
        let directory = try refusalMessage(NSTemporaryDirectory())
        #expect(directory.contains("is a directory"))
        let missing = try refusalMessage("/nonexistent-scim-mock-dir/x.db")
        #expect(missing.contains("the directory /nonexistent-scim-mock-dir does not exist"))
    }

    private func refusalMessage(_ path: String) throws -> String {
        let error = try #require(throws: StoreError.self) { _ = try Store(path: path) }
        return error.description
    }
}
