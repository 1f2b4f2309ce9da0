import Foundation
import Glibc
import Synchronization
import Testing

@testable import HTTPServer

/// End-to-end behaviour over real sockets on ephemeral ports. Serialized so
/// timing-sensitive tests do not compete for the machine's two cores.
@Suite("HTTPServer live", .serialized)
struct HTTPServerLiveTests {
    /// Starts a loopback server on port 0, runs `body`, and always stops it.
    func withServer(
        _ configure: (inout HTTPServer.Configuration) -> Void = { _ in },
        handler: @escaping HTTPHandler,
        _ body: (HTTPServer) throws -> Void
    ) throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, handler: handler)
        try server.start()
        defer { server.stop() }
        try body(server)
    }

    /// Polls until `condition` holds or two seconds pass; for effects that
    /// happen after the client already has its response.
    func eventually(_ condition: () -> Bool) -> Bool {
        for _ in 0..<200 {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    @Test func getRoundTripsPathQueryAndHeaders() throws {
        let seen = Mutex<HTTPRequest?>(nil)
        try withServer(handler: { request in
            seen.withLock { $0 = request }
            return HTTPResponse(
                status: 200, headers: HTTPHeaders([("X-Reply", "yes"), ("X-Reply", "again")]),
                body: Array("ok".utf8))
        }) { server in
            let target = "/accounts/a%20b/x?filter=userName%20eq%20%22a%40b%22&x=1+2&x=%3A"
            let response = try RawHTTPClient.fetch(
                "GET", target, port: server.port,
                headers: [("X-Custom", "One"), ("x-custom", "Two")])
            #expect(response.status == 200)
            #expect(response.bodyText == "ok")
            #expect(response.headers.values(for: "x-reply") == ["yes", "again"])
            #expect(response.headers["Content-Length"] == "2")
            let request = try #require(seen.withLock { $0 })
            #expect(request.method == "GET")
            #expect(request.path == "/accounts/a b/x")
            #expect(request.rawQuery == "filter=userName%20eq%20%22a%40b%22&x=1+2&x=%3A")
            #expect(request.query.first("filter") == #"userName eq "a@b""#)
            #expect(request.query.values("x") == ["1 2", ":"])
            #expect(request.headers.values(for: "X-CUSTOM") == ["One", "Two"])
            #expect(request.headers["host"] == "test")
            #expect(request.clientAddress == "127.0.0.1")
            #expect(request.body.isEmpty)
        }
    }

    @Test func keepAliveRequestsGetTheirOwnState() throws {
        try withServer(handler: { request in
            HTTPResponse(status: 200, body: Array("\(request.path)|\(request.rawQuery)|\(request.body.count)".utf8))
        }) { server in
            var client = try RawHTTPClient(port: server.port)
            defer { client.disconnect() }
            try client.send("POST /first?a=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc")
            #expect(try client.readResponse().bodyText == "/first|a=1|3")
            try client.send("GET /second HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse().bodyText == "/second||0")
        }
    }

    @Test func largeBodySentInPiecesArrivesWhole() throws {
        let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
        let received = Mutex<[UInt8]>([])
        try withServer(handler: { request in
            received.withLock { $0 = request.body }
            return HTTPResponse(status: 201, body: Array("\(request.body.count)".utf8))
        }) { server in
            var client = try RawHTTPClient(port: server.port)
            defer { client.disconnect() }
            try client.send("POST /upload HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Length: \(payload.count)\r\n\r\n")
            for start in stride(from: 0, to: payload.count, by: 40_000) {
                try client.send(Array(payload[start..<min(start + 40_000, payload.count)]))
                usleep(5_000)
            }
            let response = try client.readResponse()
            #expect(response.status == 201)
            #expect(response.bodyText == "300000")
            #expect(received.withLock { $0 } == payload)
        }
    }

    @Test func declaredOversizeBodyGets413WithoutHandler() throws {
        let called = Atomic<Bool>(false)
        try withServer(
            { $0.maxBodyBytes = 1000 },
            handler: { _ in
                called.store(true, ordering: .relaxed)
                return HTTPResponse(status: 200)
            }
        ) { server in
            var client = try RawHTTPClient(port: server.port)
            defer { client.disconnect() }
            try client.send("PUT /x HTTP/1.1\r\nHost: t\r\nContent-Length: 1001\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.bodyText == #"{"error":"request body exceeds 1000 bytes"}"#)
            #expect(response.headers["content-type"] == "application/json")
            let handlerRan = called.load(ordering: .relaxed)
            #expect(!handlerRan)
            let atLimit = try RawHTTPClient.fetch("PUT", "/x", port: server.port, body: Array(repeating: 1, count: 1000))
            #expect(atLimit.status == 200)
        }
    }

    @Test func streamedOversizeBodyGets413WithoutHandler() throws {
        let called = Atomic<Bool>(false)
        try withServer(
            { $0.maxBodyBytes = 1000 },
            handler: { _ in
                called.store(true, ordering: .relaxed)
                return HTTPResponse(status: 200)
            }
        ) { server in
            var client = try RawHTTPClient(port: server.port)
            defer { client.disconnect() }
            let chunk = String(repeating: "z", count: 600)
            try client.send("POST /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n")
            try client.send("258\r\n\(chunk)\r\n")
            usleep(20_000)
            try client.send("258\r\n\(chunk)\r\n0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.bodyText.contains("exceeds 1000 bytes"))
            let handlerRan = called.load(ordering: .relaxed)
            #expect(!handlerRan)
        }
    }

    @Test func oversizeRequestsReachTheHandlerWhenAskedTo() throws {
        try withServer(
            {
                $0.maxBodyBytes = 1000; $0.passesRejectedRequests = true
            },
            handler: { request in
                HTTPResponse(
                    status: request.bodyLimitExceeded == 1000 && request.body.isEmpty ? 413 : 200,
                    body: Array("own \(request.path)".utf8))
            }
        ) { server in
            let response = try RawHTTPClient.fetch(
                "POST", "/scim/v2/Users", port: server.port,
                body: Array(repeating: 1, count: 1001))
            #expect(response.status == 413)
            #expect(response.bodyText == "own /scim/v2/Users")
        }
    }

    @Test func handlerErrorResponsesPassThrough() throws {
        try withServer(handler: { _ in
            HTTPResponse(
                status: 404,
                headers: HTTPHeaders([
                    ("Content-Type", "application/scim+json"),
                    ("Content-Length", "999"),
                ]),
                body: Array(#"{"detail":"nope"}"#.utf8))
        }) { server in
            let response = try RawHTTPClient.fetch("GET", "/missing", port: server.port)
            #expect(response.status == 404)
            #expect(response.headers["Content-Type"] == "application/scim+json")
            #expect(response.headers.values(for: "Content-Length") == ["17"])
            #expect(response.bodyText == #"{"detail":"nope"}"#)
        }
    }

    @Test func headHasNoBodyAndEmptyBodiesWork() throws {
        try withServer(handler: { request in
            request.path == "/empty" ? HTTPResponse(status: 204) : HTTPResponse(status: 200, body: Array("hello".utf8))
        }) { server in
            var client = try RawHTTPClient(port: server.port)
            defer { client.disconnect() }
            try client.send("HEAD /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let head = try client.readResponse(headOnly: true)
            #expect(head.status == 200)
            #expect(head.headers["Content-Length"] == "5")
            #expect(try client.readToEnd().isEmpty)
            let empty = try RawHTTPClient.fetch("DELETE", "/empty", port: server.port)
            #expect(empty.status == 204)
            #expect(empty.body.isEmpty)
        }
    }

    @Test func bindsOnlyTheConfiguredAddress() throws {
        try withServer(handler: { _ in HTTPResponse(status: 200) }) { server in
            #expect(server.boundHost == "127.0.0.1")
            #expect(RawHTTPClient.connectError(host: "127.0.0.1", port: server.port) == nil)
            #expect(RawHTTPClient.connectError(host: "127.0.0.2", port: server.port) == ECONNREFUSED)
        }
    }

    @Test func portZeroGivesARealPortAndURL() throws {
        try withServer({ $0.host = "localhost" }, handler: { _ in HTTPResponse(status: 200) }) { server in
            #expect(server.port != 0)
            #expect(server.url == "http://127.0.0.1:\(server.port)")
            let response = try RawHTTPClient.fetch("GET", "/", port: server.port)
            #expect(response.status == 200)
        }
    }

    @Test(.enabled(if: RawHTTPClient.connectError(host: "::1", port: 1) != EADDRNOTAVAIL))
    func servesIPv6Loopback() throws {
        try withServer({ $0.host = "::1" }, handler: { _ in HTTPResponse(status: 200, body: [0x36]) }) { server in
            #expect(server.url == "http://[::1]:\(server.port)")
            #expect(server.boundHost == "::1")
            let response = try RawHTTPClient.fetch("GET", "/", port: server.port, host: "::1")
            #expect(response.bodyText == "6")
        }
    }

    @Test func busyPortReportsAddressInUse() throws {
        try withServer(handler: { _ in HTTPResponse(status: 200) }) { first in
            var configuration = HTTPServer.Configuration()
            configuration.port = first.port
            let second = HTTPServer(configuration: configuration) { _ in HTTPResponse(status: 200) }
            #expect(throws: HTTPServerError.startFailed("could not bind 127.0.0.1:\(first.port): address in use")) {
                try second.start()
            }
            #expect(throws: HTTPServerError.self) { try first.start() }
        }
    }

    @Test func stopIsIdempotentAndFreesThePort() throws {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let first = HTTPServer(configuration: configuration) { _ in HTTPResponse(status: 200, body: [0x31]) }
        try first.start()
        let port = first.port
        first.stop()
        first.stop()
        #expect(RawHTTPClient.connectError(host: "127.0.0.1", port: port) == ECONNREFUSED)

        configuration.port = port
        let second = HTTPServer(configuration: configuration) { _ in HTTPResponse(status: 200, body: [0x32]) }
        try second.start()
        defer { second.stop() }
        #expect(second.port == port)
        #expect(try RawHTTPClient.fetch("GET", "/", port: port).bodyText == "2")
    }

    @Test func slowHandlerDoesNotBlockOtherRequests() throws {
        let slowDone = Atomic<Bool>(false)
        try withServer(
            { $0.threads = 2 },
            handler: { request in
                if request.path == "/slow" { usleep(1_500_000) }
                return HTTPResponse(status: 200, body: Array(request.path.utf8))
            }
        ) { server in
            let port = server.port
            let slow = Thread {
                _ = try? RawHTTPClient.fetch("GET", "/slow", port: port)
                slowDone.store(true, ordering: .relaxed)
            }
            slow.start()
            usleep(200_000)
            let started = ContinuousClock.now
            let fast = try RawHTTPClient.fetch("GET", "/fast", port: port)
            #expect(fast.bodyText == "/fast")
            #expect(ContinuousClock.now - started < .milliseconds(1000))
            let slowFinishedFirst = slowDone.load(ordering: .relaxed)
            #expect(!slowFinishedFirst)
            #expect(eventually { slowDone.load(ordering: .relaxed) })
        }
    }

    @Test func accessLogGetsMethodPathAndStatus() throws {
        let entries = Mutex<[HTTPServer.AccessLogEntry]>([])
        try withServer(
            { config in
                config.accessLog = { entry in entries.withLock { $0.append(entry) } }
            },
            handler: { request in
                HTTPResponse(status: request.method == "DELETE" ? 204 : 404)
            }
        ) { server in
            _ = try RawHTTPClient.fetch("DELETE", "/scim/Users/u%201?x=1", port: server.port)
            _ = try RawHTTPClient.fetch("GET", "/nope", port: server.port)
            #expect(eventually { entries.withLock { $0.count } == 2 })
            let logged = entries.withLock { $0 }.sorted { $0.method < $1.method }
            #expect(logged.map(\.method) == ["DELETE", "GET"])
            #expect(logged.map(\.path) == ["/scim/Users/u 1", "/nope"])
            #expect(logged.map(\.status) == [204, 404])
            #expect(logged.allSatisfy { $0.duration >= .zero && $0.duration < .seconds(5) })
        }
    }

    @Test func abortedUploadStateIsFreed() throws {
        let called = Atomic<Bool>(false)
        try withServer(handler: { _ in
            called.store(true, ordering: .relaxed)
            return HTTPResponse(status: 200)
        }) { server in
            let client = try RawHTTPClient(port: server.port)
            try client.send("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n0123456789")
            #expect(eventually { server.openRequestCount == 1 })
            client.disconnect()
            #expect(eventually { server.openRequestCount == 0 })
            let handlerRan = called.load(ordering: .relaxed)
            #expect(!handlerRan)
        }
    }
}
