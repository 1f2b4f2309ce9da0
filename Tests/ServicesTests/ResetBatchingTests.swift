import Foundation
import JSON
import SCIM
import Services
import Store
import TestSupport
import Testing

/// Resets and fixture loads rebuild in batches (`FixtureLoader.rebuild`): between two batches the store
/// lock is free, so other accounts' reads and writes go on; the account being rebuilt refuses SCIM
/// writes (503) instead of losing them; and the end state is exactly the start-up state.
@Suite struct ResetBatchingTests {
    static let account = "023e105f4ecef8ad9ca31a8372d0c353"
    static let otherFixture = """
        {"accounts":[{"id":"acc-other","identity_providers":[{"id":"idp-other","name":"Other","type":"okta",
        "scim_secrets":["other-secret"],"users":[{"id":"u-first","userName":"first@other.example",
        "meta":{"created":"2025-01-01T00:00:00Z","lastModified":"2025-01-01T00:00:00Z"}}]}]}]}
        """
    static let sources = [defaultFixtureText, otherFixture].enumerated().map {
        FixtureSource.bytes(Array($1.utf8), name: "f\($0).json")
    }

    /// The default fixture and a second account, with SCIM on both.
    struct Harness {
        let store: Store
        let scim: SCIMService
        let okta: SCIMContext
        let other: SCIMContext

        init(path: String? = nil) throws {
            store = try Store(path: path)
            try FixtureLoader().load(ResetBatchingTests.sources, into: store)
            let ids = IDGenerator(seed: 7)
            scim = SCIMService(store: store, clock: MockClock(frozenAt: MockClock.deterministicStart).now, newID: ids.next)
            okta = try Self.context(store, "okta-scim-secret")
            other = try Self.context(store, "other-secret")
        }

        static func context(_ store: Store, _ secret: String) throws -> SCIMContext {
            SCIMContext(tenant: try #require(try store.tenant(forSecret: secret)), baseURL: "http://127.0.0.1/scim/v2")
        }

        func create(_ userName: String, in context: SCIMContext) throws {
            _ = try scim.create(.user, context, ServiceHarness.user(userName))
        }

        /// Each account of the exported state, by id.
        func accounts() throws -> [String: JSONValue] {
            let state = try JSONReader.parse(try store.exportState())
            let accounts = state.objectValue?["accounts"]?.arrayValue ?? []
            return Dictionary(uniqueKeysWithValues: accounts.map { ($0.objectValue?["id"]?.stringValue ?? "", $0) })
        }
    }

    /// Runs `body` on another thread; false when it has not returned within `seconds` (it was blocked).
    static func finishes(within seconds: Double, _ body: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            body()
            done.signal()
        }
        return done.wait(timeout: .now() + seconds) == .success
    }

    @Test(arguments: [false, true])
    func anAccountResetLeavesTheStoreFreeBetweenBatchesAndEndsAtTheStartUpState(onFile: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let h = try Harness(path: onFile ? directory.appendingPathComponent("s.db").path : nil)
        let startUp = try h.accounts()
        try h.create("changed@okta.example", in: h.okta)
        try h.create("before@other.example", in: h.other)
        let paused = DispatchSemaphore(value: 0)
        let resume = DispatchSemaphore(value: 0)
        let batches = Counter()
        let batching = RebuildBatching(rows: 5) {
            // Pause the rebuild half-way through deleting the account's 48 logs.
            if batches.next() == 3 {
                paused.signal()
                resume.wait()
            }
        }
        let reset = DispatchSemaphore(value: 0)
        let store = h.store
        Thread.detachNewThread {
            try? FixtureLoader().rebuild(Self.sources, into: store, replacing: .account(Self.account), batching: batching)
            reset.signal()
        }
        try #require(paused.wait(timeout: .now() + 60) == .success, "the rebuild never reached its third batch")
        let duringReset = Outcomes()
        let unblocked = Self.finishes(within: 20) {
            duringReset.record("counts", Result { _ = try store.counts() })
            duringReset.record("other", Result { try h.create("during@other.example", in: h.other) })
            duringReset.record("okta", Result { try h.create("during@okta.example", in: h.okta) })
        }
        resume.signal()
        #expect(reset.wait(timeout: .now() + 60) == .success)
        #expect(unblocked, "a read and a write of another account waited for the whole reset")
        #expect(duringReset.succeeded("counts") && duringReset.succeeded("other"))
        #expect((duringReset.error("okta") as? SCIMError)?.status == 503)
        #expect(batches.value > 10, "the reset ran in many batches")

        let after = try h.accounts()
        #expect(after[Self.account] == startUp[Self.account], "the reset account is exactly its start-up state")
        let otherUsers = after["acc-other"]?.objectValue?["identity_providers"]?.arrayValue?.first?.objectValue?["users"]
        let names = otherUsers?.arrayValue?.compactMap { $0.objectValue?["userName"]?.stringValue }
        #expect(names == ["first@other.example", "before@other.example", "during@other.example"])
        let counts = try h.store.counts()
        #expect([counts.accounts, counts.idps, counts.users, counts.groups, counts.logs] == [2, 3, 15, 5, 50] as [Int])
        // The secret cache follows the new IdP rows: a write after the reset lands.
        try h.create("after@okta.example", in: try Harness.context(h.store, "okta-scim-secret"))
    }

    @Test func aWritePreparedBeforeAResetAndAppliedAfterItIsRefusedNotLost() throws {
        let h = try Harness()
        let admin = AdminService(
            store: h.store, clock: MockClock(frozenAt: MockClock.deterministicStart), ids: IDGenerator(seed: 1),
            startupFixtures: Self.sources)
        try admin.resetAccount(Self.account)
        // `h.okta` names the IdP row the reset replaced.
        let error = #expect(throws: SCIMError.self) { try h.create("stale@okta.example", in: h.okta) }
        #expect(error?.status == 503)
        #expect(try h.store.counts().logs == 48, "nothing applied, nothing logged for a replaced IdP")
    }

    @Test func aWholeResetIsOneEventAndPublishesNoBatch() throws {
        let h = try Harness()
        let startUp = try h.accounts()
        try h.create("changed@okta.example", in: h.okta)
        let generation = h.store.generation
        try FixtureLoader().rebuild(Self.sources, into: h.store, replacing: .everything, batching: RebuildBatching(rows: 3))
        #expect(h.store.generation == generation + 1)
        #expect(try h.accounts() == startUp)
    }

    @Test func aLoadWhoseKeyAnotherAccountHoldsChangesNothing() throws {
        let h = try Harness()
        let before = try h.store.exportState()
        let taken = """
            {"accounts":[{"id":"acc-new","identity_providers":[{"id":"idp-other","name":"Copy","type":"okta"}]}]}
            """
        let error = #expect(throws: FixtureError.self) {
            try FixtureLoader().rebuild([.bytes(Array(taken.utf8), name: "new.json")], into: h.store, replacing: .add)
        }
        #expect(error?.description == "new.json: $: identity provider \"idp-other\" is already in another account")
        #expect(try h.store.exportState() == before)
    }
}

/// Counts hook calls across threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func next() -> Int {
        lock.withLock {
            count += 1; return count
        }
    }
}

/// What each call made from another thread gave.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [String: Result<Void, any Error>] = [:]
    func record(_ name: String, _ result: Result<Void, any Error>) { lock.withLock { results[name] = result } }
    func succeeded(_ name: String) -> Bool { lock.withLock { if case .success = results[name] { true } else { false } } }
    func error(_ name: String) -> (any Error)? {
        lock.withLock { if case .failure(let error) = results[name] { error } else { nil } }
    }
}
