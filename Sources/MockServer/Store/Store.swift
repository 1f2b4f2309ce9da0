import SQLite
import Foundation

/// The one store behind both API surfaces: SQLite through one connection behind a lock. Reads are
/// short indexed queries, so serializing them costs less than a connection pool would (see `make bench`).
public final class Store: Sendable {
    final class State: @unchecked Sendable {
        let connection: Connection
        /// Bumped by every write; cached counts belong to one generation.
        var generation = 0
        var counts: [String: Int] = [:]
        init(connection: Connection) { self.connection = connection }
    }

    private let state: State
    /// SCIM secret → IdP, filled on first use and dropped whenever fixtures load.
    let secrets = SecretCache()
    private let lock = NSLock()
    public let path: String?
    /// True when the database was created by this open (a new `--db` file, or in memory).
    public let isNew: Bool

    /// Opens (and migrates) the database at `path`, or a private in-memory one for nil.
    public init(path: String? = nil) throws {
        let connection = try Connection(path: path)
        let applied = try Schema.migrator.migrate(connection)
        self.path = path
        isNew = applied == Schema.migrator.migrations.count
        state = State(connection: connection)
    }

    /// Runs read-only work under the lock.
    func read<T>(_ body: (State) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(state)
    }

    /// Runs `body` in one transaction under the lock; cached counts are dropped when it commits.
    func write<T>(_ body: (Connection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let result = try state.connection.transaction { try body(state.connection) }
        state.generation += 1
        state.counts.removeAll(keepingCapacity: true)
        return result
    }
}

extension Store.State {
    /// A COUNT(*) remembered until the next write: list endpoints report `total_count` on every page,
    /// and counting 100k rows per request would dominate their cost.
    func cachedCount(sql: String, bindings: [any SQLiteBindable]) throws -> Int {
        let key = sql + "\u{1}" + bindings.map { "\($0.sqliteValue)" }.joined(separator: "\u{1}")
        if let hit = counts[key] { return hit }
        let count = try connection.statement(sql).queryFirst(bindings) { $0.int(0) } ?? 0
        if counts.count > 4096 { counts.removeAll(keepingCapacity: true) }
        counts[key] = count
        return count
    }
}
