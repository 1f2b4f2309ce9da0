import CMicroHTTPD

/// Builds the MHD response for an `HTTPResponse`: a copied buffer, a stream read through a
/// content reader, or a body that a content reader breaks off.
enum MHDResponse {
    /// MHD's buffer for content-reader bodies; a chunked body is written into the connection's
    /// own buffer instead.
    static let readerBlockSize = 16 * 1024

    /// The response, with the handler's headers (Content-Length left to MHD), or nil when MHD
    /// could not allocate it.
    static func make(_ response: HTTPResponse) -> OpaquePointer? {
        let created: OpaquePointer?
        if let stream = response.stream {
            created = withReader(stream, size: scim_mhd_size_unknown(), daemonReadStream, daemonReleaseStream)
        } else if response.kind == .truncated, let limit = response.truncatedAfter {
            let body = TruncatedBody(bytes: response.body, limit: max(0, limit))
            created = withReader(body, size: UInt64(response.body.count), daemonReadTruncated, daemonReleaseTruncated)
        } else {
            created = response.body.withUnsafeBytes { bytes in
                MHD_create_response_from_buffer(
                    bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress),
                    .RESPMEM_MUST_COPY)
            }
        }
        guard let created else { return nil }
        for (name, value) in response.headers where !HTTPHeaders.namesMatch(name, "Content-Length") {
            _ = MHD_add_response_header(created, name, value)
        }
        return created
    }

    /// A content-reader response whose reader gets `source`, retained until MHD frees the response
    /// (released here if MHD could not create it).
    private static func withReader<Source: AnyObject>(
        _ source: Source, size: UInt64, _ reader: MHD_ContentReaderCallback,
        _ release: MHD_ContentReaderFreeCallback
    ) -> OpaquePointer? {
        let retained = Unmanaged.passRetained(source)
        let created = MHD_create_response_from_callback(size, readerBlockSize, reader, retained.toOpaque(), release)
        if created == nil { retained.release() }
        return created
    }
}

/// A body sent only up to `limit` bytes, after a head that announces all of it.
final class TruncatedBody: Sendable {
    let bytes: [UInt8]
    let limit: Int

    init(bytes: [UInt8], limit: Int) {
        self.bytes = bytes
        self.limit = min(limit, bytes.count)
    }

    /// Copies from `position` on; at `limit` reports an error, on which MHD closes the
    /// connection after the bytes already handed over.
    func read(at position: UInt64, into destination: UnsafeMutableRawBufferPointer) -> Int {
        guard position < UInt64(limit) else { return scim_mhd_reader_end_with_error() }
        let start = Int(position)
        let count = min(limit - start, destination.count)
        bytes.withUnsafeBytes { source in
            destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<start + count]))
        }
        return count
    }
}

/// MHD_ContentReaderCallback of a streamed body; `cls` is the retained `ResponseStream`.
func daemonReadStream(
    _ cls: UnsafeMutableRawPointer?, _ position: UInt64,
    _ buffer: UnsafeMutablePointer<CChar>?, _ max: Int
) -> Int {
    guard let cls, let buffer else { return scim_mhd_reader_end_with_error() }
    let stream = Unmanaged<ResponseStream>.fromOpaque(cls).takeUnretainedValue()
    return stream.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: max))
}

/// MHD_ContentReaderFreeCallback: MHD destroyed the response, so its reference goes.
func daemonReleaseStream(_ cls: UnsafeMutableRawPointer?) {
    guard let cls else { return }
    Unmanaged<ResponseStream>.fromOpaque(cls).release()
}

func daemonReadTruncated(
    _ cls: UnsafeMutableRawPointer?, _ position: UInt64,
    _ buffer: UnsafeMutablePointer<CChar>?, _ max: Int
) -> Int {
    guard let cls, let buffer else { return scim_mhd_reader_end_with_error() }
    let body = Unmanaged<TruncatedBody>.fromOpaque(cls).takeUnretainedValue()
    return body.read(at: position, into: UnsafeMutableRawBufferPointer(start: buffer, count: max))
}

func daemonReleaseTruncated(_ cls: UnsafeMutableRawPointer?) {
    guard let cls else { return }
    Unmanaged<TruncatedBody>.fromOpaque(cls).release()
}
