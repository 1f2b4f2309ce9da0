import Foundation
import Glibc
import Synchronization
import Testing

@testable import HTTPServer

/// A graceful stop: requests already read are answered (as their connection's last), idle
/// keep-alive connections are closed at once, and what is still unread after the grace period
/// never reaches the handler.
extension HTTPServerLiveTests {
    /// A handler that holds `/hold` until `release` is set, and answers everything else at once.
    final class HoldingHandler: Sendable {
        let entered = Atomic<Int>(0)
        let handled = Mutex<[String]>([])
        let release = Atomic<Bool>(false)

        func handle(_ request: HTTPRequest) -> HTTPResponse {
            handled.withLock { $0.append(request.path) }
            if request.path == "/hold" {
                entered.add(1, ordering: .relaxed)
                while !release.load(ordering: .relaxed) { usleep(1_000) }
            }
            return .json(200, Array("done \(request.path)".utf8))
        }
    }

    func startServer(_ handler: HoldingHandler) throws -> HTTPServer {
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, handler: handler.handle)
        try server.start()
        return server
    }

    @Test func aRequestInTheHandlerWhenTheStopBeginsIsAnsweredAsTheLast() throws {
        let handler = HoldingHandler()
        let server = try startServer(handler)
        var client = try RawHTTPClient(port: server.port)
        defer { client.disconnect() }
        try client.send("GET /hold HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(eventually { handler.entered.load(ordering: .relaxed) == 1 })
        let report = Mutex<StopReport?>(nil)
        // The stop runs outside the lock: the test thread reads `report` while the stop waits.
        let stopper = Thread {
            let done = server.stop()
            report.withLock { $0 = done }
        }
        stopper.start()
        usleep(200_000)
        #expect(report.withLock { $0 } == nil)
        handler.release.store(true, ordering: .relaxed)
        let response = try client.readResponse()
        #expect(response.status == 200 && response.bodyText == "done /hold")
        #expect(response.headers["Connection"] == "close")
        #expect(client.readUntilClosed() == ([], true))
        #expect(eventually { report.withLock { $0 } != nil })
        #expect(report.withLock { $0?.answered } == 1)
    }

    @Test func idleKeepAliveConnectionsAreClosedAtOnce() throws {
        let handler = HoldingHandler()
        let server = try startServer(handler)
        var clients = try (0..<6).map { _ in try RawHTTPClient(port: server.port) }
        defer { clients.forEach { $0.disconnect() } }
        for index in clients.indices {
            try clients[index].send("GET /quick HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try clients[index].readResponse().headers["Connection"] == nil)
        }
        let report = server.stop(grace: .seconds(30))
        #expect(report.closedIdle == 6 && report.cutOff == 0)
        #expect(report.duration < .seconds(2))
        for index in clients.indices {
            #expect(clients[index].readUntilClosed() == ([], true))
        }
    }

    @Test func aRequestStillArrivingAfterTheGracePeriodNeverReachesTheHandler() throws {
        let handler = HoldingHandler()
        let server = try startServer(handler)
        var client = try RawHTTPClient(port: server.port)
        defer { client.disconnect() }
        try client.send("POST /late HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nhalf")
        #expect(eventually { server.openRequestCount == 1 })
        let report = server.stop(grace: .milliseconds(300))
        #expect(report.cutOff == 1 && report.answered == 0)
        #expect(report.duration >= .milliseconds(300))
        try? client.send("-the-rest")
        #expect(client.readUntilClosed().closed)
        #expect(handler.handled.withLock { $0 }.isEmpty)
    }

    @Test func aStoppedServerAcceptsNoConnection() throws {
        let handler = HoldingHandler()
        let server = try startServer(handler)
        let port = server.port
        server.stop()
        #expect(RawHTTPClient.connectError(host: "127.0.0.1", port: port) == ECONNREFUSED)
    }
}
