import Foundation
import Glibc

@testable import HTTPServer

/// A minimal blocking HTTP/1.1 client over a raw socket.
///
/// Used instead of URLSession so tests control exactly what goes on the wire
/// (chunk timing, HEAD, aborted uploads, 127.0.0.2) and see exactly what comes back.
struct RawHTTPClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Response {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    let fd: Int32
    private var buffered: [UInt8] = []

    /// Connects to `host` (IPv4 or IPv6 literal) with a 10 s receive timeout.
    init(host: String = "127.0.0.1", port: UInt16) throws {
        let address = try SocketAddress(host: host, port: port)
        let fd = socket(address.isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard address.withSockaddr({ connect(fd, $0, $1) }) == 0 else {
            let code = errno
            close(fd)
            throw Failure(description: "connect: \(String(cString: strerror(code)))")
        }
        self.fd = fd
    }

    /// The errno of a failed connect, or nil when connecting works.
    static func connectError(host: String, port: UInt16) -> Int32? {
        let address = try? SocketAddress(host: host, port: port)
        guard let address else { return EINVAL }
        let fd = socket(address.isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        return address.withSockaddr { connect(fd, $0, $1) } == 0 ? nil : errno
    }

    func disconnect() {
        _ = Glibc.close(fd)
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            offset += sent
        }
    }

    /// Reads one response; the body length comes from Content-Length unless
    /// `headOnly` (a HEAD response has none on the wire).
    mutating func readResponse(headOnly: Bool = false) throws -> Response {
        var response = try readHead()
        let length = headOnly ? 0 : Int(response.headers["Content-Length"] ?? "0") ?? 0
        while buffered.count < length { try fill() }
        response.body = Array(buffered.prefix(length))
        buffered.removeFirst(length)
        return response
    }

    /// Reads a status line and header fields, leaving the body unread.
    mutating func readHead() throws -> Response {
        let head = String(decoding: try readThrough(Array("\r\n\r\n".utf8)), as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line in \(head)")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Response(status: status, headers: headers, body: [])
    }

    /// The data of the next chunk of a chunked body; nil for the last (empty) chunk, after
    /// which the trailer fields (if any) and the closing empty line are consumed too.
    mutating func readChunk() throws -> [UInt8]? {
        let sizeLine = String(decoding: try readThrough(Array("\r\n".utf8)), as: UTF8.self)
        guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else {
            throw Failure(description: "bad chunk size line \(sizeLine)")
        }
        if size == 0 {
            while try !readThrough(Array("\r\n".utf8)).isEmpty {}
            return nil
        }
        while buffered.count < size + 2 { try fill() }
        defer { buffered.removeFirst(size + 2) }
        return Array(buffered.prefix(size))
    }

    /// Bytes up to `separator`, which is consumed but not returned.
    private mutating func readThrough(_ separator: [UInt8]) throws -> [UInt8] {
        var end: Int?
        while end == nil {
            end = buffered.indices.dropLast(separator.count - 1).first {
                buffered[$0..<$0 + separator.count].elementsEqual(separator)
            }
            if end == nil { try fill() }
        }
        defer { buffered.removeFirst(end! + separator.count) }
        return Array(buffered[..<end!])
    }

    /// Whether the server closed the connection (rather than the receive timeout passing), with
    /// the bytes it sent before.
    mutating func readUntilClosed() -> (bytes: [UInt8], closed: Bool) {
        var closed = false
        while !closed {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffered.append(contentsOf: chunk[..<count])
            } else if count == 0 || errno == ECONNRESET {
                closed = true
            } else if errno != EINTR {
                break
            }
        }
        defer { buffered = [] }
        return (buffered, closed)
    }

    /// Bytes the server sends before closing the connection.
    mutating func readToEnd() throws -> [UInt8] {
        while (try? fill()) != nil {}
        defer { buffered = [] }
        return buffered
    }

    private mutating func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw Failure(description: count == 0 ? "connection closed" : "recv: \(errno)") }
        buffered.append(contentsOf: chunk[..<count])
    }

    /// Sends `raw` on a fresh connection and reads one response plus whatever follows it until
    /// the server closes, so callers can check that exactly one answer came. A send cut short by
    /// the server closing early is not an error: the answer may already be on its way.
    static func exchange(_ raw: [UInt8], port: UInt16, headOnly: Bool = false) throws -> (Response, trailing: [UInt8]) {
        var client = try RawHTTPClient(port: port)
        defer { client.disconnect() }
        try? client.send(raw)
        let response = try client.readResponse(headOnly: headOnly)
        return (response, try client.readToEnd())
    }

    /// Sends a request with `Connection: close` on a fresh connection.
    static func fetch(
        _ method: String, _ target: String, port: UInt16, host: String = "127.0.0.1",
        headers: [(String, String)] = [], body: [UInt8] = []
    ) throws -> Response {
        var client = try RawHTTPClient(host: host, port: port)
        defer { client.disconnect() }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
        try client.send(Array((head + "\r\n").utf8) + body)
        return try client.readResponse(headOnly: method == "HEAD")
    }
}
