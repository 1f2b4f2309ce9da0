import Foundation
import JSON
import SCIM
import Services
import Store
import Synchronization
import Testing

/// The store's change feed as services drive it: one event per commit, in commit order, with the
/// update-log ids each write added.
@Suite struct StoreFeedTests {
    private typealias Delivery = ChangeFeed<StoreEvent>.Delivery

    private func entries(_ delivery: Delivery) -> [ChangeFeed<StoreEvent>.Entry] {
        if case .entries(let entries) = delivery { return entries }
        Issue.record("expected entries, got \(delivery)")
        return []
    }

    private func write(_ entry: ChangeFeed<StoreEvent>.Entry) -> SCIMWriteEvent? {
        if case .scimWrite(let write) = entry.event { return write }
        return nil
    }

    @Test func eachWriteIsOneEventInCommitOrder() throws {
        let h = try ServiceHarness()
        let start = h.store.generation
        let subscription = h.store.feed.subscribe()
        let id = try h.createUser("feed@example.com")
        _ = try? h.scim.create(.user, h.context, ServiceHarness.user("feed@example.com"))
        _ = try h.scim.delete(.user, id: id, h.context, SCIMWriteInput(body: SCIMBody(bytes: [])))
        let got = entries(subscription.poll())
        #expect(got.map(\.generation) == [start + 1, start + 2, start + 3])
        let writes = got.compactMap(write)
        #expect(writes.map(\.method) == [.POST, .POST, .DELETE])
        #expect(writes.map(\.status) == [.SUCCESS, .FAILURE, .SUCCESS])
        #expect(writes[0].resourceID == id && writes[2].resourceID == id)
        #expect(writes.allSatisfy { $0.kind == .user && $0.idpID == h.context.tenant.idp.id && $0.logIDs.count == 1 })
        let logIDs = writes.flatMap(\.logIDs)
        #expect(logIDs == logIDs.sorted() && Set(logIDs).count == 3)
    }

    @Test func concurrentWritesArriveInOrderWithoutLoss() throws {
        let h = try ServiceHarness()
        let subscription = h.store.feed.subscribe()
        let threads = 8
        let perThread = 100
        let created = Mutex<Set<String>>([])
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for n in 0..<perThread {
                if let id = try? h.createUser("c\(thread)-\(n)@example.com") { created.withLock { _ = $0.insert(id) } }
            }
        }
        var received: [ChangeFeed<StoreEvent>.Entry] = []
        while received.count < threads * perThread {
            let batch = entries(subscription.next(timeout: .seconds(5)))
            if batch.isEmpty { break }
            received += batch
        }
        #expect(received.count == threads * perThread)
        #expect(zip(received, received.dropFirst()).allSatisfy { $0.generation + 1 == $1.generation })
        let writes = received.compactMap(write)
        #expect(Set(writes.compactMap(\.resourceID)) == created.withLock { $0 })
        #expect(zip(writes, writes.dropFirst()).allSatisfy { $0.logIDs[0] < $1.logIDs[0] })
    }

    @Test func aSubscriberThatNeverReadsIsDroppedAndWritesGoOn() throws {
        let h = try ServiceHarness()
        let idle = h.store.feed.subscribe()
        let writes = h.store.feed.bufferCapacity + 10
        for n in 0..<writes { _ = try h.createUser("idle\(n)@example.com") }
        #expect(try h.store.counts().users >= writes)
        guard case .resynchronise(let resync) = idle.poll() else {
            Issue.record("the idle subscriber should have been told to resynchronise")
            return
        }
        #expect(resync.current > resync.lastRead)
        #expect(h.store.feed.subscriberCount == 0)
    }

    @Test func adminChangesAreEventsToo() throws {
        let h = try ServiceHarness()
        let subscription = h.store.feed.subscribe()
        let admin = h.admin
        try admin.loadFixtures(Array(#"{"accounts":[{"id":"extra"}]}"#.utf8), exceededLimit: nil)
        try admin.resetAccount("extra")
        try admin.changeClock(try ClockChange(body: Array(#"{"advance":60}"#.utf8)))
        try admin.reset(empty: true)
        #expect(
            entries(subscription.poll()).map(\.event) == [
                .fixturesLoaded, .accountReset(accountID: "extra"), .clockChanged, .reset,
            ])
    }

    @Test func aSubscriberResumesFromAGeneration() throws {
        let h = try ServiceHarness()
        _ = try h.createUser("before@example.com")
        let seen = h.store.generation
        _ = try h.createUser("missed1@example.com")
        _ = try h.createUser("missed2@example.com")
        let resumed = h.store.feed.subscribe(after: seen)
        _ = try h.createUser("live@example.com")
        #expect(entries(resumed.poll()).map(\.generation) == [seen + 1, seen + 2, seen + 3])
    }
}
