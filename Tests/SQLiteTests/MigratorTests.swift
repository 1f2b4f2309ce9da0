import Foundation
import SQLite
import Testing

/// `Migrator.standing` tells a new file, one of ours, one made before files were marked, a newer one and
/// other programs' databases apart by reading alone; `migrate` marks the file.
@Suite struct MigratorTests {
    let migrator = Migrator(
        applicationID: 0x1234_5678,
        ["CREATE TABLE a (x); CREATE INDEX a_x ON a(x);", "CREATE TABLE b (y);"])

    @Test func aNewDatabaseIsEmptyAndMigratingMarksIt() throws {
        let db = try Connection(path: nil)
        #expect(try migrator.standing(of: db) == .empty)
        #expect(try migrator.migrate(db) == 2)
        #expect(try db.statement("PRAGMA application_id").queryFirst { $0.int(0) } == 0x1234_5678)
        #expect(try migrator.standing(of: db) == .ours(version: 2))
    }

    @Test func anUnmarkedDatabaseWithOurSchemaIsAdopted() throws {
        let db = try Connection(path: nil)
        try db.execute(migrator.migrations[0] + "PRAGMA user_version = 1;")
        #expect(try migrator.standing(of: db) == .unmarked(version: 1))
        #expect(try migrator.migrate(db) == 1)
        #expect(try migrator.standing(of: db) == .ours(version: 2))
    }

    @Test func anUnmarkedDatabaseWithOtherTablesIsUnrecognized() throws {
        let db = try Connection(path: nil)
        try db.execute("CREATE TABLE a (x); PRAGMA user_version = 1;")
        #expect(try migrator.standing(of: db) == .unrecognized)
        let extra = try Connection(path: nil)
        try extra.execute(migrator.migrations[0] + "CREATE TABLE accounts (id); PRAGMA user_version = 1;")
        #expect(try migrator.standing(of: extra) == .unrecognized)
        let unversioned = try Connection(path: nil)
        try unversioned.execute("CREATE TABLE accounts (id)")
        #expect(try migrator.standing(of: unversioned) == .unrecognized)
    }

    @Test func anotherProgramsApplicationIDIsForeignEvenWhenEmpty() throws {
        let db = try Connection(path: nil)
        try db.execute("PRAGMA application_id = -2")
        #expect(try migrator.standing(of: db) == .foreign(applicationID: -2))
    }

    @Test func aNewerVersionOfOursIsNewer() throws {
        let db = try Connection(path: nil)
        try migrator.migrate(db)
        try db.execute("PRAGMA user_version = 3")
        #expect(try migrator.standing(of: db) == .newer(version: 3))
    }

    @Test func appliesPendingMigrationsOnce() throws {
        let db = try Connection(path: nil)
        let migrator = Migrator(applicationID: 7, ["CREATE TABLE a (x)", "CREATE TABLE b (y)"])
        #expect(try migrator.migrate(db) == 2)
        #expect(try migrator.migrate(db) == 0)
        #expect(
            try Migrator(applicationID: 7, ["CREATE TABLE a (x)", "CREATE TABLE b (y)", "CREATE TABLE c (z)"]).migrate(db) == 1)
        #expect(try db.statement("PRAGMA user_version").queryFirst { $0.int(0) } == 3)
    }

    @Test func refusesADatabaseFromANewerBuild() throws {
        let db = try Connection(path: nil)
        try Migrator(applicationID: 7, ["CREATE TABLE a (x)", "CREATE TABLE b (y)"]).migrate(db)
        #expect(throws: SQLiteError.self) { try Migrator(applicationID: 7, ["CREATE TABLE a (x)"]).migrate(db) }
    }

    @Test func aFailingMigrationLeavesTheVersionUnchanged() throws {
        let db = try Connection(path: nil)
        #expect(throws: SQLiteError.self) { try Migrator(applicationID: 7, ["CREATE TABLE a (x)", "NOT SQL"]).migrate(db) }
        #expect(try db.statement("PRAGMA user_version").queryFirst { $0.int(0) } == 1)
    }
}
