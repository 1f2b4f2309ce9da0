import Glibc
import Synchronization

/// Write end of the self-pipe; the only state the signal handler touches.
/// Set once, before the handler is installed, and never changed again.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Turns SIGINT/SIGTERM into a byte on a pipe, and leaves SIGQUIT to end the process.
///
/// A real handler is installed (instead of sigwait or a dispatch source)
/// because MHD's worker threads exist before the CLI waits and do not block
/// these signals, so a process-directed signal may land on any thread; the
/// handler works wherever it runs and only calls write(2), which is
/// async-signal-safe.
enum TerminationSignals {
    private static let readEnd = Mutex<Int32?>(nil)

    /// Creates the pipe (once) and installs the handlers; idempotent.
    static func install() -> Int32 {
        let fd = readEnd.withLock { readEnd -> Int32 in
            if let existing = readEnd { return existing }
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { fatalError("pipe() failed: \(String(cString: strerror(errno)))") }
            signalPipeWriteEnd = fds[1]
            readEnd = fds[0]
            return fds[0]
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            var byte = UInt8(truncatingIfNeeded: signal)
            _ = write(signalPipeWriteEnd, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGINT, SIGTERM] {
            sigaction(signal, &action, nil)
            sigaddset(&unblock, signal)
        }
        // Swift's runtime catches SIGQUIT to print a "crash" backtrace, after which the process went on
        // serving; SIGQUIT is the signal that ends a process at once, so it gets its default back.
        Glibc.signal(SIGQUIT, SIG_DFL)
        sigaddset(&unblock, SIGQUIT)
        // A parent (a test runner, a CI job) may have started us with these signals blocked; the
        // calling thread takes them, so they must reach it.
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        return fd
    }

    /// Restores default handling so a second Ctrl-C during shutdown kills
    /// the process instead of being swallowed.
    static func restoreDefaults() {
        for signal in [SIGINT, SIGTERM] {
            Glibc.signal(signal, SIG_DFL)
        }
    }
}

/// Starts catching SIGINT and SIGTERM now, so one that arrives before
/// `waitForTerminationSignal` is called is not lost (the CLI calls this before
/// it announces that it listens). Idempotent.
public func catchTerminationSignals() {
    _ = TerminationSignals.install()
}

/// Blocks the calling thread until SIGINT or SIGTERM arrives (or arrived since
/// `catchTerminationSignals`), then returns the signal number. Used by the CLI
/// to shut the server down cleanly.
public func waitForTerminationSignal() -> Int32 {
    let fd = TerminationSignals.install()
    defer { TerminationSignals.restoreDefaults() }
    var byte: UInt8 = 0
    while true {
        let count = read(fd, &byte, 1)
        if count == 1 { return Int32(byte) }
        if count < 0 && errno == EINTR { continue }
        fatalError("reading the signal pipe failed: \(String(cString: strerror(errno)))")
    }
}
