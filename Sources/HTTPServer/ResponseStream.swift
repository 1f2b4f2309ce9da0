import CMicroHTTPD
import Dispatch
import Synchronization

/// A response body written while it is sent (Server-Sent Events, long polls): the handler
/// returns `HTTPResponse.streaming(…)` with a stream, and the application then calls `send(_:)`
/// from any thread, as often as it likes, and `finish()` once. On HTTP/1.1 it goes out chunked.
///
/// A connection whose stream has nothing buffered is suspended in MHD, so an idle stream holds
/// no worker thread and uses no CPU. A suspended connection does not notice its client leaving,
/// so the stream sends `heartbeat` after each `heartbeatInterval` in which nothing was sent:
/// writing to a departed client fails, and the stream closes (within about two intervals).
///
/// Memory is bounded: a client that falls `maxBufferedBytes` behind is disconnected, `send`
/// returns false and the stream closes. Event-stream clients reconnect and catch up (with
/// `Last-Event-ID`), which is cheaper than buffering without limit for one slow reader.
///
/// `onClose` handlers run once, when the transport is done with the stream for any reason:
/// finished and delivered, client gone, too far behind, or the server stopping. That is where an
/// application frees its subscription.
public final class ResponseStream: Sendable {
    /// Between heartbeats when the application sends nothing.
    public static let defaultHeartbeatInterval = Duration.seconds(15)
    /// Buffered bytes allowed before a slow client is disconnected.
    public static let defaultMaxBufferedBytes = 1 << 20

    /// Sent when the stream was idle for `heartbeatInterval`; the application picks bytes that
    /// its clients ignore (for Server-Sent Events a comment, `:\n\n`). Empty: no heartbeat, and a
    /// departed client is only noticed at the next `send`.
    public let heartbeat: [UInt8]
    public let heartbeatInterval: Duration
    public let maxBufferedBytes: Int

    private struct State {
        var buffer: [UInt8] = []
        /// Bytes of `buffer` already handed to MHD; dropped in batches to avoid quadratic copying.
        var sentOffset = 0
        var finished = false
        /// Over `maxBufferedBytes`, or aborted: the connection is to be closed without finishing the body.
        var overflowed = false
        var closed = false
        var attached = false
        var sentSinceHeartbeat = false
        var suspension: ConnectionSuspension?
        var heartbeatTimer: DispatchSourceTimer?
        var closeHandlers: [@Sendable () -> Void] = []

        var pending: Int { buffer.count - sentOffset }
    }

    private let state = Mutex(State())

    public init(
        heartbeat: [UInt8] = [], heartbeatInterval: Duration = defaultHeartbeatInterval,
        maxBufferedBytes: Int = defaultMaxBufferedBytes
    ) {
        self.heartbeat = heartbeat
        self.heartbeatInterval = heartbeatInterval > .zero ? heartbeatInterval : Self.defaultHeartbeatInterval
        self.maxBufferedBytes = max(1, maxBufferedBytes)
    }

