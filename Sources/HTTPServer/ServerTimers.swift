import Dispatch

/// The one timer queue of a server, for delayed answers and stream heartbeats: waiting costs
/// no worker thread and no thread of its own, however many requests wait at once.
final class ServerTimers: Sendable {
    private let queue = DispatchQueue(label: "scim-mock.http.timers")

    /// Runs `work` once, `delay` from now.
    func after(_ delay: Duration, _ work: @escaping @Sendable () -> Void) {
        queue.asyncAfter(deadline: .now() + Self.interval(delay), execute: work)
    }

    /// Runs `work` every `interval` until the returned timer is cancelled.
    func repeating(every interval: Duration, _ work: @escaping @Sendable () -> Void) -> DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let step = Self.interval(interval)
        timer.schedule(deadline: .now() + step, repeating: step, leeway: .milliseconds(10))
        timer.setEventHandler(handler: work)
        timer.resume()
        return timer
    }

    /// Whole nanoseconds, at least one: Dispatch takes no Duration, and a zero repeat
    /// interval would spin.
    private static func interval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanoseconds.overflow else { return .never }
        return .nanoseconds(Int(max(1, nanoseconds.partialValue + attoseconds / 1_000_000_000)))
    }
}
