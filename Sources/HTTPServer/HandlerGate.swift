import Synchronization

/// The handler calls under way, and whether new ones may start. A stop that runs out of time closes
/// the gate, waits for the calls inside to return, and only then stops the daemon: a request is then
/// either applied and answered, or refused without reaching the handler, never applied unanswered.
final class HandlerGate: Sendable {
    private struct Counts {
        var closed = false
        var running = 0
        var refused = 0
    }

    private let counts = Mutex(Counts())

    /// False once the gate is closed: the caller must not run the handler.
    func enter() -> Bool {
        counts.withLock { counts in
            guard !counts.closed else {
                counts.refused += 1
                return false
            }
            counts.running += 1
            return true
        }
    }

    func leave() {
        counts.withLock { $0.running -= 1 }
    }

    /// Refuses every later `enter()`.
    func close() {
        counts.withLock { $0.closed = true }
    }

    var running: Int { counts.withLock { $0.running } }

    /// Requests refused since the gate closed.
    var refused: Int { counts.withLock { $0.refused } }
}
