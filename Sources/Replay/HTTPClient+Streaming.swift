/// Reading a response as it arrives (a Server-Sent Events stream) instead of whole.
extension HTTPClient {
    /// A streamed answer: its status and headers; the body is read with `nextChunk()`.
    public struct StreamHead: Sendable {
        public var status: Int
        public var headers: [HTTPHeader]
    }

    /// Sends a GET and reads only the response head when it is a 2xx stream; any other answer is read
    /// whole and returned as `.answered`, so a refusal's message can be shown.
    public enum StreamStart {
        case streaming(StreamHead)
        case answered(ClientResponse)
    }

    public func openStream(path: String, headers: [HTTPHeader]) throws(HTTPClientError) -> StreamStart {
        close()
        do {
            try open()
            try write(encode(method: "GET", path: target.basePath + path, headers: headers, body: []))
            let (status, responseHeaders, framing, _) = try readHead()
            guard (200..<300).contains(status) else {
                let body = try refusalBody(framing)
                close()
                return .answered(ClientResponse(status: status, headers: responseHeaders, body: body))
            }
            streamFraming = framing
            return .streaming(StreamHead(status: status, headers: responseHeaders))
        } catch {
            close()
            throw error as? HTTPClientError ?? HTTPClientError(description: "\(error)")
        }
    }

    /// Bytes of a refusal's body kept: it is shown in one line, and a hostile server may claim any
    /// Content-Length or never end its body.
    static let maxRefusalBytes = 1 << 16

    /// The start of a refusal's body, up to `maxRefusalBytes` (the connection is closed after it).
    private func refusalBody(_ framing: Framing) throws -> [UInt8] {
        let wanted: Int
        switch framing {
        case .chunked:
            var body: [UInt8] = []
            while body.count < Self.maxRefusalBytes, let chunk = try readChunk() { body += chunk }
            return Array(body.prefix(Self.maxRefusalBytes))
        case .length(let count): wanted = min(count, Self.maxRefusalBytes)
        case .untilClose: wanted = Self.maxRefusalBytes
        }
        while buffer.count - readIndex < wanted { guard try fill() else { break } }
        return Array(buffer[readIndex..<min(buffer.count, readIndex + wanted)])
    }

    /// The next bytes of an open stream; nil when it ended (the server finished it or closed the connection).
    /// Waits at most `timeoutSeconds` for data: a stream with keep-alives sends some well within that.
    public func nextChunk() throws(HTTPClientError) -> [UInt8]? {
        do {
            switch streamFraming {
            case .chunked:
                return try readChunk()
            case .length, .untilClose:
                if readIndex < buffer.count {
                    defer {
                        buffer.removeAll(keepingCapacity: true)
                        readIndex = 0
                    }
                    return Array(buffer[readIndex...])
                }
                buffer.removeAll(keepingCapacity: true)
                readIndex = 0
                return try fill() ? nextChunk() : nil
            }
        } catch let error as HTTPClientError {
            throw error
        } catch {
            throw HTTPClientError(description: "\(error)")
        }
    }
}
