import Foundation
import Glibc
import Synchronization
import Testing

@testable import HTTPServer

/// Delayed answers, dropped connections and truncated bodies over real sockets. Part of the
/// serialized live suite; bounds are generous so that a loaded two-core machine does not flake.
extension HTTPServerLiveTests {
    /// Answers `/drop` and `/drop-late` with no answer, `/cut` with a truncated body, `/late`
    /// after 300 ms, `/slow` after 1 s, and everything else at once.
    static func faultyHandler(_ request: HTTPRequest) -> HTTPResponse {
        var response = HTTPResponse(status: 200, body: Array("answer \(request.path)".utf8))
        switch request.path {
        case "/drop": return .dropConnection()
        case "/drop-late": return .dropConnection(after: .milliseconds(300))
        case "/cut":
            response.body = Array(repeating: 0x7A, count: 1000)
            response.truncatedAfter = Int(request.query.first("after") ?? "") ?? 100
        case "/late": response.delay = .milliseconds(300)
        case "/slow": response.delay = .seconds(1)
        default: break
        }
        return response
    }

    @Test func delayedAnswerArrivesAfterTheDelay() throws {
        let entries = Mutex<[HTTPServer.AccessLogEntry]>([])
        try withServer(
            { config in
                config.accessLog = { entry in entries.withLock { $0.append(entry) } }
            }, handler: Self.faultyHandler
        ) { server in
            let started = ContinuousClock.now
            let response = try RawHTTPClient.fetch("GET", "/late", port: server.port)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            #expect(response.status == 200)
            #expect(response.bodyText == "answer /late")
            #expect(eventually { entries.withLock { $0.count } == 1 })
            let entry = try #require(entries.withLock { $0.first })
            #expect(entry.outcome == .answered && entry.delay == .milliseconds(300) && entry.completed)
            #expect(entry.duration >= .milliseconds(300))
        }
    }

    /// 64 answers delayed by 1 s on 4 workers: a worker held per delay would take 16 s. A plain
    /// request and an open stream meanwhile are served at once.
    @Test func manyDelayedAnswersHoldNoWorker() throws {
        let hub = StreamHub()
        try withServer(
            { $0.threads = 4 },
            handler: { request in
                request.path == "/events" ? hub.handle(request) : Self.faultyHandler(request)
            }
        ) { server in
            var stream = try openStream("/events", port: server.port)
            defer { stream.disconnect() }
            _ = try stream.readHead()
            let started = ContinuousClock.now
            var delayed = try (0..<64).map { index in
                let client = try RawHTTPClient(port: server.port)
                try client.send("GET /slow?n=\(index) HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                return client
            }
            defer { delayed.forEach { $0.disconnect() } }
            #expect(eventually { server.openRequestCount >= 65 })
            #expect(try RawHTTPClient.fetch("GET", "/plain", port: server.port).bodyText == "answer /plain")
            hub.broadcast("meanwhile\n")
            #expect(try stream.readChunk() == Array("hello /events\n".utf8))
            #expect(try stream.readChunk() == Array("meanwhile\n".utf8))
            #expect(ContinuousClock.now - started < .milliseconds(900))
            for index in delayed.indices {
                #expect(try delayed[index].readResponse().bodyText == "answer /slow")
            }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .seconds(1) && elapsed < .seconds(4), "64 delayed answers took \(elapsed)")
        }
    }

    @Test func droppedConnectionGetsNoBytes() throws {
        let entries = Mutex<[HTTPServer.AccessLogEntry]>([])
        try withServer(
            { config in
                config.accessLog = { entry in entries.withLock { $0.append(entry) } }
            }, handler: Self.faultyHandler
        ) { server in
            for path in ["/drop", "/drop-late"] {
                var client = try RawHTTPClient(port: server.port)
                defer { client.disconnect() }
                let started = ContinuousClock.now
                try client.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n")
                let (bytes, closed) = client.readUntilClosed()
                #expect(closed && bytes.isEmpty, "\(path): \(bytes.count) bytes, closed: \(closed)")
                let elapsed = ContinuousClock.now - started
                #expect(path == "/drop" ? elapsed < .seconds(2) : elapsed >= .milliseconds(300))
            }
            #expect(eventually { entries.withLock { $0.count } == 2 })
            let logged = entries.withLock { $0 }
            #expect(logged.allSatisfy { $0.status == 0 && $0.outcome == .dropped && !$0.completed })
            #expect(logged.map(\.delay).contains(.milliseconds(300)))
            #expect(eventually { server.openRequestCount == 0 && server.openConnectionCount == 0 })
        }
    }

