import Foundation
import Glibc
import Synchronization
import Testing

@testable import HTTPServer

/// Streamed bodies over real sockets. Part of the serialized live suite, whose timing-sensitive
/// tests must not compete for the machine's two cores.
extension HTTPServerLiveTests {
    /// The streams a handler handed out, with a count of those whose `onClose` ran, and the CPU
    /// clocks of the worker threads that answered them.
    final class StreamHub: Sendable {
        let streams = Mutex<[ResponseStream]>([])
        let closed = Atomic<Int>(0)
        let workerClocks = Mutex<[pthread_t: clockid_t]>([:])
        let heartbeatInterval: Duration

        init(heartbeatInterval: Duration = ResponseStream.defaultHeartbeatInterval) {
            self.heartbeatInterval = heartbeatInterval
        }

        func handle(_ request: HTTPRequest) -> HTTPResponse {
            let stream = ResponseStream(heartbeat: Array(":\n\n".utf8), heartbeatInterval: heartbeatInterval)
            stream.onClose { self.closed.add(1, ordering: .relaxed) }
            stream.send("hello \(request.path)\n")
            var clock = clockid_t()
            if pthread_getcpuclockid(pthread_self(), &clock) == 0 {
                workerClocks.withLock { $0[pthread_self()] = clock }
            }
            streams.withLock { $0.append(stream) }
            return .streaming(headers: HTTPHeaders([("Content-Type", "text/event-stream")]), stream)
        }

        var count: Int { streams.withLock { $0.count } }

        func broadcast(_ text: String) {
            streams.withLock { $0 }.forEach { $0.send(text) }
        }

        func finishAll() {
            streams.withLock { $0 }.forEach { $0.finish() }
        }

        /// CPU time used so far by the worker threads that created streams.
        var workerCPUTime: Duration {
            workerClocks.withLock { $0.values }.reduce(.zero) { total, clock in
                var now = timespec()
                guard clock_gettime(clock, &now) == 0 else { return total }
                return total + .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
            }
        }
    }

    /// Connects and sends a GET for `path` on a kept-alive connection.
    func openStream(_ path: String, port: UInt16) throws -> RawHTTPClient {
        let client = try RawHTTPClient(port: port)
        try client.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n")
        return client
    }

    /// Every chunk's data up to the last chunk, joined.
    func readChunkedBody(_ client: inout RawHTTPClient) throws -> String {
        var text = ""
        while let chunk = try client.readChunk() { text += String(decoding: chunk, as: UTF8.self) }
        return text
    }

    @Test func streamSendsChunksInOrderThenEnds() throws {
        let hub = StreamHub()
        let entries = Mutex<[HTTPServer.AccessLogEntry]>([])
        try withServer(
            { config in
                config.accessLog = { entry in entries.withLock { $0.append(entry) } }
            }, handler: hub.handle
        ) { server in
            var client = try openStream("/events", port: server.port)
            defer { client.disconnect() }
            let head = try client.readHead()
            #expect(head.status == 200)
            #expect(head.headers["Transfer-Encoding"] == "chunked")
            #expect(head.headers["Content-Length"] == nil)
            #expect(head.headers["Content-Type"] == "text/event-stream")
            #expect(try client.readChunk() == Array("hello /events\n".utf8))
            for index in 0..<5 {
                hub.broadcast("event \(index)\n")
                usleep(20_000)
            }
            hub.finishAll()
            #expect(try readChunkedBody(&client) == (0..<5).map { "event \($0)\n" }.joined())
            #expect(eventually { hub.closed.load(ordering: .relaxed) == 1 })
            #expect(hub.streams.withLock { $0[0].isClosed })
            #expect(eventually { entries.withLock { $0.count } == 1 })
            let entry = try #require(entries.withLock { $0.first })
            #expect(entry.status == 200 && entry.outcome == .streamed && entry.completed)
            try client.send("GET /again HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(try client.readHead().status == 200)
        }
    }

    @Test func fiftyConcurrentStreamsEachGetEveryChunkInOrder() throws {
        let hub = StreamHub()
        try withServer({ $0.threads = 2 }, handler: hub.handle) { server in
            var clients = try (0..<50).map { try openStream("/s\($0)", port: server.port) }
            defer { clients.forEach { $0.disconnect() } }
            #expect(eventually { hub.count == 50 })
            for index in 0..<40 {
                hub.broadcast("\(index),")
                if index % 10 == 9 { usleep(10_000) }
            }
            hub.finishAll()
            let expected = (0..<40).map { "\($0)," }.joined()
            for index in clients.indices {
                #expect(try clients[index].readHead().status == 200)
                #expect(try readChunkedBody(&clients[index]) == "hello /s\(index)\n" + expected)
            }
            #expect(eventually { hub.closed.load(ordering: .relaxed) == 50 })
        }
    }

    @Test func clientLeavingMidStreamIsNoticedAndFreed() throws {
        let hub = StreamHub(heartbeatInterval: .milliseconds(100))
        try withServer(handler: hub.handle) { server in
            var client = try openStream("/events", port: server.port)
            #expect(try client.readHead().status == 200)
            #expect(try client.readChunk() != nil)
            #expect(eventually { server.openRequestCount == 1 && server.openConnectionCount == 1 })
            client.disconnect()
            #expect(eventually { hub.closed.load(ordering: .relaxed) == 1 })
            #expect(eventually { server.openRequestCount == 0 && server.openConnectionCount == 0 })
            let stream = try #require(hub.streams.withLock { $0.first })
            #expect(stream.isClosed)
            #expect(!stream.send("too late"))
        }
    }

    @Test func heartbeatsKeepAnIdleStreamTalking() throws {
        let hub = StreamHub(heartbeatInterval: .milliseconds(100))
        try withServer(handler: hub.handle) { server in
            var client = try openStream("/events", port: server.port)
            defer { client.disconnect() }
            _ = try client.readHead()
            #expect(try client.readChunk() == Array("hello /events\n".utf8))
            #expect(try client.readChunk() == Array(":\n\n".utf8))
            #expect(try client.readChunk() == Array(":\n\n".utf8))
        }
    }

    @Test func stopEndsOpenAndSuspendedStreamsPromptly() throws {
        let hub = StreamHub()
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, handler: hub.handle)
        try server.start()
        var clients = try (0..<10).map { try openStream("/s\($0)", port: server.port) }
        defer { clients.forEach { $0.disconnect() } }
        #expect(eventually { hub.count == 10 })
        let busy = hub.streams.withLock { Array($0.prefix(3)) }
        busy.forEach { $0.send(String(repeating: "x", count: 200_000)) }
        let started = ContinuousClock.now
        server.stop()
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(hub.closed.load(ordering: .relaxed) == 10)
        #expect(hub.streams.withLock { $0 }.allSatisfy { $0.isClosed && !$0.send("after stop") })
        for index in clients.indices {
            #expect(clients[index].readUntilClosed().closed)
        }
    }

