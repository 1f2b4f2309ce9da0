import JSON
import Synchronization

/// The time the mock stamps on `logged_at` and `meta`. It follows the system clock until frozen
/// (`POST /__admin/clock`); `--deterministic` starts it frozen, so runs are byte-identical.
public final class MockClock: Sendable {
    private let initial: Timestamp?
    /// The frozen instant, or nil while following the system clock.
    private let frozen: Mutex<Timestamp?>

    /// The instant a deterministic run starts at.
    public static let deterministicStart = Timestamp(rfc3339: "2025-01-01T00:00:00Z")!

    /// A clock frozen at `frozenAt`, or following the system clock for nil.
    public init(frozenAt: Timestamp? = nil) {
        initial = frozenAt
        frozen = Mutex(frozenAt)
    }

    public func now() -> Timestamp { frozen.withLock { $0 } ?? Timestamp.now() }

    public var isFrozen: Bool { frozen.withLock { $0 != nil } }

    /// Freezes the clock at `instant`.
    public func set(_ instant: Timestamp) { frozen.withLock { $0 = instant } }

    /// The latest instant RFC 3339's four-digit years can write.
    public static let latest = Timestamp(rfc3339: "9999-12-31T23:59:59.999999Z")!

    /// Freezes the clock at `instant` (or at now) moved forward by `microseconds`, as one change.
    /// Returns false, changing nothing, when that would pass `latest` (so repeated advances cannot overflow).
    public func freeze(at instant: Timestamp? = nil, advancedBy microseconds: Int64) -> Bool {
        frozen.withLock { frozen in
            let base = instant ?? frozen ?? Timestamp.now()
            guard microseconds >= 0, microseconds <= Self.latest.microseconds - base.microseconds else { return false }
            frozen = Timestamp(microseconds: base.microseconds + microseconds)
            return true
        }
    }

    /// Follows the system clock again.
    public func unfreeze() { frozen.withLock { $0 = nil } }

    /// Back to how it started (on `/__admin/reset`).
    public func reset() { frozen.withLock { $0 = initial } }
}
