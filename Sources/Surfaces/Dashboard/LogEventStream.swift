import Dispatch
import HTTPServer
import SCIM
import Store
import Synchronization

/// One open live tail: sends the update logs matching its query as they are committed, read from SQL by
/// the v4 list's own filters plus a row-id range, so a tail shows exactly what the list would.
///
/// The change feed says when to read and up to which log id (a SCIM write's event names its logs); the
/// feed's wake-up only schedules a read on this tail's queue, since it runs under the store's write lock.
/// A tail that falls behind the feed (`resynchronise`) reads everything after what it last covered. A
/// reset or fixture load is sent as `reload` instead of its logs; the next SCIM write's first log id
/// marks where news starts again. A backlog (a resume from an old id) goes out in batches, waiting while
/// the client is behind, so it never runs into the stream's buffer limit.
final class LogEventStream: Sendable {
    private struct State {
        /// Every matching log up to this row id has been sent.
        var covered: Int64 = 0
        /// Logs up to here are committed and due; nil once a reset made the ids before the next write stale.
        var horizon: Int64?
        var subscription: ChangeFeed<StoreEvent>.Subscription?
    }

    static let batchSize = 200
    /// A backlog waits while the client has more than this many bytes to read.
    static let highWater = 256 << 10

    let store: Store
    let query: LogQuery
    let stream: ResponseStream
    private let queue = DispatchQueue(label: "scim-mock.live-tail", target: .global())
    private let state = Mutex(State())

    init(store: Store, query: LogQuery, stream: ResponseStream) {
        self.store = store
        self.query = query
        self.stream = stream
    }

    /// Starts after the log `after` (nil: after the newest, so only new logs are sent). An id beyond the
    /// newest log was given out before a reset (ids start again after one) or never: the stream says
    /// `reload` and follows from the newest, rather than skip every log until the ids pass it.
    func start(after: Int64?) throws {
        let subscription = store.feed.subscribe { [weak self] in self?.schedule() }
        let newest = try store.lastUpdateLogID()
        let stale = after.map { $0 > newest } ?? false
        state.withLock { state in
            state.subscription = subscription
            state.covered = stale ? newest : after ?? newest
            state.horizon = newest
        }
        stream.send(EventFrame.retry)
        if stale { stream.send(EventFrame.reload(.reset)) }
        stream.onClose { self.close() }
        schedule()
    }

    private func schedule(after delay: DispatchTimeInterval? = nil) {
        if let delay {
            queue.asyncAfter(deadline: .now() + delay) { self.pump() }
        } else {
            queue.async { self.pump() }
        }
    }

    private func close() {
        let subscription = state.withLock { state in
            defer { state.subscription = nil }
            return state.subscription
        }
        subscription?.cancel()
    }

    /// Runs on `queue` only: reads the feed, then sends what became due.
    private func pump() {
        guard let subscription = state.withLock({ $0.subscription }), !stream.isClosed else { return close() }
        switch subscription.poll(limit: 256) {
        case .entries(let entries):
            for entry in entries { take(entry.event) }
            if entries.count == 256 { schedule() }
        case .resynchronise:
            resubscribe()
        case .cancelled:
            return
        }
        do {
            try sendDue()
        } catch {
            stream.finish()
        }
    }

    private func take(_ event: StoreEvent) {
        switch event {
        case .scimWrite(let write):
            guard let first = write.logIDs.min(), let last = write.logIDs.max() else { return }
            let matches = mightMatch(write)
            state.withLock { state in
                if state.horizon == nil {
                    state.covered = first - 1
                    state.horizon = state.covered
                }
                if matches {
                    state.horizon = max(state.horizon ?? last, last)
                } else if state.covered == state.horizon {
                    // Nothing is pending and none of these logs can match: no read needed.
                    state.covered = max(state.covered, last)
                    state.horizon = state.covered
                }
            }
        case .reset: reload(.reset)
        case .fixturesLoaded: reload(.fixtures)
        case .accountReset(let account):
            if query.accountID == nil || query.accountID == account { reload(.account) }
        case .clockChanged: return
        }
    }

    /// False when the write's logs cannot match the query (another IdP, outcome, method or type): a tail
    /// on one IdP then costs nothing per write of another. The SQL query alone decides what matches.
    private func mightMatch(_ write: SCIMWriteEvent) -> Bool {
        (query.accountID.map { $0 == write.accountID } ?? true)
            && (query.idpIDs.isEmpty || query.idpIDs.contains(write.idpID))
            && (query.statuses.isEmpty || query.statuses.contains(write.status))
            && (query.methods.isEmpty || query.methods.contains(write.method))
            && (query.resourceTypes.isEmpty || query.resourceTypes.contains(write.kind.logType))
    }

    private func reload(_ reason: EventFrame.ReloadReason) {
        state.withLock { $0.horizon = nil }
        stream.send(EventFrame.reload(reason))
    }

    /// Dropped by the feed: subscribe afresh, then read everything committed since what was covered.
    private func resubscribe() {
        let subscription = store.feed.subscribe { [weak self] in self?.schedule() }
        let newest = try? store.lastUpdateLogID()
        state.withLock { state in
            state.subscription = subscription
            if let newest { state.horizon = max(state.horizon ?? newest, newest) }
        }
    }

    private func sendDue() throws {
        while let (covered, horizon) = state.withLock({ s in s.horizon.map { (s.covered, $0) } }), covered < horizon {
            if stream.bufferedBytes > Self.highWater { return schedule(after: .milliseconds(20)) }
            let rows = try store.updateLogs(query, after: covered, through: horizon, limit: Self.batchSize)
            for row in rows where !stream.send(EventFrame.log(id: row.id, row.log)) { return }
            let reached = rows.count < Self.batchSize ? horizon : rows.last?.id ?? horizon
            state.withLock { state in if state.horizon != nil { state.covered = max(state.covered, reached) } }
        }
    }
}
