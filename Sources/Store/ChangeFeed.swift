import Synchronization

/// Committed changes fanned out to any number of subscribers, in commit order.
///
/// The store publishes while it holds its write lock, so publish order is commit order, and `publish` must
/// never make a writer wait for a reader: it only appends under one short lock, O(subscribers). Each
/// subscriber has a bounded buffer; one that lets it fill is dropped and told to resynchronise, rather than
/// slowing writers or silently missing events. A bounded history lets a reconnecting subscriber resume from
/// the last generation it saw.
///
/// Rules:
/// - Drop: a publish that finds a subscriber with `bufferCapacity` unread live entries drops it; its buffer is
///   discarded and every later read returns `.resynchronise`. Catch-up entries from `subscribe(after:)` do not
///   count against the buffer (the history capacity bounds them).
/// - Wake-up: `onAvailable` is called once each time a publish takes the subscriber's buffer from empty to
///   non-empty, and once when the subscriber is dropped; never for what `subscribe` itself queued (catch-up
///   entries, an immediate resynchronise) or for `cancel`. A read that leaves entries behind does not re-arm it.
/// - Resume: `subscribe(after: g)` delivers the retained entries with generation > g, then live ones. It says
///   resynchronise at once when entries after g have already left the history (g < `earliestResumable`) or
///   when g is newer than anything published (a generation from another run of the store).
public final class ChangeFeed<Event: Sendable>: Sendable {
    /// One published event and the store generation its commit produced.
    public struct Entry: Sendable {
        public let generation: Int
        public let event: Event

        public init(generation: Int, event: Event) {
            self.generation = generation
            self.event = event
        }
    }

    /// What a read of a subscription found.
    public enum Delivery: Sendable {
        /// Entries in generation order. Empty when nothing is buffered, or when `next(timeout:)` timed out.
        case entries([Entry])
        /// The subscriber was dropped or could not resume; every later read says the same.
        case resynchronise(Resync)
        /// The subscription was cancelled.
        case cancelled
    }

    /// Where a dropped subscriber stands.
    public struct Resync: Sendable, Hashable {
        /// The generation of the last entry the subscriber read (or where it started): `subscribe(after:)`
        /// with it still catches up without a full reload while the history retains what followed.
        public let lastRead: Int
        /// The feed's generation when the subscriber was dropped; state read afresh is at least this new.
        public let current: Int

        public init(lastRead: Int, current: Int) {
            self.lastRead = lastRead
            self.current = current
        }
    }

    /// Unread live entries a subscriber may hold before it is dropped.
    public let bufferCapacity: Int
    /// Recent entries kept for `subscribe(after:)`.
    public let historyCapacity: Int
    private let state: Mutex<State>

    /// A feed whose next published generation will be above `generation`.
    public init(generation: Int = 0, bufferCapacity: Int = 1024, historyCapacity: Int = 10_000) {
        precondition(bufferCapacity > 0 && historyCapacity >= 0, "ChangeFeed capacities out of range")
        self.bufferCapacity = bufferCapacity
        self.historyCapacity = historyCapacity
        state = Mutex(State(generation: generation))
    }

    /// Records `event` as the change that produced `generation` and hands it to every subscriber. Callers
    /// serialize publishes (the store's write lock does) and `generation` must increase with each; wake-up
    /// callbacks run on this thread after the feed's lock is released.
    public func publish(_ event: Event, generation: Int) {
        let entry = Entry(generation: generation, event: event)
        let woken = state.withLock { state in
            state.publish(entry, bufferCapacity: bufferCapacity, historyCapacity: historyCapacity)
        }
        for waker in woken { waker.wake() }
    }

    /// A subscription that starts live from now (nil) or resumes after `generation`.
    ///
    /// `onAvailable` runs on a publisher's thread while the store still holds its write lock: it must be short
    /// and must not write to the store, but it may read the subscription. It can fire before `subscribe`
    /// returns to its caller, so read once after subscribing before waiting for it.
    public func subscribe(after generation: Int? = nil, onAvailable: (@Sendable () -> Void)? = nil) -> Subscription {
        let waker = Waker(onAvailable: onAvailable)
        let id = state.withLock { $0.subscribe(after: generation, waker: waker) }
        return Subscription(feed: self, id: id, waker: waker)
    }

