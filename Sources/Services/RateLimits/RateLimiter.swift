import JSON
import Synchronization

/// Fixed windows per key (a token, a key, a client address, a SCIM secret) on the mock clock: a key's
/// window opens with its first request and refills `windowSeconds` later, so advancing the clock
/// (`POST /__admin/clock {"advance":300}`) refills every window without a test having to sleep.
/// Refused requests do not count. The number of keys is bounded: when full, expired windows go first,
/// and if none has expired every window starts again.
public final class RateLimiter: Sendable {
    public let policy: RateLimitPolicy
    private let now: @Sendable () -> Timestamp
    private let windows = Mutex<[String: Window]>([:])
    static let maxKeys = 10_000

    struct Window {
        var opened: Int64
        var used: Int
    }

    public init(policy: RateLimitPolicy, now: @escaping @Sendable () -> Timestamp) {
        self.policy = policy
        self.now = now
    }

    public func admit(_ key: String) -> RateLimitDecision {
        let instant = now().microseconds
        let length = Int64(policy.windowSeconds) * 1_000_000
        return windows.withLock { windows in
            var window = windows[key] ?? Window(opened: instant, used: 0)
            if instant - window.opened >= length || instant < window.opened { window = Window(opened: instant, used: 0) }
            let allowed = window.used < policy.quota
            if allowed { window.used += 1 }
            if windows[key] == nil, windows.count >= Self.maxKeys { Self.evict(&windows, before: instant - length) }
            windows[key] = window
            let left = max(window.opened + length - instant, 0)
            return RateLimitDecision(
                allowed: allowed, remaining: policy.quota - window.used,
                resetSeconds: Int((left + 999_999) / 1_000_000), policy: policy)
        }
    }

    /// Every window starts again (on `/__admin/reset`).
    public func reset() { windows.withLock { $0 = [:] } }

    private static func evict(_ windows: inout [String: Window], before cutoff: Int64) {
        windows = windows.filter { $0.value.opened > cutoff }
        if windows.count >= maxKeys { windows = [:] }
    }
}
