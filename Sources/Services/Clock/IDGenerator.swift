import Foundation
import Store
import Synchronization

/// Ids for created resources: random UUIDs, or with a seed (`--deterministic`) a fixed sequence of
/// UUID-shaped ids, so the same requests in the same order get the same ids in every run.
public final class IDGenerator: Sendable {
    private let seed: UInt64?
    private let random: Mutex<SplitMix64?>

    public init(seed: UInt64? = nil) {
        self.seed = seed
        random = Mutex(seed.map(SplitMix64.init(seed:)))
    }

    public func next() -> String {
        random.withLock { random in
            guard random != nil else { return UUID().uuidString.lowercased() }
            return random!.uuid()
        }
    }

    /// Restarts the sequence (on `/__admin/reset`).
    public func reset() { random.withLock { $0 = seed.map(SplitMix64.init(seed:)) } }
}
