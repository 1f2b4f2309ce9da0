import Foundation
import SQLite
import Testing

@Suite struct ConnectionTests {
    @Test func bindsAndReadsEveryValueType() throws {
        let db = try Connection(path: nil)
        try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        try db.statement("INSERT INTO t VALUES (?, ?, ?, ?, ?)").run([
            42, 1.5, "héllo", SQLiteValue.blob([1, 2, 3]), Optional<String>.none,
        ])
        let row = try db.statement("SELECT i, r, s, b, n FROM t").queryFirst { row in
            (row.int(0), row.double(1), row.string(2), row.value(3), row.isNull(4))
        }
        #expect(row?.0 == 42)
        #expect(row?.1 == 1.5)
        #expect(row?.2 == "héllo")
        #expect(row?.3 == .blob([1, 2, 3]))
        #expect(row?.4 == true)
    }

    @Test func reusesPreparedStatements() throws {
        let db = try Connection(path: nil)
        let a = try db.statement("SELECT 1")
        let b = try db.statement("SELECT 1")
        #expect(a === b)
    }

    @Test func errorCarriesTheSQL() throws {
        let db = try Connection(path: nil)
        let error = #expect(throws: SQLiteError.self) { try db.statement("SELEC nonsense") }
        #expect(error?.sql == "SELEC nonsense")
        #expect(error?.description.contains("syntax error") == true)
    }

    @Test func uniqueViolationIsAConstraintError() throws {
        let db = try Connection(path: nil)
        try db.execute("CREATE TABLE t (k TEXT PRIMARY KEY)")
        try db.statement("INSERT INTO t VALUES (?)").run(["a"])
        let error = #expect(throws: SQLiteError.self) { try db.statement("INSERT INTO t VALUES (?)").run(["a"]) }
        #expect(error?.isUniquenessViolation == true)
        #expect(error?.code == SQLiteError.constraintPrimaryKey)
        #expect(error?.constraint == SQLiteError.Constraint(table: "t", columns: ["k"]))
    }

    @Test func aUniqueIndexViolationNamesItsColumns() throws {
        let db = try Connection(path: nil)
        try db.execute("CREATE TABLE u (a TEXT, b TEXT); CREATE UNIQUE INDEX u_ab ON u(a, b)")
        try db.execute("INSERT INTO u VALUES ('x', 'y')")
        let error = #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO u VALUES ('x', 'y')") }
        #expect(error?.code == SQLiteError.constraintUnique)
        #expect(error?.constraint == SQLiteError.Constraint(table: "u", columns: ["a", "b"]))
    }

    @Test func otherConstraintsAreNotUniquenessViolations() throws {
        let db = try Connection(path: nil)
        try db.execute("CREATE TABLE n (a TEXT NOT NULL)")
        let error = #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO n VALUES (NULL)") }
        #expect(error?.code == SQLiteError.constraintNotNull)
        #expect(error?.isUniquenessViolation == false)
        #expect(error?.constraint == nil)
    }

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        struct Boom: Error {}
        let db = try Connection(path: nil)
        try db.execute("CREATE TABLE t (k TEXT)")
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.statement("INSERT INTO t VALUES (?)").run(["x"])
                throw Boom()
            }
        }
        #expect(try db.statement("SELECT COUNT(*) FROM t").queryFirst { $0.int(0) } == 0)
    }

    @Test func openingWritesNothingUntilTheSwitchToWAL() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let db = try Connection(path: path)
        #expect(try db.statement("PRAGMA journal_mode").queryFirst { $0.string(0) } == "delete")
        #expect(db.isReadOnly == false)
        #expect(db.filename == path)
        try db.useWriteAheadLog()
        #expect(try db.statement("PRAGMA journal_mode").queryFirst { $0.string(0) } == "wal")
    }
}
