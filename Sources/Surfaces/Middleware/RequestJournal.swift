import HTTPServer
import JSON
import Synchronization

/// The last `capacity` requests on every surface, as `/__admin/requests` reports them (WireMock's
/// request journal). Recording costs one short lock and no copy of the headers; the journal's own
/// admin routes are not recorded, so reading it does not change it.
public final class RequestJournal: Sendable {
    public let capacity: Int
    /// Bytes of a write's body kept per request.
    public let bodyLimit: Int
    private let ring: Mutex<Ring>

    struct Ring {
        var entries: [JournalEntry] = []
        /// Where the next entry goes once the ring is full.
        var oldest = 0
        var recorded = 0
    }

    public static let defaultCapacity = 10_000
    public static let defaultBodyLimit = 4096

    public init(capacity: Int = defaultCapacity, bodyLimit: Int = defaultBodyLimit) {
        self.capacity = max(capacity, 1)
        self.bodyLimit = max(bodyLimit, 0)
        ring = Mutex(Ring())
    }

    /// Whether requests to this route are recorded: all but the journal's own (the surface is compared
    /// first, so the other surfaces' requests cost no string comparison).
    static func records(_ route: Route?) -> Bool {
        guard let route, route.surface == .admin else { return true }
        return !route.pattern.hasPrefix(AdminJournalRoutes.path)
    }

    /// Whether a body of this method is kept: a switch on short strings, cheaper per request than hashing.
    static func isWrite(_ method: String) -> Bool {
        switch method {
        case "POST", "PUT", "PATCH", "DELETE": true
        default: false
        }
    }

    func record(
        _ request: HTTPRequest, surface: Surface, routePattern: String?, response: HTTPResponse, notes: RequestNotes.Notes,
        time: Timestamp, microseconds: Int64
    ) {
        let isWrite = Self.isWrite(request.method)
        let body = isWrite && !request.body.isEmpty ? Array(request.body.prefix(bodyLimit)) : nil
        let delay = response.delay.map { $0.components.seconds * 1_000_000 + $0.components.attoseconds / 1_000_000_000_000 }
        ring.withLock { ring in
            ring.recorded += 1
            let entry = JournalEntry(
                number: ring.recorded, time: time, surface: surface, method: request.method, path: request.path,
                rawQuery: request.rawQuery, routePattern: routePattern, status: response.dropsConnection ? 0 : response.status,
                outcome: Self.outcome(response), microseconds: microseconds + (delay ?? 0), notes: notes,
                headers: request.headers, clientAddress: request.clientAddress, body: body, bodyBytes: request.body.count)
            if ring.entries.count < capacity {
                ring.entries.append(entry)
            } else {
                ring.entries[ring.oldest] = entry
                ring.oldest = (ring.oldest + 1) % capacity
            }
        }
    }

    /// The entries that match, oldest first; only the last `limit` when set.
    public func entries(matching filter: JournalFilter, limit: Int? = nil) -> [JournalEntry] {
        let (entries, oldest) = ring.withLock { ($0.entries, $0.oldest) }
        var matched = (entries[oldest...] + entries[..<oldest]).filter(filter.matches)
        if let limit, matched.count > limit { matched.removeFirst(matched.count - limit) }
        return matched
    }

    public func count(matching filter: JournalFilter) -> Int {
        let entries = ring.withLock { $0.entries }
        return entries.reduce(0) { $0 + (filter.matches($1) ? 1 : 0) }
    }

    /// Empties the journal; numbering goes on.
    public func removeAll() {
        ring.withLock { ring in
            ring.entries = []
            ring.oldest = 0
        }
    }

    private static func outcome(_ response: HTTPResponse) -> String {
        if response.dropsConnection { return "closed" }
        if response.stream != nil { return "streamed" }
        if let cut = response.truncatedAfter, cut < response.body.count { return "truncated" }
        return "answered"
    }
}
