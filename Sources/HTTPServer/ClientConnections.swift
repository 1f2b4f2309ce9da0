import Glibc
import Synchronization

/// One client connection as the stop sees it: whether a request is under way on it, so that a stop
/// closes only connections on which nothing was read, and never one whose request may be applied.
///
/// The phase changes under the connection's lock, and so does the close: a request line that MHD
/// parses after the close finds `closing` set and is refused (never reaches the handler), and a
/// connection whose request began is left to finish and answer.
final class ClientConnection: Sendable {
    private struct Phase {
        var busy = false
        var closing = false
    }

    /// The connection's socket, valid from MHD's "started" notification until its "closed" one.
    private let socket: Int32
    /// Connections over the limit are answered 503 at once; no request on them is served.
    let refusedAtLimit: Bool
    private let phase = Mutex(Phase())

    init(socket: Int32, refusedAtLimit: Bool) {
        self.socket = socket
        self.refusedAtLimit = refusedAtLimit
    }

    /// A request line arrived; false when it must not be served (the connection is being closed, or
    /// was refused at the limit).
    func beginRequest() -> Bool {
        phase.withLock { phase in
            guard !phase.closing, !refusedAtLimit else { return false }
            phase.busy = true
            return true
        }
    }

    /// The request is over; when the server is stopping, the now idle connection is closed.
    func endRequest(stopping: Bool) {
        phase.withLock { phase in
            phase.busy = false
            if stopping { Self.close(&phase, socket) }
        }
    }

    /// Closes the connection if no request is under way on it; returns whether this call closed it.
    @discardableResult
    func closeIfIdle() -> Bool {
        phase.withLock { phase in
            guard !phase.busy, !phase.closing else { return false }
            Self.close(&phase, socket)
            return true
        }
    }

    /// Shutting the socket down makes MHD see the end of the connection and close it, whatever it was
    /// waiting for; the descriptor itself stays MHD's to close.
    private static func close(_ phase: inout Phase, _ socket: Int32) {
        guard !phase.closing else { return }
        phase.closing = true
        if socket >= 0 { _ = shutdown(socket, Int32(SHUT_RDWR)) }
    }
}

/// Every open client connection of a daemon, for `HTTPServer.stop()`.
final class ClientConnections: Sendable {
    private let members = Mutex([ObjectIdentifier: ClientConnection]())

    var count: Int { members.withLock { $0.count } }

    func add(_ connection: ClientConnection) {
        members.withLock { $0[ObjectIdentifier(connection)] = connection }
    }

    func remove(_ connection: ClientConnection) {
        _ = members.withLock { $0.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    /// Closes every connection on which no request is under way; returns how many it closed.
    @discardableResult
    func closeIdle() -> Int {
        let all = members.withLock { Array($0.values) }
        return all.reduce(0) { closed, connection in closed + (connection.closeIfIdle() ? 1 : 0) }
    }
}
