import Foundation
import Store
import Synchronization
import Testing

private typealias Feed = ChangeFeed<Int>

@Suite struct ChangeFeedTests {
    @Test func deliversInPublishOrder() {
        let feed = Feed()
        let subscription = feed.subscribe()
        for generation in 1...100 { feed.publish(generation * 10, generation: generation) }
        let entries = entries(subscription.poll())
        #expect(entries.map(\.generation) == Array(1...100))
        #expect(entries.map(\.event) == (1...100).map { $0 * 10 })
        #expect(subscription.poll() == .entries([]))
    }

    @Test(.timeLimit(.minutes(2))) func concurrentPublishersLoseNothing() {
        let feed = Feed(bufferCapacity: 40_000)
        let consumer = Consumer(feed.subscribe(), expecting: 40_000)
        SerializedPublisher(feed).run(threads: 8, each: 5_000)
        let consumed = consumer.finish()
        #expect(consumed.end == nil)
        #expect(consumed.entries.map(\.generation) == Array(1...40_000))
        for thread in 0..<8 {
            let sequence = consumed.entries.map(\.event).filter { $0 / 1_000_000 == thread }.map { $0 % 1_000_000 }
            #expect(sequence == Array(0..<5_000), "thread \(thread)'s publishes arrive in its own order")
        }
    }

    @Test(.timeLimit(.minutes(2))) func concurrentPublishersWithSmallBufferGiveAPrefixThenResync() {
        let feed = Feed(bufferCapacity: 16)
        let consumer = Consumer(feed.subscribe(), expecting: 40_000)
        SerializedPublisher(feed).run(threads: 8, each: 5_000)
        let consumed = consumer.finish()
        let count = consumed.entries.count
        #expect(consumed.entries.map(\.generation) == (0..<count).map { $0 + 1 }, "an unbroken prefix")
        if count < 40_000 {
            #expect(consumed.end == .resynchronise(Feed.Resync(lastRead: count, current: consumed.resyncCurrent)))
            #expect(consumed.resyncCurrent > count)
        }
    }

    @Test(.timeLimit(.minutes(2))) func slowSubscriberDoesNotSlowWrites() {
        let count = 100_000
        let clock = ContinuousClock()
        let unwatched = Feed()
        let baseline = clock.measure { for generation in 1...count { unwatched.publish(generation, generation: generation) } }
        let feed = Feed()
        let idle = feed.subscribe()
        let watched = clock.measure { for generation in 1...count { feed.publish(generation, generation: generation) } }
        #expect(watched < baseline * 10 + .seconds(2))
        let roomy = Feed(bufferCapacity: count)
        let hoarder = roomy.subscribe()
        let hoarded = clock.measure { for generation in 1...count { roomy.publish(generation, generation: generation) } }
        #expect(hoarded < baseline * 10 + .seconds(2), "a publish costs the same however much a subscriber holds")
        #expect(entries(hoarder.poll()).count == count)
        #expect(feed.subscriberCount == 0)
        let resync = Feed.Delivery.resynchronise(Feed.Resync(lastRead: 0, current: 1_025))
        #expect(idle.poll() == resync)
        #expect(idle.next(timeout: .seconds(5)) == resync, "the drop is final")
    }

    @Test func droppedSubscriberResumesFromWhatItRead() {
        let feed = Feed(bufferCapacity: 2, historyCapacity: 100)
        let subscription = feed.subscribe()
        feed.publish(1, generation: 1)
        #expect(entries(subscription.poll()).map(\.generation) == [1])
        for generation in 2...4 { feed.publish(generation, generation: generation) }
        #expect(subscription.poll() == .resynchronise(Feed.Resync(lastRead: 1, current: 4)))
        let again = feed.subscribe(after: 1)
        #expect(entries(again.poll()).map(\.generation) == [2, 3, 4])
    }