    /// Queues `bytes` for the client. False when the stream no longer takes data: finished,
    /// closed, or this chunk would put it over `maxBufferedBytes` (it is then closed).
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        state.withLock { state in
            guard !state.finished, !state.overflowed, !state.closed else { return false }
            guard !bytes.isEmpty else { return true }
            guard state.pending + bytes.count <= maxBufferedBytes else {
                Self.breakOff(&state)
                return false
            }
            state.buffer.append(contentsOf: bytes)
            state.sentSinceHeartbeat = true
            state.suspension?.resume()
            return true
        }
    }

    @discardableResult
    public func send(_ text: String) -> Bool {
        send(Array(text.utf8))
    }

    /// Ends the body once what is buffered has gone out; later sends are refused.
    public func finish() {
        state.withLock { state in
            state.finished = true
            state.suspension?.resume()
        }
    }

    /// Breaks the body off: the connection closes without the body's end, so the client sees a cut-off
    /// answer rather than a complete one (for a sender that fails halfway); later sends are refused.
    public func abort() {
        state.withLock { state in
            guard !state.finished, !state.overflowed, !state.closed else { return }
            Self.breakOff(&state)
        }
    }

    /// Drops what is buffered and shuts the connection, which then ends without the body's end.
    private static func breakOff(_ state: inout State) {
        state.overflowed = true
        state.buffer = []
        state.sentOffset = 0
        state.suspension?.resume()
        state.suspension?.cutOff()
    }

    /// Bytes queued and not yet handed to the connection: a sender catching up on a backlog waits while
    /// this is high instead of running into `maxBufferedBytes`.
    public var bufferedBytes: Int {
        state.withLock { $0.pending }
    }

    /// True once `finish()` was called: what is buffered now is the body's end.
    public var isFinished: Bool {
        state.withLock { $0.finished }
    }

    /// True once the body was broken off (`abort()`, or a client too far behind): it will never end.
    public var isBrokenOff: Bool {
        state.withLock { $0.overflowed }
    }

    /// True once the transport is done with the stream (see `onClose`).
    public var isClosed: Bool {
        state.withLock { $0.closed }
    }

    /// Runs `handler` once when the stream closes, on whatever thread closes it (usually a
    /// server worker: keep it short, and do not call `HTTPServer.stop()` from it); at once if
    /// it is already closed.
    public func onClose(_ handler: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state in
            if !state.closed { state.closeHandlers.append(handler) }
            return state.closed
        }
        if runNow { handler() }
    }

    /// Binds the stream to the connection it answers; false when it already answers another
    /// request (a stream has one reader).
    func attach(_ suspension: ConnectionSuspension, timers: ServerTimers) -> Bool {
        state.withLock { state in
            guard !state.attached, !state.closed else { return false }
            state.attached = true
            state.suspension = suspension
            if !heartbeat.isEmpty {
                state.heartbeatTimer = timers.repeating(every: heartbeatInterval) { [weak self] in
                    self?.heartbeatDue()
                }
            }
            return true
        }
    }

    /// MHD's content reader: copies buffered bytes, or suspends the connection when there are
    /// none (returning 0, which MHD then does not retry until the connection is resumed).
    func read(into destination: UnsafeMutableRawBufferPointer) -> Int {
        let next = state.withLock { state -> Read in
            guard !state.overflowed, !state.closed else { return .failed }
            guard let suspension = state.suspension, !suspension.isStopped else { return .ended }
            if state.pending > 0 { return .bytes(Self.take(from: &state, atMost: destination.count)) }
            if state.finished || !suspension.suspend() { return .ended }
            return .waiting
        }
        switch next {
        case .bytes(let chunk):
            destination.copyBytes(from: chunk)
            return chunk.count
        case .waiting: return 0
        case .ended: return scim_mhd_reader_end_of_stream()
        case .failed: return scim_mhd_reader_end_with_error()
        }
    }

    /// What the content reader hands MHD. Bytes are copied out of the lock, because the
    /// region checker will not let MHD's buffer into it.
    private enum Read {
        case bytes([UInt8])
        case waiting
        case ended
        case failed
    }

    /// For a reader without a connection (an in-process test of an application's stream): takes what is
    /// buffered. Always empty for a stream the transport reads, which has that one reader.
    public func takeBuffered() -> [UInt8] {
        state.withLock { state in state.attached ? [] : Self.take(from: &state, atMost: Int.max) }
    }

    /// Closes a stream no connection reads, as its client leaving would (its `onClose` handlers run).
    public func closeUnattached() { abandon() }

    /// The request is over (MHD's completion callback): frees the buffer and runs `onClose`.
    func connectionEnded() {
        close { _ in true }
    }

    /// The request this stream was to answer ended before the stream was handed to MHD (a
    /// delayed answer never delivered); one already answering a request
    /// elsewhere stays open.
    func abandon() {
        close { !$0.attached }
    }

    private func close(if allowed: (State) -> Bool) {
        let handlers = state.withLock { state -> [@Sendable () -> Void] in
            guard !state.closed, allowed(state) else { return [] }
            state.closed = true
            state.buffer = []
            state.sentOffset = 0
            state.heartbeatTimer?.cancel()
            state.heartbeatTimer = nil
            state.suspension = nil
            defer { state.closeHandlers = [] }
            return state.closeHandlers
        }
        handlers.forEach { $0() }
    }

    private func heartbeatDue() {
        state.withLock { state in
            defer { state.sentSinceHeartbeat = false }
            guard !state.sentSinceHeartbeat, state.pending == 0, !state.finished, !state.overflowed, !state.closed
            else { return }
            state.buffer.append(contentsOf: heartbeat)
            state.suspension?.resume()
        }
    }

    private static func take(from state: inout State, atMost limit: Int) -> [UInt8] {
        let end = state.sentOffset + min(state.pending, limit)
        let chunk = Array(state.buffer[state.sentOffset..<end])
        state.sentOffset = end
        if state.sentOffset == state.buffer.count {
            state.buffer.removeAll(keepingCapacity: true)
            state.sentOffset = 0
        } else if state.sentOffset > 64 * 1024 {
            state.buffer.removeFirst(state.sentOffset)
            state.sentOffset = 0
        }
        return chunk
    }
}
