import Foundation
import Store

/// Added latency: fixed, uniform between two bounds, or log-normal (a median and the σ of its
/// logarithm, the long-tailed shape real latencies have). Milliseconds; a draw is capped at `maximum`.
public enum Latency: Sendable, Equatable {
    case fixed(milliseconds: Double)
    case uniform(minimum: Double, maximum: Double)
    case logNormal(median: Double, sigma: Double)

    /// Ten minutes: longer than any client waits.
    public static let maximum = 600_000.0

    /// One draw, in milliseconds, from `random` (a rule's seeded generator).
    func sample(_ random: inout SplitMix64) -> Double {
        let value: Double
        switch self {
        case .fixed(let milliseconds): value = milliseconds
        case .uniform(let minimum, let maximum): value = minimum + (maximum - minimum) * random.unitInterval()
        case .logNormal(let median, let sigma):
            // Box–Muller: a standard normal from two uniform draws (the first kept away from 0).
            let u1 = max(random.unitInterval(), Double.leastNonzeroMagnitude)
            let u2 = random.unitInterval()
            let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            value = median * exp(sigma * normal)
        }
        return min(max(value, 0), Self.maximum)
    }
}

extension SplitMix64 {
    /// A uniform draw in [0, 1) from the top 53 bits.
    mutating func unitInterval() -> Double { Double(nextUInt64() >> 11) / Double(UInt64(1) << 53) }
}
