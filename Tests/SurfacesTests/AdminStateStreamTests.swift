import Foundation
import HTTPServer
import Services
import Store
import Surfaces
import TestSupport
import Testing

/// `GET /__admin/state` streams the export a page at a time: the body is the document read at once, a
/// write between pages breaks it off, and a client that leaves ends the export's thread.
@Suite(.serialized) struct AdminStateStreamTests {
    /// About 4 MB of state: many pages, and far more than the stream buffers before the export waits.
    private static let big = generatedFixtureText(idps: 2, users: 200, groups: 10, logs: 10_000)

    private func state(_ app: MockApplication) -> HTTPResponse {
        app.handle(HTTPRequest(method: "GET", target: "/__admin/state"))
    }

    /// Export threads alive in this process, by the name they give themselves.
    private func exportThreads() -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter { task in
            let comm = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
            return comm?.trimmingCharacters(in: .whitespacesAndNewlines) == "state-export"
        }.count
    }

    /// Waits up to five seconds for `condition`.
    private func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: 5)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return condition()
    }

    @Test func theBodyIsStreamedAndIsTheDocumentReadAtOnce() throws {
        let store = try makeStore([defaultFixtureText, Self.big])
        let response = state(MockApplication(store: store))
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/json")
        let stream = try #require(response.stream, "the state is a streamed body")
        #expect(response.body.isEmpty)
        #expect(eventually { stream.bufferedBytes > 0 }, "the first page goes out before the rest is read")
        #expect(!stream.isFinished)
        let body = try #require(wholeBody(response))
        #expect(body == (try store.exportState(pageRows: .max)))
    }

    @Test func logsWrittenToIdPsInTurnKeepTheirOrderInSmallPages() throws {
        let store = try makeStore()
        let app = MockApplication(store: store)
        for n in 0..<30 {
            let secret = n % 3 == 0 ? "entra-scim-secret" : "okta-scim-secret"
            let body = #"{"schemas":["\#(userURN)"],"userName":"turn\#(n)@x"}"#
            #expect(try scim(app, "POST", "/scim/v2/Users", body, secret: secret).status == 201)
        }
        let whole = try store.exportState(pageRows: .max)
        for pageRows in [1, 4] { #expect(try store.exportState(pageRows: pageRows) == whole) }
        #expect(try makeStore([String(decoding: whole, as: UTF8.self)]).exportState(pageRows: 3) == whole)
    }

    @Test func aWriteBetweenPagesBreaksTheBodyOff() throws {
        let store = try makeStore([defaultFixtureText, Self.big])
        let response = state(MockApplication(store: store))
        let stream = try #require(response.stream)
        #expect(eventually { stream.bufferedBytes > 256 << 10 }, "the export waits for its client")
        try load([#"{"accounts":[{"id":"late"}]}"#], into: store)
        #expect(wholeBody(response) == nil)
        #expect(stream.isBrokenOff)
        #expect(eventually { exportThreads() == 0 })
    }

    @Test func aClientThatLeavesEndsTheExport() throws {
        let store = try makeStore([defaultFixtureText, Self.big])
        let response = state(MockApplication(store: store))
        let stream = try #require(response.stream)
        #expect(eventually { stream.bufferedBytes > 256 << 10 })
        #expect(eventually { exportThreads() >= 1 })
        stream.closeUnattached()
        #expect(eventually { exportThreads() == 0 }, "the export's thread ends with its client")
        try load([#"{"accounts":[{"id":"after"}]}"#], into: store)
        #expect(try store.counts().accounts == 3)
    }
}
