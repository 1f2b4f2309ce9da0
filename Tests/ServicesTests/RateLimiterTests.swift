import JSON
import Services
import Testing

@Suite struct RateLimiterTests {
    let clock = MockClock(frozenAt: MockClock.deterministicStart)

    private func limiter(_ quota: Int, _ window: Int) -> RateLimiter {
        let clock = self.clock
        return RateLimiter(policy: RateLimitPolicy(quota: quota, windowSeconds: window), now: { clock.now() })
    }

    private func advance(_ seconds: Double) { _ = clock.freeze(advancedBy: Int64(seconds * 1_000_000)) }

    @Test func theQuotaHoldsForTheWindowAndTheClockRefillsIt() {
        let limits = limiter(3, 300)
        #expect((0..<4).map { _ in limits.admit("t").allowed } == [true, true, true, false])
        advance(299.5)
        let refused = limits.admit("t")
        #expect(!refused.allowed && refused.remaining == 0 && refused.resetSeconds == 1)
        advance(0.5)
        let refilled = limits.admit("t")
        #expect(refilled.allowed && refilled.remaining == 2 && refilled.resetSeconds == 300)
    }

    @Test func remainingAndResetCountDown() {
        let limits = limiter(1200, 300)
        #expect(limits.admit("t") == RateLimitDecision(allowed: true, remaining: 1199, resetSeconds: 300, policy: limits.policy))
        advance(10.2)
        let later = limits.admit("t")
        #expect(later.remaining == 1198 && later.resetSeconds == 290)
    }

    @Test func refusedRequestsDoNotCountAndKeysAreApart() {
        let limits = limiter(1, 60)
        #expect(limits.admit("a").allowed)
        for _ in 0..<5 { #expect(!limits.admit("a").allowed) }
        #expect(limits.admit("b").allowed)
        advance(60)
        #expect(limits.admit("a").allowed && !limits.admit("a").allowed)
    }

    @Test func aClockSetBackOpensANewWindow() {
        let limits = limiter(1, 60)
        #expect(limits.admit("a").allowed)
        clock.set(Timestamp(microseconds: MockClock.deterministicStart.microseconds - 1_000_000))
        #expect(limits.admit("a").allowed)
    }

    @Test func resetStartsEveryWindowAgainAndManyKeysStayBounded() {
        let limits = limiter(1, 60)
        for key in 0..<20_001 { _ = limits.admit("k\(key)") }
        #expect(limits.admit("k20000").allowed == false)
        limits.reset()
        #expect(limits.admit("k20000").allowed)
    }
}
