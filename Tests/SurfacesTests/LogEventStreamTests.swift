import Foundation
import HTTPServer
import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

/// `GET /__ui/logs/events` in-process: the frames, the v4 filters, resuming after an id, reloads, the cap.
@Suite struct LogEventStreamTests {
    private static let user = #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"NAME"}"#

    private func app(maxStreams: Int = 8) throws -> MockApplication {
        MockApplication(
            store: try makeStore(), startupFixtures: [FixtureSource.bytes(Array(defaultFixtureText.utf8), name: "default.json")],
            eventStreams: EventStreamOptions(maxStreams: maxStreams))
    }

    private func open(_ app: MockApplication, _ query: String = "", headers: [(String, String)] = []) -> HTTPResponse {
        app.handle(HTTPRequest(method: "GET", target: "/__ui/logs/events" + query, headers: HTTPHeaders(headers)))
    }

    /// What the stream has sent, read until `done` holds or two seconds pass.
    private func read(_ response: HTTPResponse, until done: (String) -> Bool) -> String {
        var text = ""
        let deadline = Date(timeIntervalSinceNow: 2)
        while Date() < deadline {
            text += String(decoding: response.stream?.takeBuffered() ?? [], as: UTF8.self)
            if done(text) { break }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return text
    }

    private func create(_ app: MockApplication, _ name: String, secret: String = "okta-scim-secret") throws -> Int {
        try scim(app, "POST", "/scim/v2/Users", Self.user.replacingOccurrences(of: "NAME", with: name), secret: secret).status
    }

    /// The `log` events in `text`: (id, data).
    private func logs(_ text: String) -> [(id: Int64, data: String)] {
        text.components(separatedBy: "\n\n").compactMap { frame in
            let lines = frame.split(separator: "\n").map(String.init)
            guard lines.contains("event: log"),
                let id = lines.first(where: { $0.hasPrefix("id: ") }).flatMap({ Int64($0.dropFirst(4)) }),
                let data = lines.first(where: { $0.hasPrefix("data: ") })
            else { return nil }
            return (id, String(data.dropFirst(6)))
        }
    }

    @Test func framesStartWithRetryAndCarryEachNewLogAsTheV4Row() throws {
        let app = try app()
        let response = open(app)
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/event-stream; charset=utf-8")
        let policy = response.headers["Content-Security-Policy"] ?? ""
        #expect(policy.hasPrefix("default-src 'none'; script-src 'self';") && !policy.contains("unsafe-inline"))
        #expect(response.headers["X-Content-Type-Options"] == "nosniff")
        #expect(read(response) { $0.hasPrefix("retry: 2000\n\n") } == "retry: 2000\n\n")
        #expect(try create(app, "live@example.com") == 201)
        let text = read(response) { logs($0).count == 1 }
        let sent = try #require(logs(text).first)
        #expect(sent.id == (try app.store.lastUpdateLogID()))
        let row = try #require(updateLogs(app).last)
        #expect(sent.data == JSONValue.object(row).serialized())
        #expect(text.hasSuffix("\n\n"))
    }

    @Test func theV4FiltersSelectWhatIsSent() throws {
        let app = try app()
        let failures = open(app, "?status=FAILURE&request_method=POST&account_id=\(account)")
        let entraOnly = open(app, "?idp_id=\(entra)")
        #expect(try create(app, "twice@example.com") == 201)
        #expect(try create(app, "twice@example.com") == 409)
        #expect(try create(app, "entra@example.com", secret: "entra-scim-secret") == 201)
        let failed = logs(read(failures) { logs($0).count >= 1 })
        #expect(failed.count == 1)
        #expect(failed.first?.data.contains(#""status":"FAILURE""#) == true)
        let entraLogs = logs(read(entraOnly) { logs($0).count >= 1 })
        #expect(entraLogs.count == 1)
        #expect(entraLogs.first?.data.contains(entra) == true)
        #expect(open(app, "?status=LOST").status == 400)
        #expect(open(app, "?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z").status == 400)
    }

    @Test func lastEventIDResumesAfterThatLog() throws {
        let app = try app()
        let start = try app.store.lastUpdateLogID()
        for n in 1...3 { #expect(try create(app, "resume\(n)@example.com") == 201) }
        let byHeader = open(app, headers: [("Last-Event-ID", String(start + 1))])
        #expect(logs(read(byHeader) { logs($0).count == 2 }).map(\.id) == [start + 2, start + 3])
        let byQuery = open(app, "?last_event_id=\(start)")
        #expect(logs(read(byQuery) { logs($0).count == 3 }).map(\.id) == [start + 1, start + 2, start + 3])
        #expect(open(app, headers: [("Last-Event-ID", "-1")]).status == 400)
        #expect(open(app, "?last_event_id=99999999999999999999").status == 400)
    }

    /// Log ids start again after a reset, so a tail that reconnects across one resumes after an id the store
    /// has not reached: it used to skip every new log until the ids passed it.
    @Test func anIDBeyondTheNewestLogIsAReloadAndNewLogsFollow() throws {
        let app = try app()
        let stale = try app.store.lastUpdateLogID() + 5
        #expect(app.handle(HTTPRequest(method: "POST", target: "/__admin/reset")).status == 200)
        let response = open(app, headers: [("Last-Event-ID", String(stale))])
        #expect(try create(app, "across@example.com") == 201)
        let text = read(response) { logs($0).count == 1 }
        #expect(text.hasPrefix("retry: 2000\n\nevent: reload\ndata: {\"reason\":\"reset\"}\n\n"))
        #expect(logs(text).map(\.id) == [try app.store.lastUpdateLogID()])
        #expect(logs(read(open(app, "?last_event_id=\(Int64.max)")) { $0.contains("reload") }).isEmpty)
    }

    @Test func aResetIsAReloadAndOnlyLaterWritesFollowIt() throws {
        let app = try app()
        let response = open(app)
        _ = read(response) { !$0.isEmpty }
        #expect(app.handle(HTTPRequest(method: "POST", target: "/__admin/reset")).status == 200)
        #expect(try create(app, "after@example.com") == 201)
        let text = read(response) { logs($0).count == 1 }
        #expect(text.contains("event: reload\ndata: {\"reason\":\"reset\"}\n\n"))
        #expect(logs(text).count == 1)
        #expect(logs(text).first?.data.contains("after@example.com") == true)
        #expect(
            app.handle(HTTPRequest(method: "POST", target: "/__admin/fixtures", body: Array("{\"accounts\":[]}".utf8))).status
                == 200)
        #expect(read(response) { $0.contains("fixtures") }.contains(#"data: {"reason":"fixtures"}"#))
    }

    @Test func beyondTheCapIs503UntilOneCloses() throws {
        let app = try app(maxStreams: 2)
        let first = open(app)
        #expect(open(app).status == 200)
        let refused = open(app)
        #expect(refused.status == 503)
        #expect(String(decoding: refused.body, as: UTF8.self).contains("--max-live-tails"))
        first.stream?.closeUnattached()
        #expect(open(app).status == 200)
    }
}