    @Test func resumeWithinHistoryGetsMissedThenLive() {
        let feed = Feed(bufferCapacity: 4, historyCapacity: 100)
        for generation in 1...50 { feed.publish(generation, generation: generation) }
        let subscription = feed.subscribe(after: 30)
        for generation in 51...54 { feed.publish(generation, generation: generation) }
        #expect(entries(subscription.poll(limit: 10)).map(\.generation) == Array(31...40), "catch-up is not dropped")
        #expect(entries(subscription.poll()).map(\.generation) == Array(41...54))
        for generation in 55...58 { feed.publish(generation, generation: generation) }
        #expect(feed.subscriberCount == 1)
        feed.publish(59, generation: 59)
        #expect(subscription.poll() == .resynchronise(Feed.Resync(lastRead: 54, current: 59)), "live entries are bounded")
        let current = feed.subscribe(after: 59)
        feed.publish(60, generation: 60)
        #expect(entries(current.poll()).map(\.generation) == [60])
    }

    @Test func resumeSkipsGenerationsNeverPublished() {
        let feed = Feed()
        for generation in [2, 5, 9] { feed.publish(generation, generation: generation) }
        #expect(entries(feed.subscribe(after: 3).poll()).map(\.generation) == [5, 9])
        #expect(entries(feed.subscribe(after: 5).poll()).map(\.generation) == [9])
        #expect(entries(feed.subscribe(after: 0).poll()).map(\.generation) == [2, 5, 9])
    }

    @Test func resumeOlderThanHistoryResynchronises() {
        let feed = Feed(historyCapacity: 10)
        for generation in 1...25 { feed.publish(generation, generation: generation) }
        #expect(feed.earliestResumable == 15)
        let oldest = feed.subscribe(after: 15)
        #expect(entries(oldest.poll()).map(\.generation) == Array(16...25))
        let stale = feed.subscribe(after: 14)
        let fromAnotherRun = feed.subscribe(after: 26)
        feed.publish(26, generation: 26)
        #expect(stale.poll() == .resynchronise(Feed.Resync(lastRead: 14, current: 25)))
        #expect(fromAnotherRun.poll() == .resynchronise(Feed.Resync(lastRead: 26, current: 25)))
        #expect(feed.subscriberCount == 1)
    }

    @Test func liveSubscriptionStartsFromNow() {
        let feed = Feed()
        feed.publish(1, generation: 1)
        let subscription = feed.subscribe()
        feed.publish(2, generation: 2)
        #expect(entries(subscription.poll()).map(\.generation) == [2])
    }

    @Test func cancelStopsDeliveryAndFreesTheSubscriber() {
        let feed = Feed()
        let subscription = feed.subscribe()
        feed.publish(1, generation: 1)
        #expect(feed.subscriberCount == 1)
        subscription.cancel()
        #expect(feed.subscriberCount == 0)
        feed.publish(2, generation: 2)
        #expect(subscription.poll() == .cancelled)
        var released: Feed.Subscription? = feed.subscribe()
        #expect(feed.subscriberCount == 1 && released != nil)
        released = nil
        #expect(feed.subscriberCount == 0, "deinit unsubscribes")
    }

    @Test(.timeLimit(.minutes(2))) func nextWaitsForAPublishOrACancel() {
        let feed = Feed()
        let waiting = feed.subscribe()
        #expect(waiting.next(timeout: .milliseconds(20)) == .entries([]))
        let reader = Worker { waiting.next(timeout: .seconds(100)) }
        // Time for the reader to block, so that the wake-up is what ends its wait (if it has not, this still passes).
        Thread.sleep(forTimeInterval: 0.2)
        feed.publish(7, generation: 1)
        #expect(reader.join(seconds: 30) == .entries([Feed.Entry(generation: 1, event: 7)]))
        let cancelled = feed.subscribe()
        let blocked = Worker { cancelled.next(timeout: .seconds(100)) }
        Thread.sleep(forTimeInterval: 0.2)
        cancelled.cancel()
        #expect(blocked.join(seconds: 30) == .cancelled, "cancel wakes a waiting next")
    }

    @Test func wakeUpFiresOncePerEmptyToNonEmptyAndOnDrop() {
        let calls = Counter()
        let feed = Feed(bufferCapacity: 4)
        let subscription = feed.subscribe { calls.add() }
        for generation in 1...3 { feed.publish(generation, generation: generation) }
        #expect(calls.value == 1)
        _ = subscription.poll(limit: 1)
        feed.publish(4, generation: 4)
        #expect(calls.value == 1, "a partial read does not re-arm")
        _ = subscription.poll()
        feed.publish(5, generation: 5)
        feed.publish(6, generation: 6)
        #expect(calls.value == 2)
        _ = subscription.poll()
        for generation in 7...10 { feed.publish(generation, generation: generation) }
        #expect(calls.value == 3)
        feed.publish(11, generation: 11)
        #expect(calls.value == 4, "the drop wakes")
        feed.publish(12, generation: 12)
        _ = feed.subscribe(after: 5) { calls.add() }
        #expect(calls.value == 4, "no call for what subscribe queued")
    }

