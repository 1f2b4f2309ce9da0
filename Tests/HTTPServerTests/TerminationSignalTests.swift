import Glibc
import Testing

@testable import HTTPServer

/// The CLI's clean shutdown depends on SIGTERM being turned into a return value.
@Suite("Termination signal")
struct TerminationSignalTests {
    @Test func sigtermIsReturnedInsteadOfKillingTheProcess() {
        _ = TerminationSignals.install()
        kill(getpid(), SIGTERM)
        #expect(waitForTerminationSignal() == SIGTERM)
    }
}
