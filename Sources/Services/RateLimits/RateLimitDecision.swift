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
