import CMicroHTTPD
import Glibc
import Synchronization

/// Whether one MHD connection is suspended, kept exactly, for the answers that wait without a
/// worker thread (streams with nothing buffered, delayed answers).
///
/// MHD's rules make the flag necessary: resuming a connection that is not suspended is
/// undefined behaviour, and every suspended connection must be resumed before
/// `MHD_stop_daemon`. So MHD is called only under the lock, and only when the flag says the
/// call is valid. `suspend()` may only be called from an MHD callback of this connection (the
/// only place MHD allows it); `resume()` and `stop()` from any thread, at any time, also after
/// the connection is gone (a suspended connection is never freed, so a stale call finds the
/// flag false and does nothing).
///
/// Lock order: a stream's lock, then this one, then MHD's own.
final class ConnectionSuspension: @unchecked Sendable {
    private struct Phase {
        var suspended = false
        var stopped = false
        /// The request ended: MHD may close the socket any time now.
        var released = false
    }

    /// The connection; only passed to MHD while it is known to be alive (see above).
    private let connection: OpaquePointer
    /// The connection's socket, read on MHD's thread; only used before `release()`, while MHD
    /// still holds it open.
    private let socket: Int32
    private let registry: SuspensionRegistry
    private let phase = Mutex(Phase())

    /// Registers with `registry` at once, so a stop that begins any time later reaches it; one
    /// created while the server is stopping starts stopped.
    init(connection: OpaquePointer, registry: SuspensionRegistry) {
        self.connection = connection
        self.socket = scim_mhd_connection_fd(connection)
        self.registry = registry
        if !registry.register(self) {
            phase.withLock { $0.stopped = true }
        }
    }

    /// True once the server began stopping: nothing may wait on this connection any more.
    var isStopped: Bool {
        phase.withLock { $0.stopped }
    }

    /// Suspends the connection unless the server is stopping; returns whether it did. Call it
    /// from an MHD callback of this connection only, and return from that callback at once.
    func suspend() -> Bool {
        phase.withLock { phase in
            guard !phase.stopped, !phase.suspended else { return false }
            MHD_suspend_connection(connection)
            phase.suspended = true
            return true
        }
    }

    /// Resumes the connection if it is suspended; does nothing otherwise.
    func resume() {
        phase.withLock { phase in
            guard phase.suspended else { return }
            MHD_resume_connection(connection)
            phase.suspended = false
        }
    }

    /// Resumes the connection if needed and refuses every later `suspend()`.
    func stop() {
        phase.withLock { phase in
            phase.stopped = true
            guard phase.suspended else { return }
            MHD_resume_connection(connection)
            phase.suspended = false
        }
    }

    /// Shuts the socket down, so that MHD closes the connection even while it waits for a
    /// client that reads nothing (it would otherwise wait for the idle timeout).
    func cutOff() {
        phase.withLock { phase in
            guard !phase.released, socket >= 0 else { return }
            _ = shutdown(socket, Int32(SHUT_RDWR))
        }
    }

    /// The request on the connection is over (MHD's completion callback, before MHD closes the
    /// socket): the server no longer needs to stop it, and the socket is no longer ours to touch.
    func release() {
        phase.withLock { $0.released = true }
        registry.unregister(self)
    }
}

/// Every `ConnectionSuspension` of a running daemon, so that `HTTPServer.stop()` can resume
/// them all before `MHD_stop_daemon` (an API violation otherwise).
final class SuspensionRegistry: Sendable {
    private struct Members {
        var stopping = false
        var all: [ObjectIdentifier: ConnectionSuspension] = [:]
    }

    private let members = Mutex(Members())

    /// False once `stopAll()` ran: the caller must not wait any more.
    func register(_ suspension: ConnectionSuspension) -> Bool {
        members.withLock { members in
            guard !members.stopping else { return false }
            members.all[ObjectIdentifier(suspension)] = suspension
            return true
        }
    }

    func unregister(_ suspension: ConnectionSuspension) {
        _ = members.withLock { $0.all.removeValue(forKey: ObjectIdentifier(suspension)) }
    }

    /// Stops (so resumes) every registered connection and every one created from now on.
    func stopAll() {
        let all = members.withLock { members in
            members.stopping = true
            return Array(members.all.values)
        }
        all.forEach { $0.stop() }
    }
}