    @Test func truncatedBodyDeclaresItsFullLengthButStopsShort() throws {
        try withServer(handler: Self.faultyHandler) { server in
            for after in [100, 0] {
                var client = try RawHTTPClient(port: server.port)
                defer { client.disconnect() }
                try client.send("GET /cut?after=\(after) HTTP/1.1\r\nHost: t\r\n\r\n")
                let head = try client.readHead()
                #expect(head.status == 200)
                #expect(head.headers["Content-Length"] == "1000")
                let (bytes, closed) = client.readUntilClosed()
                #expect(closed && bytes == Array(repeating: 0x7A, count: after), "after \(after): got \(bytes.count)")
            }
            let whole = try RawHTTPClient.fetch("GET", "/cut?after=1000", port: server.port)
            #expect(whole.body.count == 1000)
        }
    }

    /// The answer to a declared oversize body is given before the body is read, on MHD's first
    /// call of the access handler; a delay works there too, whether the client sends the body.
    @Test func oversizeRequestCanBeAnsweredLate() throws {
        try withServer(
            {
                $0.maxBodyBytes = 1000; $0.passesRejectedRequests = true
            },
            handler: { request in
                var response = HTTPResponse(status: request.bodyLimitExceeded == nil ? 200 : 413, body: Array("own".utf8))
                response.delay = .milliseconds(200)
                return response
            }
        ) { server in
            for sendsBody in [false, true] {
                var client = try RawHTTPClient(port: server.port)
                defer { client.disconnect() }
                let started = ContinuousClock.now
                try client.send("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n")
                if sendsBody { try client.send([UInt8](repeating: 1, count: 5000)) }
                let response = try client.readResponse()
                #expect(ContinuousClock.now - started >= .milliseconds(200))
                #expect(response.status == 413 && response.bodyText == "own")
            }
        }
    }

    /// A delayed answer belongs to a request that was handled (a fault's delay wraps an applied write),
    /// so a stop sends it at once, as the connection's last, instead of dropping it.
    @Test func stopSendsDelayedAnswersAtOnce() throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, handler: Self.faultyHandler)
        try server.start()
        var clients = try (0..<8).map { _ in
            let client = try RawHTTPClient(port: server.port)
            try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            return client
        }
        defer { clients.forEach { $0.disconnect() } }
        #expect(eventually { server.openRequestCount == 8 })
        let started = ContinuousClock.now
        server.stop()
        #expect(ContinuousClock.now - started < .milliseconds(900))
        for index in clients.indices {
            let (bytes, closed) = clients[index].readUntilClosed()
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(closed && text.hasPrefix("HTTP/1.1 200") && text.contains("Connection: close"))
            #expect(text.hasSuffix("answer /slow"))
        }
    }

    /// A stream can start late; one still waiting when the server stops is closed all the same,
    /// so its application learns of it.
    @Test func delayedStreamStartsLateOrClosesAtStop() throws {
        let hub = StreamHub()
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = HTTPServer(
            configuration: configuration,
            handler: { request in
                var response = hub.handle(request)
                response.delay = request.path == "/soon" ? .milliseconds(200) : .seconds(5)
                return response
            })
        try server.start()
        var soon = try openStream("/soon", port: server.port)
        defer { soon.disconnect() }
        let started = ContinuousClock.now
        #expect(try soon.readHead().status == 200)
        #expect(ContinuousClock.now - started >= .milliseconds(200))
        #expect(try soon.readChunk() == Array("hello /soon\n".utf8))
        let never = try openStream("/never", port: server.port)
        defer { never.disconnect() }
        #expect(eventually { hub.count == 2 })
        server.stop()
        #expect(hub.closed.load(ordering: .relaxed) == 2)
    }
}
