import CMicroHTTPD

/// The checks a request head must pass before the handler sees it: the documented size limits
/// (see `HTTPServer+Limits.swift`), Host (RFC 9112 §3.2) and message framing (RFC 9112 §6).
///
/// MHD 0.9.75 itself answers only some of these (an unparsable Content-Length, a head larger than
/// its pool) and is lenient about the rest: it serves HTTP/1.1 without Host, takes the first of
/// two different Content-Length values, and reads a body of unknown length until the client
/// closes when Transfer-Encoding is anything but "chunked".
enum RequestVetting {
    typealias Rejection = HTTPRequest.Rejection

    /// Why the request whose head `state` holds must be refused, if it must.
    static func rejection(
        of state: RequestState, fields: FramingFields, version: String,
        connection: OpaquePointer
    ) -> Rejection? {
        sizeRejection(of: state, fields: fields, version: version, connection: connection)
            ?? hostRejection(hosts: fields.hosts, version: version)
            ?? framingRejection(fields)
            ?? targetRejection(state.rawTarget, isUTF8: state.targetIsUTF8)
    }

    /// A request-target that cannot be read exactly: raw bytes that are not UTF-8, a bad
    /// percent-escape, or escapes that decode to something other than UTF-8.
    static func targetRejection(_ target: String, isUTF8: Bool) -> Rejection? {
        guard isUTF8 else { return Rejection(status: 400, reason: "the request-target is not UTF-8") }
        return PercentDecoding.malformation(ofTarget: target).map { Rejection(status: 400, reason: $0) }
    }

    /// A head over the limits. Checked first: past them MHD's pool may have no room for a
    /// response head, so nothing else about the request matters.
    static func sizeRejection(
        of state: RequestState, fields: FramingFields, version: String,
        connection: OpaquePointer
    ) -> Rejection? {
        let limit = HTTPServer.maxHeadBytes
        let requestLine = state.method.utf8.count + state.rawTarget.utf8.count + version.utf8.count + 4
        if requestLine > limit {
            return Rejection(status: 414, reason: "the request line exceeds \(limit) bytes")
        }
        if scim_mhd_request_head_size(connection) > limit {
            return Rejection(status: 431, reason: "the request head exceeds \(limit) bytes")
        }
        if parameterCount(state.rawQuery) > HTTPServer.maxQueryParameters {
            return Rejection(status: 414, reason: "the query has more than \(HTTPServer.maxQueryParameters) parameters")
        }
        if fields.cookieBytes > HTTPServer.maxCookieBytes {
            return Rejection(status: 431, reason: "the Cookie header exceeds \(HTTPServer.maxCookieBytes) bytes")
        }
        let cookies = fields.cookieBytes > 0 ? Int(MHD_get_connection_values(connection, .COOKIE_KIND, nil, nil)) : 0
        return tooManyFields(state.headers.count + cookies)
    }

    /// Trailer fields of a chunked body count towards the head limits: MHD keeps them in the
    /// same pool. Checked before the final handler call.
    static func trailerRejection(of state: RequestState, connection: OpaquePointer) -> Rejection? {
        guard MHD_get_connection_values(connection, .FOOTER_KIND, nil, nil) > 0 else { return nil }
        let trailers = HTTPHeaders(of: connection, kind: .FOOTER_KIND)
        let trailerBytes = trailers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        if scim_mhd_request_head_size(connection) + trailerBytes > HTTPServer.maxHeadBytes {
            return Rejection(status: 431, reason: "the request head and trailers exceed \(HTTPServer.maxHeadBytes) bytes")
        }
        let cookies = Int(MHD_get_connection_values(connection, .COOKIE_KIND, nil, nil))
        return tooManyFields(state.headers.count + cookies + trailers.count)
    }

    /// RFC 9112 §3.2: exactly one Host in HTTP/1.1 (MHD treats 1.2 to 1.9 as 1.1), at most one in 1.0.
    static func hostRejection(hosts: Int, version: String) -> Rejection? {
        if hosts > 1 {
            return Rejection(status: 400, reason: "the request has more than one Host header")
        }
        if hosts == 0, version != "HTTP/1.0" {
            return Rejection(status: 400, reason: "an HTTP/1.1 request needs a Host header")
        }
        return nil
    }

    /// RFC 9112 §6: a body framed by one valid Content-Length, or by chunked alone. A request with
    /// both is refused rather than guessed at (§6.1 allows it; it is the request-smuggling shape),
    /// and so are differing or invalid Content-Length values (§6.3).
    static func framingRejection(_ fields: FramingFields) -> Rejection? {
        let codings = fields.transferCodings
        let lengths = fields.contentLengths
        if !codings.isEmpty {
            if !lengths.isEmpty {
                return Rejection(status: 400, reason: "the request has both Transfer-Encoding and Content-Length")
            }
            return transferCodingRejection(codings)
        }
        guard let first = lengths.first else { return nil }
        guard let declared = contentLength(first), lengths.allSatisfy({ contentLength($0) == declared }) else {
            return Rejection(status: 400, reason: "the request has an invalid or conflicting Content-Length")
        }
        return nil
    }

    /// Only a single "chunked" is understood (it is also all MHD decodes); any other coding is 501
    /// (RFC 9112 §6.1), and anything else malformed, such as "chunked" twice, is 400.
    static func transferCodingRejection(_ fields: [String]) -> Rejection? {
        if fields.count == 1, HTTPHeaders.namesMatch(fields[0], "chunked") { return nil }
        let codings = fields.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingASCIIWhitespace().lowercased() }
        if codings.contains(where: { !$0.isEmpty && $0 != "chunked" }) {
            return Rejection(status: 501, reason: "only the chunked transfer coding is supported")
        }
        return Rejection(status: 400, reason: "the Transfer-Encoding header is malformed")
    }

    /// A Content-Length value: ASCII digits only and at most UInt64.max, else nil. Never traps.
    static func contentLength(_ text: String) -> UInt64? {
        guard !text.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in text.utf8 {
            guard (0x30...0x39).contains(byte) else { return nil }
            let (tens, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (sum, carried) = tens.addingReportingOverflow(UInt64(byte - 0x30))
            if overflowed || carried { return nil }
            value = sum
        }
        return value
    }

    /// Non-empty '&'-separated segments, counted without building them.
    static func parameterCount(_ query: String) -> Int {
        var count = 0
        var inSegment = false
        for byte in query.utf8 {
            if byte == UInt8(ascii: "&") {
                inSegment = false
            } else if !inSegment {
                inSegment = true
                count += 1
            }
        }
        return count
    }

    private static func tooManyFields(_ count: Int) -> Rejection? {
        guard count > HTTPServer.maxHeaderFields else { return nil }
        return Rejection(status: 431, reason: "the request has more than \(HTTPServer.maxHeaderFields) header fields")
    }
}

/// The header fields that vetting and framing depend on, found in one pass over the head.
struct FramingFields {
    var hosts = 0
    var cookieBytes = 0
    var contentLengths: [String] = []
    var transferCodings: [String] = []

    init(_ headers: HTTPHeaders) {
        for (name, value) in headers {
            if HTTPHeaders.namesMatch(name, "Host") {
                hosts += 1
            } else if HTTPHeaders.namesMatch(name, "Content-Length") {
                contentLengths.append(value)
            } else if HTTPHeaders.namesMatch(name, "Transfer-Encoding") {
                transferCodings.append(value)
            } else if HTTPHeaders.namesMatch(name, "Cookie") {
                cookieBytes += value.utf8.count
            }
        }
    }
}

private extension Substring {
    func trimmingASCIIWhitespace() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
