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
