import Foundation
import Replay
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `openStream` against a hostile server that refuses the stream with a body it misdescribes: the
/// client keeps only the body's start and never computes past the bytes it has.
@Suite struct StreamRefusalTests {
    /// Listens on 127.0.0.1 (a free port), answers one connection with `answer` after its request head,
    /// and closes it.
    private func serveOnce(_ answer: String) throws -> UInt16 {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(listener, raw, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, raw, &length) == 0
            }
        }
        try #require(bound)
        Thread.detachNewThread {
            let connection = accept(listener, nil, nil)
            var head = [UInt8](repeating: 0, count: 4096)
            _ = recv(connection, &head, head.count, 0)
            let bytes = Array(answer.utf8)
            _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, 0) }
            _ = close(connection)
            _ = close(listener)
        }
        return UInt16(bigEndian: address.sin_port)
    }

    @Test func aRefusalClaimingAnEnormousContentLengthIsReadUpToWhatArrived() throws {
        let port = try serveOnce("HTTP/1.1 503 Busy\r\nContent-Length: 9223372036854775807\r\n\r\nbusy, go away")
        let client = HTTPClient(target: HTTPTarget(host: "127.0.0.1", port: port), timeoutSeconds: 5)
        guard case .answered(let response) = try client.openStream(path: "/__ui/logs/events", headers: []) else {
            Issue.record("a 503 is not a stream")
            return
        }
        #expect(response.status == 503)
        #expect(String(decoding: response.body, as: UTF8.self) == "busy, go away")
    }

    @Test func aChunkSizeLineThatNeverEndsIsRefusedAtItsLimit() throws {
        let endless = String(repeating: "f", count: 70_000)
        let port = try serveOnce("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + endless)
        let client = HTTPClient(target: HTTPTarget(host: "127.0.0.1", port: port), timeoutSeconds: 5)
        guard case .streaming = try client.openStream(path: "/__ui/logs/events", headers: []) else {
            Issue.record("a 200 is a stream")
            return
        }
        #expect {
            _ = try client.nextChunk()
        } throws: { error in
            "\(error)".contains("chunk line longer than 65536 bytes")
        }
    }
}
