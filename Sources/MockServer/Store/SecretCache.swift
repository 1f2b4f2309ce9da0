import Foundation

/// SCIM secrets and the IdPs they name, cached whole: a lookup per SCIM request costs a dictionary
/// read instead of a query under the store's lock.
final class SecretCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (IdentityProvider, Int64)]?
    /// Bumped by `invalidate`, so a fill computed before a fixture load is not kept after it.
    private var generation = 0

    var currentGeneration: Int {
        lock.lock()
        defer { lock.unlock() }
        return generation
    }

    /// nil when the cache is empty (ask the store); `.some(nil)` for a secret nobody has.
    func lookup(_ secret: String) -> (idp: IdentityProvider, pk: Int64)?? {
        lock.lock()
        defer { lock.unlock() }
        guard let entries else { return nil }
        return .some(entries[secret].map { (idp: $0.0, pk: $0.1) })
    }

    func fill(_ all: [String: (IdentityProvider, Int64)], readAt generation: Int) {
        lock.lock()
        if generation == self.generation { entries = all }
        lock.unlock()
    }

    func invalidate() {
        lock.lock()
        entries = nil
        generation += 1
        lock.unlock()
    }
}
