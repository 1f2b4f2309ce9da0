import Foundation
import JSON
import Replay
import Testing

/// The replay against a server that answers 429 (an injected fault): it waits and sends again, unless told not to.
@Suite(.serialized, .enabled(if: ServerProcess.binary != nil, "\(ServerProcess.skipMessage)"))
struct LiveReplayRetryTests {
    static let recording = repositoryRoot + "/seed-data/recordings/okta-lifecycle.jsonl"

    /// A server whose SCIM surface answers 429 to the first `times` requests of `method`.
    private func server(retryAfter: String, times: Int, method: String = "GET") throws -> ServerProcess {
        let rule =
            #"{"match":{"surface":"scim","method":"\#(method)"},"#
            + #""respond":{"status":429,"headers":{"Retry-After":"\#(retryAfter)"}},"times":\#(times)}"#
        return try ServerProcess(arguments: ["--seed", repositoryRoot + "/seed-data/default.json", "--fault", rule])
    }

    @Test func a429IsWaitedOutAndCountedAsRetries() throws {
        let server = try server(retryAfter: "0.05", times: 2, method: "POST")
        let requests = try RecordingParser.read(file: Self.recording).requests
        var outcomes: [ReplayOutcome] = []
        let summary = Replayer(client: server.client(), token: nil).run(requests) { outcome, _ in outcomes.append(outcome) }
        #expect(summary.asRecorded == requests.count && summary.exitStatus == 0)
        #expect(summary.retries == 2)
        #expect(outcomes.map(\.retries).reduce(0, +) == 2)
        #expect(summary.description.hasSuffix("; 2 retries after 429"))
    }

    @Test func retriesStopAtTheLimitAndNoRetryComparesTheFirstAnswer() throws {
        let requests = try RecordingParser.read(file: Self.recording).requests
        let limited = try server(retryAfter: "0", times: 100)
        let capped = Replayer(client: limited.client(), token: nil, retry: RetryPolicy(maxRetries: 1, maxWaitSeconds: 0))
            .run(Array(requests.prefix(1)))
        #expect(capped.differed == 1 && capped.retries == 1)
        let strict = try server(retryAfter: "30", times: 1)
        let began = monotonicSeconds()
        let summary = Replayer(client: strict.client(), token: nil, retry: nil).run(Array(requests.prefix(1)))
        #expect(summary.differed == 1 && summary.retries == 0)
        #expect(monotonicSeconds() - began < 5)
    }

    @Test func theWaitIsCapped() throws {
        let server = try server(retryAfter: "3600", times: 1)
        let requests = try RecordingParser.read(file: Self.recording).requests
        let began = monotonicSeconds()
        let summary = Replayer(client: server.client(), token: nil, retry: RetryPolicy(maxRetries: 3, maxWaitSeconds: 0.2))
            .run(Array(requests.prefix(1)))
        #expect(summary.asRecorded == 1 && summary.retries == 1)
        #expect(monotonicSeconds() - began < 5)
    }
}
