/// Numbered schema migrations, applied in order and recorded in `PRAGMA user_version`, in a file marked
/// with `PRAGMA application_id`: a `--db` file from an older build upgrades itself, while a newer one or
/// another program's database is refused before anything is written into it (`standing`).
public struct Migrator: Sendable {
    public let applicationID: Int32
    public let migrations: [String]

    public init(applicationID: Int32, _ migrations: [String]) {
        self.applicationID = applicationID
        self.migrations = migrations
    }

    /// What a database is to this program, read without writing.
    public enum Standing: Sendable, Equatable {
        /// No schema, no marks: a new file.
        case empty
        /// Marked as ours, at this schema version (at most `migrations.count`).
        case ours(version: Int)
        /// Not marked, but holding exactly the schema of our first `version` migrations: a file made before
        /// files were marked, adopted by the next `migrate`.
        case unmarked(version: Int)
        /// Marked as ours at a schema version this build does not know.
        case newer(version: Int)
        /// Another program's `application_id`.
        case foreign(applicationID: Int32)
        /// Not marked, and holding a schema (or a `user_version`) that is not one of ours.
        case unrecognized
    }

    /// Reads the marks and the schema; runs no write, so a refused file is left as it was.
    public func standing(of connection: Connection) throws -> Standing {
        let owner = try Self.pragma("application_id", connection)
        let version = try Self.pragma("user_version", connection)
        if owner == Int(applicationID) { return version > migrations.count ? .newer(version: version) : .ours(version: version) }
        if owner != 0 { return .foreign(applicationID: Int32(truncatingIfNeeded: owner)) }
        let objects = try Self.schemaObjects(connection)
        if objects.isEmpty { return version == 0 ? .empty : .unrecognized }
        guard (1...migrations.count).contains(version), try objects == schemaObjects(afterMigrations: version) else {
            return .unrecognized
        }
        return .unmarked(version: version)
    }

    /// Marks the database as ours and applies the pending migrations; returns how many ran (0 for an
    /// up-to-date database). Call it only for a database whose `standing` is not refused.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> Int {
        if try Self.pragma("application_id", connection) != Int(applicationID) {
            try connection.execute("PRAGMA application_id = \(applicationID)")
        }
        let current = try Self.pragma("user_version", connection)
        guard current <= migrations.count else {
            throw SQLiteError(
                code: 1, message: "database schema version \(current) is newer than this build knows (\(migrations.count))")
        }
        for (index, sql) in migrations.enumerated().dropFirst(current) {
            try connection.transaction {
                try connection.execute(sql)
                try connection.execute("PRAGMA user_version = \(index + 1)")
            }
        }
        return migrations.count - current
    }

    private static func pragma(_ name: String, _ connection: Connection) throws -> Int {
        try connection.statement("PRAGMA \(name)").queryFirst { $0.int(0) } ?? 0
    }

    /// Tables, indexes, views and triggers by type and name; SQLite's own (`sqlite_stat1`, …) left out.
    private static func schemaObjects(_ connection: Connection) throws -> Set<String> {
        let sql = "SELECT type || ' ' || name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        return Set(try connection.statement(sql).query { $0.string(0) ?? "" })
    }

    /// The schema our first `version` migrations make, built in a scratch in-memory database.
    private func schemaObjects(afterMigrations version: Int) throws -> Set<String> {
        let scratch = try Connection(path: nil)
        for sql in migrations.prefix(version) { try scratch.execute(sql) }
        return try Self.schemaObjects(scratch)
    }
}
