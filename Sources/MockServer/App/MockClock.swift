import Foundation
import SCIM
import JSON

/// The time the mock stamps on `logged_at` and `meta`. It follows the system clock until frozen
/// (`POST /__admin/clock`); `--deterministic` starts it frozen, so runs are byte-identical.
public final class MockClock: @unchecked Sendable {
    private let lock = NSLock()
    private let initial: Timestamp?
    private var frozen: Timestamp?

    /// The instant a deterministic run starts at.
    public static let deterministicStart = Timestamp(rfc3339: "2025-01-01T00:00:00Z")!

    /// A clock frozen at `frozenAt`, or following the system clock for nil.
    public init(frozenAt: Timestamp? = nil) {
        initial = frozenAt
        frozen = frozenAt
    }

    public func now() -> Timestamp {
        lock.lock()
        defer { lock.unlock() }
        return frozen ?? Timestamp.now()
    }

    public var isFrozen: Bool {
        lock.lock()
        defer { lock.unlock() }
        return frozen != nil
    }

    /// Freezes the clock at `instant`.
    public func set(_ instant: Timestamp) {
        lock.lock()
        frozen = instant
        lock.unlock()
    }

    /// The latest instant RFC 3339's four-digit years can write.
    public static let latest = Timestamp(rfc3339: "9999-12-31T23:59:59.999999Z")!

    /// Freezes the clock at `instant` (or at now) moved forward by `microseconds`, as one change.
    /// Returns false, changing nothing, when that would pass `latest` (so repeated advances cannot overflow).
    public func freeze(at instant: Timestamp? = nil, advancedBy microseconds: Int64) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let base = instant ?? frozen ?? Timestamp.now()
        guard microseconds >= 0, microseconds <= Self.latest.microseconds - base.microseconds else { return false }
        frozen = Timestamp(microseconds: base.microseconds + microseconds)
        return true
    }

    /// Follows the system clock again.
    public func unfreeze() {
        lock.lock()
        frozen = nil
        lock.unlock()
    }

    /// Back to how it started (on `/__admin/reset`).
    public func reset() {
        lock.lock()
        frozen = initial
        lock.unlock()
    }
}