    @Test(.timeLimit(.minutes(2))) func wakeUpRunsOutsideTheLock() {
        let feed = Feed()
        let sink = Sink()
        let subscription = feed.subscribe { sink.drain(feed) }
        sink.subscription.withLock { $0 = subscription }
        let publisher = Worker { for generation in 1...3 { feed.publish(generation, generation: generation) } }
        #expect(publisher.join(seconds: 30) != nil, "publish returned: the callback's poll did not deadlock")
        #expect(sink.events.withLock { $0 } == [1, 2, 3])
        #expect(sink.counts.withLock { $0 } == [1, 1, 1])
        sink.subscription.withLock { $0 = nil }
    }
}

private func entries(_ delivery: Feed.Delivery, sourceLocation: SourceLocation = #_sourceLocation) -> [Feed.Entry] {
    guard case .entries(let entries) = delivery else {
        Issue.record("expected entries, got \(delivery)", sourceLocation: sourceLocation)
        return []
    }
    return entries
}

/// Runs `body` on its own thread (the blocking calls under test would starve Swift's cooperative pool).
private final class Worker<Result: Sendable>: Sendable {
    private let result = Mutex<Result?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () -> Result) {
        Thread { [self] in
            let value = body()
            result.withLock { $0 = value }
            done.signal()
        }.start()
    }

    /// nil when the thread has not finished within `seconds`, so a deadlock fails the test instead of hanging it.
    func join(seconds: Double) -> Result? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return result.withLock { $0 }
    }
}

/// Publishes as the store does: under one lock that also assigns the generation, so publish order is commit order.
private final class SerializedPublisher: Sendable {
    private let feed: Feed
    private let generation = Mutex(0)

    init(_ feed: Feed) { self.feed = feed }

    /// Each thread publishes `thread * 1_000_000 + n` for n in 0..<each.
    func run(threads: Int, each: Int) {
        let workers = (0..<threads).map { thread in
            Worker { [self] in
                for sequence in 0..<each {
                    generation.withLock { generation in
                        generation += 1
                        feed.publish(thread * 1_000_000 + sequence, generation: generation)
                    }
                }
            }
        }
        for worker in workers { #expect(worker.join(seconds: 100) != nil) }
    }
}

/// Reads with `next` on its own thread until it has `expecting` entries or the feed says otherwise.
private final class Consumer: Sendable {
    struct Consumed: Sendable {
        var entries: [Feed.Entry] = []
        var end: Feed.Delivery?
        var resyncCurrent: Int {
            if case .resynchronise(let resync) = end { return resync.current }
            return 0
        }
    }

    private let worker: Worker<Consumed>

    init(_ subscription: Feed.Subscription, expecting: Int) {
        worker = Worker {
            var consumed = Consumed()
            while consumed.entries.count < expecting {
                let delivery = subscription.next(timeout: .seconds(60))
                guard case .entries(let entries) = delivery, !entries.isEmpty else {
                    consumed.end = delivery
                    break
                }
                consumed.entries += entries
            }
            return consumed
        }
    }

    func finish() -> Consumed {
        worker.join(seconds: 100) ?? Consumed(end: .cancelled)
    }
}

private final class Counter: Sendable {
    private let calls = Atomic(0)
    var value: Int { calls.load(ordering: .relaxed) }
    func add() { calls.add(1, ordering: .relaxed) }
}

/// A wake-up callback that reads the feed from inside the callback, which deadlocks if the feed calls it under its lock.
private final class Sink: Sendable {
    let subscription = Mutex<Feed.Subscription?>(nil)
    let events = Mutex<[Int]>([])
    let counts = Mutex<[Int]>([])

    func drain(_ feed: Feed) {
        let count = feed.subscriberCount
        guard let delivery = subscription.withLock({ $0 })?.poll(), case .entries(let entries) = delivery else { return }
        events.withLock { $0 += entries.map(\.event) }
        counts.withLock { $0.append(count) }
    }
}
