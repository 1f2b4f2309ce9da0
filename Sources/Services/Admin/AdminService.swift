import JSON
import Store

/// The admin operations: what the store holds, reset, fixture loading, the state as a fixture,
/// per-account reset, and the clock. Each change reaches the store's change feed.
public struct AdminService: Sendable {
    let store: Store
    public let clock: MockClock
    let ids: IDGenerator
    /// What a reset goes back to (files are read again then).
    let startupFixtures: [FixtureSource]

    public init(store: Store, clock: MockClock, ids: IDGenerator, startupFixtures: [FixtureSource]) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.startupFixtures = startupFixtures
    }

    /// The loader whose ids and timestamps follow this service's generator and clock.
    public var fixtureLoader: FixtureLoader { FixtureLoader(now: clock.now, newID: ids.next) }

    public func counts() throws -> StoreCounts { try store.counts() }

    /// Back to the start-up fixtures (or to nothing), with the clock and id sequence restarted.
    public func reset(empty: Bool) throws {
        try load(empty ? [] : startupFixtures, replacing: .everything)
        clock.reset()
        ids.reset()
    }

    /// Adds the fixture document `bytes` to what the store holds; a bad one changes nothing. It is
    /// checked whole aside, then copied in batches (`FixtureLoader.rebuild`), as resets are.
    public func loadFixtures(_ bytes: [UInt8], exceededLimit: Int?) throws {
        if let exceededLimit {
            throw AdminError(status: 413, message: "the fixture body exceeds \(exceededLimit) bytes (serve --max-body-bytes)")
        }
        try load([.bytes(bytes, name: "request body")], replacing: .add)
    }

    /// One account replaced by its start-up fixtures (removed when they do not define it).
    public func resetAccount(_ account: String) throws {
        guard account.count <= 32 else { throw AdminError(status: 400, message: "account_id must be at most 32 characters") }
        try load(startupFixtures, replacing: .account(account))
    }

    /// The state as a fixture document, read a page at a time (see `StateExport`).
    public func stateExport() -> StateExport { store.stateExport() }

    /// Applies a clock change (checked whole before any part applies) and announces it on the feed.
    public func changeClock(_ change: ClockChange) throws {
        if let seconds = change.advanceSeconds {
            guard clock.freeze(at: change.set, advancedBy: Int64((seconds * 1_000_000).rounded())) else {
                throw AdminError(
                    status: 400,
                    message: "advancing by \(change.advanceText ?? "") seconds would move the clock past "
                        + MockClock.latest.rfc3339)
            }
        } else if let instant = change.set {
            clock.set(instant)
        }
        if change.unfreeze { clock.unfreeze() }
        store.announce(.clockChanged)
    }

    /// In batches, so the server keeps answering other requests at write latency meanwhile.
    private func load(_ sources: [FixtureSource], replacing scope: FixtureLoader.Scope) throws {
        do {
            try fixtureLoader.rebuild(sources, into: store, replacing: scope)
        } catch {
            if let status = error.storageStatus { throw AdminError(status: status, message: error.reason) }
            throw AdminError(status: 400, message: error.description, path: error.path)
        }
    }
}
