import Foundation
import JSON
import Replay
import Testing

/// The live tail over a real socket (`scim-mock serve`, SCIM_MOCK_BIN, port 0): chunked SSE frames as
/// they are written, and a clean end of the stream when the server stops.
@Suite(.serialized, .enabled(if: ServerProcess.binary != nil, "\(ServerProcess.skipMessage)"))
struct LiveTailTests {
    private static let user = #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"tail@example.com"}"#

    /// Reads events until `count` of kind `event` arrived.
    private func events(_ client: HTTPClient, _ parser: inout ServerSentEventParser, count: Int, of event: String) throws
        -> [ServerSentEvent]
    {
        var seen: [ServerSentEvent] = []
        while seen.count < count, let chunk = try client.nextChunk() {
            seen += parser.feed(chunk).filter { $0.event == event }
        }
        return seen
    }

    @Test func aSCIMWriteArrivesAsAnEventAndTheStreamEndsCleanlyOnStop() throws {
        let server = try ServerProcess()
        let stream = server.client()
        guard case .streaming(let head) = try stream.openStream(path: "/__ui/logs/events?status=SUCCESS", headers: []) else {
            Issue.record("the stream was refused")
            return
        }
        #expect(head.status == 200)
        #expect(head.headers.first { $0.name.lowercased() == "content-type" }?.value == "text/event-stream; charset=utf-8")
        let first = try #require(try stream.nextChunk())
        #expect(String(decoding: first, as: UTF8.self).hasPrefix("retry: 2000\n\n"))

        let created = try server.client().send(
            method: "POST", path: "/scim/v2/Users",
            headers: [
                HTTPHeader("Authorization", "Bearer okta-scim-secret"), HTTPHeader("Content-Type", "application/scim+json"),
            ],
            body: Array(Self.user.utf8))
        #expect(created.status == 201)
        var parser = ServerSentEventParser()
        let logs = try events(stream, &parser, count: 1, of: "log")
        let log = try #require(try JSONReader.parse(Array(logs.first?.data.utf8 ?? "".utf8)).objectValue)
        #expect(log["resource_user_email"] == .string("tail@example.com"))
        #expect(log["request_method"] == .string("POST"))
        #expect(logs.first?.id.flatMap(Int.init) != nil)

        server.stop()
        // The last chunk arrives: a broken connection would throw instead.
        #expect(throws: Never.self) { while try stream.nextChunk() != nil {} }
    }

    @Test func anIdleStreamSendsKeepAlivesWithinTheConnectionTimeout() throws {
        // --timeout 1: a keep-alive every third of a second.
        let server = try ServerProcess(arguments: ["--timeout", "1", "--seed", repositoryRoot + "/seed-data/default.json"])
        let stream = HTTPClient(target: server.target, timeoutSeconds: 1)
        guard case .streaming = try stream.openStream(path: "/__ui/logs/events", headers: []) else {
            Issue.record("the stream was refused")
            return
        }
        var text = ""
        let start = ContinuousClock.now
        while !text.contains(": keep-alive\n\n"), let chunk = try stream.nextChunk() {
            text += String(decoding: chunk, as: UTF8.self)
        }
        #expect(text.contains(": keep-alive\n\n"))
        #expect(ContinuousClock.now - start < .seconds(1))
    }
}
