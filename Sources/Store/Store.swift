import Foundation
import SQLite
import Synchronization

/// The one store behind every surface: SQLite through one connection inside a `Mutex`. Reads are
/// short indexed queries, so serializing them costs less than a connection pool would (see `make bench`).
/// Callers get operations, never the connection: a SCIM write and its update log are one operation.
public final class Store: Sendable {
    /// What the lock guards. Not `Sendable`: it lives only inside the mutex.
    final class State {
        let connection: Connection
        /// Bumped by every write; cached counts belong to one generation.
        var generation = 0
        var counts: [String: Int] = [:]
        /// Per scope, the row id at every `strideLength`-th position in creation order: a page at any
        /// offset then skips fewer than `strideLength` index entries. Dropped with `counts`.
        var strides: [String: [Int64]] = [:]
        init(connection: Connection) { self.connection = connection }
    }

    /// Guards `state`. `State` cannot live inside the mutex itself: callers' closures run on it, and a
    /// value inside a `Mutex` may not meet the caller's non-`Sendable` closures.
    private let lock = Mutex(())
    /// Callers waiting for `lock`: a rebuild lets them go first between its batches (the mutex is not fair).
    private let waiting = Atomic<Int>(0)
    private nonisolated(unsafe) let state: State
    /// SCIM secret → IdP, filled on first use and dropped whenever fixtures load.
    let secrets = SecretCache()
    /// The accounts (and their SCIM secrets) a reset or fixture load is rebuilding batch by batch.
    let rebuilds = RebuildMarks()
    /// Rebuilds run one at a time, without the store lock between their batches.
    let rebuildTurn = Mutex(())
    /// Every committed change, in commit order, with the generation it produced.
    public let feed = ChangeFeed<StoreEvent>()
    public let path: String?
    /// True when the database was created by this open (a new `--db` file, or in memory).
    public let isNew: Bool
    /// A file's sidecar lock, held while the store lives: one process per database file.
    private let fileLock: FileLock?
    private let faults: StorageFaultLog

    /// Opens (and migrates) the database at `path`, or a private in-memory one for nil. A file this process
    /// must not serve is refused (`StoreError.refusedFile`, see `Store+Opening`) before anything is written.
    /// - Parameter report: gets one line for the log when storage fails (once per failure, not per request).
    public init(path: String? = nil, report: @escaping @Sendable (String) -> Void = { _ in }) throws {
        let opened = try Self.mappingStorageErrors { try Self.open(path) }
        isNew = opened.applied == Schema.migrator.migrations.count
        state = State(connection: opened.connection)
        fileLock = opened.fileLock
        faults = StorageFaultLog(database: path ?? "the in-memory database", report: report)
        self.path = path
    }

    /// Runs read-only work under the lock.
    func read<T: Sendable>(_ body: (State) throws -> T) throws -> T {
        try locked { try reportingStorageErrors { try body(state) } }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        waiting.add(1, ordering: .relaxed)
        return try lock.withLock { _ in
            waiting.subtract(1, ordering: .relaxed)
            return try body()
        }
    }

    /// Between two batches of a rebuild: lets whoever waits for the lock take it first, for at most 20 ms.
    func yieldToWaiters() {
        let deadline = ContinuousClock.now + .milliseconds(20)
        while waiting.load(ordering: .relaxed) > 0, ContinuousClock.now < deadline { usleep(50) }
    }

    /// Runs `body` in one transaction under the lock. When it commits, cached counts are dropped and
    /// the event `body` returned is published, still under the lock, so the feed's order is commit order.
    func write<T: Sendable>(_ body: (Connection) throws -> (T, StoreEvent)) throws -> T {
        try locked {
            let (result, event) = try reportingStorageErrors {
                try state.connection.transaction { try body(state.connection) }
            }
            faults.succeeded()
            state.counts.removeAll(keepingCapacity: true)
            state.strides.removeAll(keepingCapacity: true)
            publish(event)
            return result
        }
    }

    /// Runs `body` in one transaction under the lock, as one step of a longer change (a rebuild):
    /// cached counts are dropped, nothing is published (the change announces itself when it ends).
    func batch<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
        try locked {
            let result = try reportingStorageErrors { try state.connection.transaction { try body(state.connection) } }
            faults.succeeded()
            state.counts.removeAll(keepingCapacity: true)
            state.strides.removeAll(keepingCapacity: true)
            return result
        }
    }

    /// The store generation: how many changes have been published since the store opened.
    public var generation: Int { lock.withLock { _ in state.generation } }

    /// Call with the lock held.
    private func publish(_ event: StoreEvent) {
        state.generation += 1
        feed.publish(event, generation: state.generation)
    }

    /// Publishes a change made outside the database (the clock), in order with the store's own.
    public func announce(_ event: StoreEvent) {
        lock.withLock { _ in publish(event) }
    }

    /// SQLite errors leave the store as `StoreError.storage`; errors of callers' closures pass through.
    private static func mappingStorageErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            throw StoreError.from(error)
        }
    }

    /// `mappingStorageErrors`, telling the log about a storage failure (its SQL is for the log, not answers).
    private func reportingStorageErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try Self.mappingStorageErrors(body)
        } catch StoreError.storage(let error) {
            faults.failed(error)
            throw StoreError.storage(error)
        }
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

    static let strideLength = 256

    /// The row ids at positions 0, 256, 512, … of `SELECT pk … ORDER BY pk` (`sql`), remembered until
    /// the next write. Building it reads the scope's index once.
    func cachedStrides(sql: String, bindings: [any SQLiteBindable]) throws -> [Int64] {
        let key = sql + "\u{1}" + bindings.map { "\($0.sqliteValue)" }.joined(separator: "\u{1}")
        if let hit = strides[key] { return hit }
        var positions: [Int64] = []
        var index = 0
        _ = try connection.statement(sql).query(bindings) { row -> Void in
            if index % Self.strideLength == 0 { positions.append(row.int64(0)) }
            index += 1
        }
        if strides.count > 256 { strides.removeAll(keepingCapacity: true) }
        strides[key] = positions
        return positions
    }
}
