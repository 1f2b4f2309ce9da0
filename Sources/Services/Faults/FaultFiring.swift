/// When a matching rule fires: every `every`-th match (1: each), only with `probability` (drawn from a
/// generator seeded by `seed`, so the same seed gives the same faults), and at most `times` times.
public struct FaultFiring: Sendable, Equatable {
    public var times: Int?
    public var every: Int
    public var probability: Double?
    public var seed: UInt64

    public init(times: Int? = nil, every: Int = 1, probability: Double? = nil, seed: UInt64 = 0) {
        self.times = times
        self.every = every
        self.probability = probability
        self.seed = seed
    }
}