    /// A content reader that returned 0 without suspending would keep a worker spinning. The
    /// CPU clocks of the workers that serve the streams are read, not the process's, because
    /// other suites run in this process at the same time.
    @Test func idleStreamsUseNoCPU() throws {
        let hub = StreamHub()
        try withServer({ $0.threads = 2 }, handler: hub.handle) { server in
            var clients = try (0..<20).map { try openStream("/s\($0)", port: server.port) }
            defer { clients.forEach { $0.disconnect() } }
            for index in clients.indices {
                _ = try clients[index].readHead()
                #expect(try clients[index].readChunk() != nil)
            }
            usleep(100_000)
            let before = hub.workerCPUTime
            usleep(1_000_000)
            let used = hub.workerCPUTime - before
            #expect(used < .milliseconds(100), "workers used \(used) in one second with 20 idle streams")
            hub.broadcast("still there\n")
            #expect(try clients[0].readChunk() == Array("still there\n".utf8))
        }
    }

    @Test func headOfAStreamHasNoBodyAndClosesTheStream() throws {
        let hub = StreamHub()
        try withServer(handler: hub.handle) { server in
            let head = try RawHTTPClient.fetch("HEAD", "/events", port: server.port)
            #expect(head.status == 200)
            #expect(head.headers["Content-Type"] == "text/event-stream")
            #expect(eventually { hub.closed.load(ordering: .relaxed) == 1 })
            #expect(eventually { server.openRequestCount == 0 })
        }
    }

    @Test func producerOutrunningTheClientIsCutOff() throws {
        let closed = Atomic<Bool>(false)
        let stream = ResponseStream(maxBufferedBytes: 64 * 1024)
        stream.onClose { closed.store(true, ordering: .relaxed) }
        try withServer(handler: { _ in .streaming(stream) }) { server in
            var client = try openStream("/firehose", port: server.port)
            defer { client.disconnect() }
            _ = try client.readHead()
            stream.send("flowing")
            #expect(try client.readChunk() == Array("flowing".utf8))
            let chunk = [UInt8](repeating: 0x61, count: 4096)
            var accepted = 0
            while accepted < 100_000, stream.send(chunk) { accepted += 1 }
            #expect(accepted < 100_000, "a client that reads nothing took \(accepted * 4) KiB")
            #expect(eventually { closed.load(ordering: .relaxed) })
            #expect(eventually { server.openRequestCount == 0 })
        }
    }

    @Test func aStreamAnswersOneRequestOnly() throws {
        let stream = ResponseStream()
        try withServer(handler: { _ in .streaming(stream) }) { server in
            let first = try openStream("/one", port: server.port)
            defer { first.disconnect() }
            #expect(eventually { server.openRequestCount == 1 })
            let second = try RawHTTPClient.fetch("GET", "/two", port: server.port)
            #expect(second.status == 500)
            #expect(second.bodyText.contains("one request only"))
        }
    }
}
