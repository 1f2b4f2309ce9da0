import Foundation
import Glibc
import Synchronization
import Testing

@testable import HTTPServer

/// Many idle connections, and connections past the limit. Part of the serialized live suite.
extension HTTPServerLiveTests {
    /// The hard descriptor limit, up to which the server raises the soft one when it starts.
    static var hardFileLimit: Int {
        var limits = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limits) == 0 else { return 0 }
        return Int(clamping: limits.rlim_max)
    }

    /// Opens `count` connections that send nothing; closed by the caller.
    func idleClients(_ count: Int, port: UInt16) throws -> [RawHTTPClient] {
        var clients: [RawHTTPClient] = []
        do {
            for _ in 0..<count { clients.append(try RawHTTPClient(port: port)) }
        } catch {
            clients.forEach { $0.disconnect() }
            throw error
        }
        return clients
    }

    /// The client ends of the connections live in this process too, hence twice the descriptors.
    @Test(.enabled(if: hardFileLimit >= 2_600))
    func newClientsAreServedPromptlyBehindElevenHundredIdleOnes() throws {
        try withServer(handler: { _ in HTTPResponse(status: 200, body: Array("ok".utf8)) }) { server in
            #expect(server.connectionLimit == 10_000 || server.connectionLimit >= 2_400)
            let idle = try idleClients(1_100, port: server.port)
            defer { idle.forEach { $0.disconnect() } }
            let started = ContinuousClock.now
            let response = try RawHTTPClient.fetch("GET", "/", port: server.port)
            #expect(response.status == 200)
            #expect(ContinuousClock.now - started < .seconds(2))
        }
    }

    @Test func connectionsPastTheLimitAreRefusedAtOnce() throws {
        let handled = Atomic<Int>(0)
        try withServer(
            { $0.connectionLimit = 20 },
            handler: { _ in
                handled.add(1, ordering: .relaxed)
                return HTTPResponse(status: 200)
            }
        ) { server in
            #expect(server.connectionLimit == 20)
            var idle = try idleClients(20, port: server.port)
            defer { idle.forEach { $0.disconnect() } }
            #expect(eventually { server.openConnectionCount == 20 })
            let started = ContinuousClock.now
            let refused = try RawHTTPClient.exchange(Array("GET / HTTP/1.1\r\nHost: t\r\n\r\n".utf8), port: server.port)
            #expect(refused.0.status == 503)
            #expect(refused.0.headers["Retry-After"] == "1")
            #expect(refused.0.bodyText == #"{"error":"the server has reached its limit of 20 open connections"}"#)
            #expect(refused.trailing.isEmpty)
            #expect(ContinuousClock.now - started < .seconds(1))
            #expect(handled.load(ordering: .relaxed) == 0)

            idle.removeLast().disconnect()
            #expect(eventually { server.openConnectionCount == 19 })
            #expect(try RawHTTPClient.fetch("GET", "/", port: server.port).status == 200)
            #expect(handled.load(ordering: .relaxed) == 1)
        }
    }
}
