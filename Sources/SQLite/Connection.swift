import CSQLite

/// One SQLite connection. Not thread-safe by design, and so not `Sendable`: the store above owns it
/// inside one `Mutex`, which is simpler than SQLite's own mutexes and fast enough for a mock (`make bench`).
public final class Connection {
    let handle: OpaquePointer
    private var cache: [String: Statement] = [:]

    /// Opens `path`, or a private in-memory database for nil; `path` may be a `file:` URI. Opening writes
    /// nothing, so a file can be inspected (`Migrator.standing`) before anything is written into it; a file the
    /// process may not write opens read-only (`isReadOnly`). `useWriteAheadLog()` is the first write.
    public init(path: String?) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        let rc = sqlite3_open_v2(path ?? Self.memoryDatabaseName(), &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            sqlite3_close(db)
            throw SQLiteError(code: rc, message: "\(path ?? ":memory:"): \(message)")
        }
        handle = db
        try execute("PRAGMA foreign_keys = ON")
        if path != nil { try execute("PRAGMA busy_timeout = 5000") }
    }

    /// WAL with synchronous=NORMAL: a commit is durable once the WAL is written, fsync waits for checkpoints.
    /// Switching writes the file's header, so it comes after the file is known to be ours.
    public func useWriteAheadLog() throws {
        let mode = try statement("PRAGMA journal_mode = WAL").queryFirst { $0.string(0) ?? "" } ?? ""
        guard mode == "wal" else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "cannot switch to WAL mode (the journal mode stays \(mode))")
        }
        try execute("PRAGMA synchronous = NORMAL")
    }

    /// True when SQLite opened the main database read-only: it does so silently for a file the process may not write.
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// The main database's absolute file name, as SQLite resolved it (a `file:` URI's path); for the memdb
    /// VFS, the shared name under which another connection of this process can `ATTACH` it.
    public var filename: String { sqlite3_db_filename(handle, "main").map { String(cString: $0) } ?? "" }

    /// A private in-memory database on the `memdb` VFS. Unlike ":memory:", its pages live in one image
    /// behind a normal, bounded page cache, so a commit costs the same with 100k rows as with ten.
    private static func memoryDatabaseName() -> String {
        "file:/scim-mock-\(UInt64.random(in: 0...UInt64.max))?vfs=memdb"
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements with no parameters and no result rows.
    public func execute(_ sql: String) throws(SQLiteError) {
        var errmsg: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errmsg)
        if rc != SQLITE_OK {
            let message = errmsg.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errmsg)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// A prepared statement for `sql`, compiled once and reused: the hot read paths prepare nothing.
    public func statement(_ sql: String) throws(SQLiteError) -> Statement {
        if let cached = cache[sql] { return cached }
        let statement = try Statement(connection: self, sql: sql)
        cache[sql] = statement
        return statement
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Rows inserted, updated or deleted through this connection since it opened: a reader that let go
    /// of the connection learns from it whether anything was written meanwhile.
    public var totalChanges: Int64 { sqlite3_total_changes64(handle) }

    func error(_ rc: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
