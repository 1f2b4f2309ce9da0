import JSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small blocking HTTP/1.1 client over one keep-alive TCP connection: requests go one after the
/// other (replay is sequential: later requests need ids from earlier answers). Bodies are sent with
/// Content-Length; responses are read by Content-Length, chunked, or until close.
public final class HTTPClient {
    public let target: HTTPTarget
    public let timeoutSeconds: Int
    private var fd: Int32 = -1
    private var requestsOnConnection = 0
    var buffer: [UInt8] = []
    var readIndex = 0
    /// How the body of the stream `openStream` opened is delimited.
    var streamFraming = Framing.untilClose
    private var address: (storage: sockaddr_storage, length: socklen_t, family: Int32)?

    private let authorityBytes: [UInt8]

    public init(target: HTTPTarget, timeoutSeconds: Int = 30) {
        self.target = target
        authorityBytes = Array(target.authority.utf8)
        self.timeoutSeconds = timeoutSeconds
        buffer.reserveCapacity(1 << 16)
    }

    /// recv() lands here, then is appended to `buffer`.
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)

    deinit {
        close()
        scratch.deallocate()
    }

    public func close() {
        if fd >= 0 { _ = systemClose(fd) }
        fd = -1
        requestsOnConnection = 0
        buffer.removeAll(keepingCapacity: true)
        readIndex = 0
    }

    /// Opens the connection now (replay checks the target is reachable before sending anything).
    public func connect() throws(HTTPClientError) {
        if fd < 0 { try open() }
    }

    /// Sends one request and reads its response. A reused connection that the server had closed
    /// (nothing of the response read) is reopened and the request sent again once.
    public func send(method: String, path: String, headers: [HTTPHeader], body: [UInt8]) throws(HTTPClientError) -> ClientResponse
    {
        let request = encode(method: method, path: target.basePath + path, headers: headers, body: body)
        var attempt = 0
        while true {
            attempt += 1
            let reused = fd >= 0 && requestsOnConnection > 0
            if fd < 0 { try open() }
            do {
                try write(request)
                let response = try readResponse(head: method == "HEAD")
                requestsOnConnection += 1
                if response.closeAfter { close() }
                return response.response
            } catch let failure as StaleConnection {
                close()
                if reused, attempt == 1 { continue }
                throw HTTPClientError(description: failure.message)
            } catch {
                close()
                throw error as? HTTPClientError ?? HTTPClientError(description: "\(error)")
            }
        }
    }

    /// The connection died before any of the response arrived.
    private struct StaleConnection: Error { let message: String }

    func encode(method: String, path: String, headers: [HTTPHeader], body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + body.count)
        out.append(contentsOf: method.utf8)
        out.append(0x20)
        out.append(contentsOf: path.utf8)
        out.append(contentsOf: " HTTP/1.1\r\nHost: ".utf8)
        out.append(contentsOf: authorityBytes)
        out.append(contentsOf: "\r\n".utf8)
        for header in headers {
            out.append(contentsOf: header.name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: header.value.utf8)
            out.append(contentsOf: "\r\n".utf8)
        }
        if !body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH" {
            out.append(contentsOf: "Content-Length: \(body.count)\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        out.append(contentsOf: body)
        return out
    }

    // MARK: Socket

    private func resolve() throws(HTTPClientError) -> (storage: sockaddr_storage, length: socklen_t, family: Int32) {
        if let address { return address }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let host = target.host == "localhost" ? "127.0.0.1" : target.host
        let code = getaddrinfo(host, String(target.port), &hints, &list)
        guard code == 0, let first = list else {
            throw HTTPClientError(description: "cannot resolve \(target.host): \(String(cString: gai_strerror(code)))")
        }
        defer { freeaddrinfo(list) }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { raw in
            raw.copyMemory(from: UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(first.pointee.ai_addrlen)))
        }
        let resolved = (storage, first.pointee.ai_addrlen, first.pointee.ai_family)
        address = resolved
        return resolved
    }

    func open() throws(HTTPClientError) {
        var address = try resolve()
        let socketFD = socket(address.family, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw HTTPClientError(description: "socket: \(errorText())") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socketFD, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(socketFD, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let result = withUnsafePointer(to: &address.storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemConnect(socketFD, $0, address.length) }
        }
        guard result == 0 else {
            let message = errorText()
            _ = systemClose(socketFD)
            throw HTTPClientError(description: "cannot connect to \(target): \(message)")
        }
        fd = socketFD
        requestsOnConnection = 0
        buffer.removeAll(keepingCapacity: true)
        readIndex = 0
    }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                systemSend(fd, raw.baseAddress! + offset, raw.count - offset, noSignal)
            }
            if sent < 0 {
                if errno == EINTR { continue }
                let message = "send: \(errorText())"
                if errno == EPIPE || errno == ECONNRESET { throw StaleConnection(message: message) }
                throw HTTPClientError(description: message)
            }
            offset += sent
        }
    }

    /// Reads more bytes into the buffer; false at end of stream.
    func fill() throws -> Bool {
        while true {
            let received = recv(fd, scratch.baseAddress, scratch.count, 0)
            if received < 0 && errno == EINTR { continue }
            if received < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    throw HTTPClientError(description: "no answer from \(target) within \(timeoutSeconds) s")
                }
                if errno == ECONNRESET { return false }
                throw HTTPClientError(description: "recv: \(errorText())")
            }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<received]))
            return received > 0
        }
    }

    private func readResponse(head: Bool) throws -> (response: ClientResponse, closeAfter: Bool) {
        let (status, headers, framing, closeHead) = try readHead()
        var closeAfter = closeHead
        // Body.
        var body: [UInt8] = []
        if head || status == 204 || status == 304 || (100..<200).contains(status) {
            // none
        } else if framing == .chunked {
            body = try readChunked()
        } else if case .length(let contentLength) = framing {
            while buffer.count - readIndex < contentLength {
                guard try fill() else {
                    throw HTTPClientError(description: "the server closed the connection in the middle of a response body")
                }
            }
            body = Array(buffer[readIndex..<readIndex + contentLength])
            readIndex += contentLength
        } else {
            while try fill() {}
            body = Array(buffer[readIndex...])
            readIndex = buffer.count
            closeAfter = true
        }
        return (ClientResponse(status: status, headers: headers, body: body), closeAfter)
    }

    /// How a response body is delimited.
    enum Framing: Equatable {
        case length(Int)
        case chunked
        case untilClose
    }

    /// Reads a response head, leaving `readIndex` at the first body byte.
    func readHead() throws -> (status: Int, headers: [HTTPHeader], framing: Framing, closeAfter: Bool) {
        if readIndex > 0 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        // Head.
        var scan = readIndex
        var headEnd = -1
        let responseStart = readIndex
        while headEnd < 0 {
            while scan + 3 < buffer.count {
                if buffer[scan] == 0x0D, buffer[scan + 1] == 0x0A, buffer[scan + 2] == 0x0D, buffer[scan + 3] == 0x0A {
                    headEnd = scan
                    break
                }
                scan += 1
            }
            if headEnd >= 0 { break }
            if buffer.count - readIndex > 1 << 20 { throw HTTPClientError(description: "response head over 1 MiB") }
            guard try fill() else {
                if buffer.count == responseStart {
                    throw StaleConnection(message: "the server closed the connection without answering")
                }
                throw HTTPClientError(description: "the server closed the connection in the middle of a response head")
            }
        }
        // Status line: "HTTP/1.1 201 Created".
        var lineEnd = readIndex
        while lineEnd < headEnd, buffer[lineEnd] != 0x0D { lineEnd += 1 }
        let statusLine = buffer[readIndex..<lineEnd]
        guard statusLine.count >= 12, statusLine.starts(with: "HTTP/1.".utf8),
            statusLine[readIndex + 8] == 0x20, let status = Self.threeDigits(statusLine, at: readIndex + 9)
        else {
            throw HTTPClientError(description: "bad status line: \(String(decoding: statusLine, as: UTF8.self))")
        }
        var headers: [HTTPHeader] = []
        var contentLength: Int?
        var chunked = false
        var closeAfter = statusLine[readIndex + 7] == UInt8(ascii: "0")
        var lineStart = lineEnd + 2
        while lineStart < headEnd {
            var end = lineStart
            while end < headEnd, buffer[end] != 0x0D { end += 1 }
            if let colon = buffer[lineStart..<end].firstIndex(of: UInt8(ascii: ":")) {
                var valueStart = colon + 1
                while valueStart < end, buffer[valueStart] == 0x20 || buffer[valueStart] == 0x09 { valueStart += 1 }
                var valueEnd = end
                while valueEnd > valueStart, buffer[valueEnd - 1] == 0x20 || buffer[valueEnd - 1] == 0x09 { valueEnd -= 1 }
                let name = String(decoding: buffer[lineStart..<colon], as: UTF8.self)
                let value = String(decoding: buffer[valueStart..<valueEnd], as: UTF8.self)
                headers.append(HTTPHeader(name, value))
                if name.caseInsensitiveEquals("content-length") {
                    guard let length = Int(value), length >= 0 else {
                        throw HTTPClientError(description: "bad Content-Length: \(value)")
                    }
                    contentLength = length
                } else if name.caseInsensitiveEquals("transfer-encoding") {
                    chunked = value.lowercased().contains("chunked")
                } else if name.caseInsensitiveEquals("connection") {
                    let lower = value.lowercased()
                    if lower.contains("close") { closeAfter = true } else if lower.contains("keep-alive") { closeAfter = false }
                }
            }
            lineStart = end + 2
        }
        readIndex = headEnd + 4
        let framing: Framing = chunked ? .chunked : contentLength.map(Framing.length) ?? .untilClose
        return (status, headers, framing, closeAfter)
    }

    private static func threeDigits(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int? {
        var value = 0
        for i in index..<index + 3 {
            let digit = Int(bytes[i]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// A chunk-size or trailer line; one longer than `maxLineBytes` is the server's error, not ours to buffer.
    func readLine() throws -> String {
        var searched = readIndex
        while true {
            if let newline = buffer[searched...].firstIndex(of: 0x0A) {
                var end = newline
                if end > readIndex, buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[readIndex..<end], as: UTF8.self)
                readIndex = newline + 1
                return line
            }
            searched = buffer.count
            guard searched - readIndex <= Self.maxLineBytes else {
                throw HTTPClientError(description: "the server sent a chunk line longer than \(Self.maxLineBytes) bytes")
            }
            guard try fill() else { throw HTTPClientError(description: "the server closed the connection in a chunked body") }
        }
    }

    static let maxLineBytes = 64 * 1024

    func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while let chunk = try readChunk() { body.append(contentsOf: chunk) }
        return body
    }

    /// The next chunk of a chunked body; nil after the last (and its trailers).
    func readChunk() throws -> [UInt8]? {
        let sizeLine = try readLine()
        let sizeText = sizeLine.split(separator: ";", maxSplits: 1).first.map { $0.trimmingSpaces } ?? ""
        guard let size = Int(sizeText, radix: 16), size >= 0, size <= 1 << 30 else {
            throw HTTPClientError(description: "bad chunk size: \(sizeLine.prefix(64))")
        }
        if size == 0 {
            while try !readLine().isEmpty {}  // trailers
            return nil
        }
        while buffer.count - readIndex < size + 2 {
            guard try fill() else { throw HTTPClientError(description: "the server closed the connection in a chunked body") }
        }
        let chunk = Array(buffer[readIndex..<readIndex + size])
        readIndex += size + 2
        if readIndex > 1 << 16 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        return chunk
    }

    func errorText() -> String { String(cString: strerror(errno)) }
}

#if canImport(Glibc)
    private let noSignal = Int32(MSG_NOSIGNAL)
#else
    private let noSignal: Int32 = 0
#endif

private func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
        Glibc.close(fd)
    #else
        Darwin.close(fd)
    #endif
}

private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    #if canImport(Glibc)
        Glibc.connect(fd, address, length)
    #else
        Darwin.connect(fd, address, length)
    #endif
}

private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    #if canImport(Glibc)
        Glibc.send(fd, bytes, count, flags)
    #else
        Darwin.send(fd, bytes, count, flags)
    #endif
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
