import CMicroHTTPD
import Glibc

/// What a stop did, for the command line's last words and for tests.
public struct StopReport: Sendable, Equatable {
    /// Requests that were under way when the stop began, or arrived with it, and were answered.
    public var answered = 0
    /// Keep-alive connections closed because no request was under way on them.
    public var closedIdle = 0
    /// Requests refused with 503 after the grace period, before their handler ran (not applied).
    public var refused = 0
    /// Connections still open when the grace period ended (a body still arriving, a client not
    /// reading its answer); the daemon closes them.
    public var cutOff = 0
    public var duration = Duration.zero

    public init() {}
}

/// The steps of `HTTPServer.stop()` before the daemon is stopped (see DESIGN.md §10): MHD's own stop
/// drops every connection at once, answered or not, so the connections are first emptied here.
struct GracefulStop {
    let context: ServerContext
    let daemon: OpaquePointer

    /// Handlers are short; after the grace period this bounds the wait for those still running.
    static let handlerWait = Duration.seconds(5)
    /// MHD 0.9.75 can crash in `MHD_stop_daemon` on a connection still closing after its head failed
    /// (an unparsable Content-Length, answered by `DirectAnswer`); such a connection holds its request
    /// state until MHD is done with it, so a stop waits this long for request states to go.
    static let requestStateWait = Duration.seconds(1)

    func run(grace: Duration) -> StopReport {
        let started = ContinuousClock.now
        context.stopping.store(true, ordering: .releasing)
        let listener = MHD_quiesce_daemon(daemon)
        if listener >= 0 { close(listener) }
        context.suspensions.stopAll()
        var report = StopReport()
        report.closedIdle = context.connections.closeIdle()
        // Connections accepted just before the listener closed, and streams that ended, turn idle later.
        report.closedIdle += wait(until: started + grace) { context.openConnections.load(ordering: .acquiring) == 0 }
        let remaining = context.openConnections.load(ordering: .acquiring)
        if remaining > 0 {
            context.handlers.close()
            _ = wait(until: .now + Self.handlerWait) { context.handlers.running == 0 }
            report.cutOff = remaining
        }
        _ = wait(until: .now + Self.requestStateWait) { context.openRequests.load(ordering: .acquiring) == 0 }
        report.answered = context.answeredWhileStopping.load(ordering: .relaxed)
        report.refused = context.handlers.refused
        report.duration = started.duration(to: .now)
        return report
    }

    /// Polls `done` every 2 ms until it holds or `deadline` passes, closing connections that turned
    /// idle meanwhile; returns how many it closed.
    private func wait(until deadline: ContinuousClock.Instant, _ done: () -> Bool) -> Int {
        var closed = 0
        while !done(), ContinuousClock.now < deadline {
            usleep(2_000)
            closed += context.connections.closeIdle()
        }
        return closed
    }
}
