/// A FIFO over an array and a head index, for the change feed's history and subscriber buffers.
///
/// `Array.removeFirst` shifts every element, which would make each eviction from a 10,000-entry history
/// cost 10,000 moves under the feed's lock; here removal advances the head and the dead prefix is cut
/// only once it outweighs the live part, so appends and removals are O(1) amortised.
struct FeedQueue<Element> {
    private var storage: [Element]
    private var head = 0

    init(_ elements: [Element] = []) {
        storage = elements
    }

    var count: Int { storage.count - head }
    var isEmpty: Bool { head == storage.count }

    mutating func append(_ element: Element) {
        storage.append(element)
    }

    /// Removes and returns the oldest element.
    mutating func removeFirst() -> Element? {
        guard !isEmpty else { return nil }
        let first = storage[head]
        head += 1
        compact()
        return first
    }

    /// Removes and returns up to `limit` of the oldest elements, oldest first.
    mutating func removeFirst(upTo limit: Int) -> [Element] {
        guard limit < count else {
            let all = head == 0 ? storage : Array(storage[head...])
            storage = []
            head = 0
            return all
        }
        let taken = Array(storage[head..<(head + max(limit, 0))])
        head += taken.count
        compact()
        return taken
    }

    /// The elements from the first one that satisfies `isIncluded` on, oldest first. `isIncluded` must
    /// be false and then true along the queue (as "generation > g" is for a history), so a binary search
    /// finds the boundary.
    func suffix(from isIncluded: (Element) -> Bool) -> [Element] {
        var low = head
        var high = storage.count
        while low < high {
            let middle = low + (high - low) / 2
            if isIncluded(storage[middle]) { high = middle } else { low = middle + 1 }
        }
        return Array(storage[low...])
    }

    private mutating func compact() {
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
    }
}