    /// The generation of the newest entry published (or the starting generation).
    public var generation: Int { state.withLock { $0.generation } }

    /// Subscribers still receiving live entries: neither cancelled nor dropped.
    public var subscriberCount: Int { state.withLock { $0.live.count } }

    /// The oldest generation `subscribe(after:)` can resume from without resynchronising.
    public var earliestResumable: Int { state.withLock { $0.floor } }

    func read(_ id: Int, limit: Int) -> Delivery {
        state.withLock { $0.read(id, limit: limit) }
    }

    func remove(_ id: Int) {
        state.withLock { state in
            state.live[id] = nil
            state.dropped[id] = nil
        }
    }
}

extension ChangeFeed.Entry: Equatable where Event: Equatable {}
extension ChangeFeed.Delivery: Equatable where Event: Equatable {}

extension ChangeFeed {
    /// One subscriber's buffer, kept in the feed's state so that a publish updates every buffer under one lock.
    struct Subscriber {
        var pending: FeedQueue<Entry>
        /// Unread catch-up entries at the front of `pending`: exempt from the buffer capacity.
        var backlog: Int
        var lastRead: Int
        let waker: Waker

        enum Offer { case queued, becameNonEmpty, full }

        mutating func offer(_ entry: Entry, capacity: Int) -> Offer {
            if pending.count - backlog >= capacity { return .full }
            let wasEmpty = pending.isEmpty
            pending.append(entry)
            return wasEmpty ? .becameNonEmpty : .queued
        }

        mutating func take(_ limit: Int) -> [Entry] {
            let taken = pending.removeFirst(upTo: limit)
            backlog = max(0, backlog - taken.count)
            if let last = taken.last { lastRead = last.generation }
            return taken
        }
    }

    struct State {
        var generation: Int
        /// Every entry with a generation above this one is still in `history`.
        var floor: Int
        var history = FeedQueue<Entry>()
        var live: [Int: Subscriber] = [:]
        /// Dropped subscribers, kept only so that their reads can say resynchronise.
        var dropped: [Int: Resync] = [:]
        var nextID = 0

        init(generation: Int) {
            self.generation = generation
            floor = generation
        }

        /// Returns the wakers to call once the lock is released.
        mutating func publish(_ entry: Entry, bufferCapacity: Int, historyCapacity: Int) -> [Waker] {
            precondition(entry.generation > generation, "ChangeFeed generations must increase")
            generation = entry.generation
            remember(entry, historyCapacity: historyCapacity)
            var woken: [Waker] = []
            var full: [Int] = []
            // Not `live.indices`: it holds a copy of the dictionary, which would make every offer copy its buffer.
            var index = live.startIndex
            while index != live.endIndex {
                switch live.values[index].offer(entry, capacity: bufferCapacity) {
                case .queued: break
                case .becameNonEmpty: woken.append(live.values[index].waker)
                case .full: full.append(live.keys[index])
                }
                live.formIndex(after: &index)
            }
            for id in full {
                guard let subscriber = live.removeValue(forKey: id) else { continue }
                dropped[id] = Resync(lastRead: subscriber.lastRead, current: generation)
                woken.append(subscriber.waker)
            }
            return woken
        }

        private mutating func remember(_ entry: Entry, historyCapacity: Int) {
            history.append(entry)
            if history.count > historyCapacity, let evicted = history.removeFirst() {
                floor = evicted.generation
            }
        }

        mutating func subscribe(after requested: Int?, waker: Waker) -> Int {
            let id = nextID
            nextID += 1
            let start = requested ?? generation
            guard start >= floor && start <= generation else {
                dropped[id] = Resync(lastRead: start, current: generation)
                return id
            }
            let backlog = history.suffix { $0.generation > start }
            live[id] = Subscriber(pending: FeedQueue(backlog), backlog: backlog.count, lastRead: start, waker: waker)
            return id
        }

        mutating func read(_ id: Int, limit: Int) -> Delivery {
            if let resync = dropped[id] { return .resynchronise(resync) }
            guard let taken = live[id]?.take(limit) else { return .cancelled }
            return .entries(taken)
        }
    }
}
