import Synchronization

/// SCIM secrets and the IdPs they name, cached whole: a lookup per SCIM request costs a dictionary
/// read instead of a query under the store's lock.
final class SecretCache: Sendable {
    private struct Contents {
        var entries: [String: (IdentityProvider, Int64)]?
        /// Bumped by `invalidate`, so a fill computed before a fixture load is not kept after it.
        var generation = 0
    }

    private let contents = Mutex(Contents())

    var currentGeneration: Int { contents.withLock { $0.generation } }

    /// nil when the cache is empty (ask the store); `.some(nil)` for a secret nobody has.
    func lookup(_ secret: String) -> (idp: IdentityProvider, pk: Int64)?? {
        contents.withLock { contents in
            guard let entries = contents.entries else { return nil }
            return .some(entries[secret].map { (idp: $0.0, pk: $0.1) })
        }
    }

    func fill(_ all: [String: (IdentityProvider, Int64)], readAt generation: Int) {
        contents.withLock { contents in
            if generation == contents.generation { contents.entries = all }
        }
    }

    func invalidate() {
        contents.withLock { contents in
            contents.entries = nil
            contents.generation += 1
        }
    }
}
