import Foundation

/// Ids for created resources: random UUIDs, or with a seed (`--deterministic`) a fixed sequence of
/// UUID-shaped ids, so the same requests in the same order get the same ids in every run.
public final class IDGenerator: @unchecked Sendable {
    private let lock = NSLock()
    private let seed: UInt64?
    private var random: SplitMix64?

    public init(seed: UInt64? = nil) {
        self.seed = seed
        random = seed.map(SplitMix64.init(seed:))
    }

    public func next() -> String {
        lock.lock()
        defer { lock.unlock() }
        guard random != nil else { return UUID().uuidString.lowercased() }
        return random!.uuid()
    }

    /// Restarts the sequence (on `/__admin/reset`).
    public func reset() {
        lock.lock()
        random = seed.map(SplitMix64.init(seed:))
        lock.unlock()
    }
}
