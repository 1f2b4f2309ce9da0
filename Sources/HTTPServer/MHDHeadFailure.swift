import Glibc

/// The MHD 0.9.75 log messages that announce a failed request head which MHD read completely:
/// it failed in `parse_connection_headers`, whose error answer goes out with its status line and
/// headers twice (the state machine builds the response head once in the error path and once
/// more afterwards). Each maps to the rejection the client gets instead.
enum MHDHeadFailure {
    private static let messages: [(prefix: String, rejection: HTTPRequest.Rejection)] = [
        ("Failed to parse `Content-Length' header.", invalidLength),
        ("Too large value of 'Content-Length' header.", invalidLength),
        ("Not enough memory in pool to parse cookies!", poolFull),
        ("Not enough memory in pool to allocate header record!", poolFull),
    ]

    private static let invalidLength = HTTPRequest.Rejection(
        status: 400, reason: "the request has an invalid or conflicting Content-Length")

    private static let poolFull = HTTPRequest.Rejection(
        status: 431, reason: "the request head needs more than the server's \(HTTPServer.connectionMemoryLimit)-byte buffer")

    /// The rejection for a message format, or nil for every other message (the common case, so
    /// the first byte is compared before anything else).
    static func rejection(forLogFormat format: UnsafePointer<CChar>) -> HTTPRequest.Rejection? {
        let first = UInt8(bitPattern: format.pointee)
        guard first == UInt8(ascii: "F") || first == UInt8(ascii: "T") || first == UInt8(ascii: "N") else { return nil }
        return messages.first { strncmp(format, $0.prefix, $0.prefix.utf8.count) == 0 }?.rejection
    }
}
