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
