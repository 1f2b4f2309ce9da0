import Foundation

extension ChangeFeed {
    /// One subscriber's end of the feed. Reading is non-blocking (`poll`) for a connection that suspends and is
    /// resumed by `onAvailable`, or blocking (`next`) for a CLI or a test. Cancelling, or dropping the last
    /// reference, unsubscribes.
    public final class Subscription: Sendable {
        private let feed: ChangeFeed
        private let id: Int
        private let waker: Waker

        init(feed: ChangeFeed, id: Int, waker: Waker) {
            self.feed = feed
            self.id = id
            self.waker = waker
        }

        deinit {
            feed.remove(id)
        }

        /// Takes up to `limit` buffered entries without waiting: `.entries([])` when none are buffered.
        public func poll(limit: Int = .max) -> Delivery {
            feed.read(id, limit: limit)
        }

        /// Like `poll`, but waits up to `timeout` for an entry, a drop or a cancel; `.entries([])` on timeout.
        public func next(timeout: Duration, limit: Int = .max) -> Delivery {
            let deadline = Date(timeIntervalSinceNow: Self.seconds(timeout))
            let delivery = waker.wait(until: deadline) { () -> Delivery? in
                let delivery = poll(limit: limit)
                if case .entries(let entries) = delivery, entries.isEmpty { return nil }
                return delivery
            }
            return delivery ?? .entries([])
        }

        /// Stops delivery and frees the buffer; a `next` waiting on another thread returns `.cancelled`.
        public func cancel() {
            feed.remove(id)
            waker.signal()
        }

        private static func seconds(_ duration: Duration) -> Double {
            let (seconds, attoseconds) = duration.components
            return Double(seconds) + Double(attoseconds) / 1e18
        }
    }

    /// Wakes a subscriber's blocked `next` and calls its `onAvailable`, always outside the feed's lock.
    ///
    /// `next` polls while holding the condition's lock and a publisher takes that lock only after the feed's lock
    /// is released, so an entry published between a poll that found nothing and the wait still wakes the wait.
    final class Waker: @unchecked Sendable {
        private let condition = NSCondition()
        private let onAvailable: (@Sendable () -> Void)?

        init(onAvailable: (@Sendable () -> Void)?) {
            self.onAvailable = onAvailable
        }

        func wake() {
            signal()
            onAvailable?()
        }

        func signal() {
            condition.lock()
            condition.broadcast()
            condition.unlock()
        }

        /// Repeats `attempt` until it returns a value or `deadline` passes.
        func wait<T>(until deadline: Date, _ attempt: () -> T?) -> T? {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let value = attempt() { return value }
                if !condition.wait(until: deadline) { return attempt() }
            }
        }
    }
}
