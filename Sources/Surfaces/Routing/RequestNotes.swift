import Synchronization

/// What the middleware did to one request, for the journal: the fault rule that fired (and its
/// action) and the rate limit that refused it. One per request, shared by the copies of the
/// `RouteRequest` the chain passes along; only made when a journal is kept.
public final class RequestNotes: Sendable {
    public struct Notes: Sendable, Equatable {
        public var faultRule: String?
        public var faultAction: String?
        public var limit: String?
    }

    private let notes = Mutex(Notes())

    public init() {}

    public var current: Notes { notes.withLock { $0 } }

    func fault(rule: String, action: String) {
        notes.withLock {
            $0.faultRule = rule
            $0.faultAction = action
        }
    }

    func limited(by limit: String) { notes.withLock { $0.limit = limit } }
}
