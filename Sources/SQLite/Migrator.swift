/// Numbered schema migrations, applied in order and recorded in `PRAGMA user_version`,
/// so a `--db` file from an older build upgrades itself and a newer one is refused.
public struct Migrator: Sendable {
    public let migrations: [String]

    public init(_ migrations: [String]) { self.migrations = migrations }

    /// Applies the pending migrations; returns how many ran (0 for an up-to-date database).
    @discardableResult
    public func migrate(_ connection: Connection) throws -> Int {
        let current = try connection.statement("PRAGMA user_version").queryFirst { $0.int(0) } ?? 0
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
}
