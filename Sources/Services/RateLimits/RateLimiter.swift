import JSON
import Synchronization

/// A quota of requests per window, as Cloudflare states it (`Ratelimit-Policy: "default";q=1200;w=300`).
public struct RateLimitPolicy: Sendable, Equatable {
    public var quota: Int
    public var windowSeconds: Int

    public init(quota: Int, windowSeconds: Int) {
        self.quota = quota
        self.windowSeconds = windowSeconds
    }

    /// Cloudflare's documented API limit: 1,200 requests per 5 minutes per user or token.
    public static let cloudflare = RateLimitPolicy(quota: 1200, windowSeconds: 300)
    /// Cloudflare's per-client-IP limit: 200 requests per second.
    public static let cloudflarePerIP = RateLimitPolicy(quota: 200, windowSeconds: 1)
}

/// What the limiter said about one request.
public struct RateLimitDecision: Sendable, Equatable {
    public var allowed: Bool
    /// Requests left in the window after this one.
    public var remaining: Int
    /// Whole seconds (rounded up) until the window refills; `retry-after` on a refusal.
    public var resetSeconds: Int
    public var policy: RateLimitPolicy

    public init(allowed: Bool, remaining: Int, resetSeconds: Int, policy: RateLimitPolicy) {
        self.allowed = allowed
        self.remaining = remaining
        self.resetSeconds = resetSeconds
        self.policy = policy
    }
}

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

/// The limits `serve --rate-limit` and `--scim-rate-limit` switch on: per credential on the v4 API
/// (and per client address when `perIP` is set), per SCIM secret on the SCIM surface.
public struct RateLimits: Sendable {
    public let cloudflare: RateLimiter?
    public let cloudflarePerIP: RateLimiter?
    public let scim: RateLimiter?

    public init(cloudflare: RateLimiter? = nil, cloudflarePerIP: RateLimiter? = nil, scim: RateLimiter? = nil) {
        self.cloudflare = cloudflare
        self.cloudflarePerIP = cloudflarePerIP
        self.scim = scim
    }

    public var isEmpty: Bool { cloudflare == nil && cloudflarePerIP == nil && scim == nil }

    public func reset() {
        for limiter in [cloudflare, cloudflarePerIP, scim] { limiter?.reset() }
    }
}
