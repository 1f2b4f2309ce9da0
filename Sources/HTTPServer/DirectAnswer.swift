import CMicroHTTPD
import Glibc

/// Answers written straight to a client socket, bypassing MHD's response machinery, for the
/// cases where MHD cannot deliver one (no pool room for the head, or its own answer would be
/// malformed) and for connections refused at the limit. The connection is always closed after.
enum DirectAnswer {
    /// How long a write may wait for socket buffer space: the answers are small and the socket
    /// idle, so waiting only happens for a client that stopped reading, and then briefly.
    static let writeTimeout = Duration.milliseconds(500)

    /// The response as HTTP/1.1 bytes with `Connection: close` and a Content-Length; header fields
    /// that would break the framing or the head (CR, LF or NUL in them) are left out.
    static func wire(_ response: HTTPResponse, headOnly: Bool, sendsDate: Bool) -> [UInt8] {
        let reason = String(cString: MHD_get_reason_phrase_for(UInt32(clamping: response.status)))
        var head = "HTTP/1.1 \(response.status) \(reason)\r\n"
        if sendsDate { head += "Date: \(httpDate())\r\n" }
        for (name, value) in response.headers where isWritable(name, value) {
            head += "\(name): \(value)\r\n"
        }
        head += "Connection: close\r\nContent-Length: \(response.body.count)\r\n\r\n"
        return Array(head.utf8) + (headOnly ? [] : response.body)
    }

    /// Writes `bytes` (waiting at most `writeTimeout` for buffer space), then shuts the socket
    /// for writing so the client sees the end of the answer and later writes by MHD fail.
    static func deliver(_ bytes: [UInt8], to fd: Int32) {
        guard fd >= 0 else { return }
        let deadline = ContinuousClock.now + writeTimeout
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0, errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK,
                waitWritable(fd, until: deadline)
            {
                continue
            } else {
                break
            }
        }
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    /// Text for a JSON string literal; the reasons are our own sentences, but stay safe anyway.
    static func jsonEscaped(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where scalar.value < 0x20:
                escaped += (scalar.value < 0x10 ? "\\u000" : "\\u00") + String(scalar.value, radix: 16)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// The current time as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), as MHD writes it.
    static func httpDate() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday) % 7]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon) % 12]) "
            + "\(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    private static func isWritable(_ name: String, _ value: String) -> Bool {
        let framing = ["Content-Length", "Transfer-Encoding", "Connection"]
        guard !name.isEmpty, !framing.contains(where: { HTTPHeaders.namesMatch($0, name) }) else { return false }
        let forbidden: Set<UInt8> = [0x00, 0x0A, 0x0D, UInt8(ascii: ":")]
        return !name.utf8.contains(where: forbidden.contains)
            && !value.utf8.contains { $0 == 0x00 || $0 == 0x0A || $0 == 0x0D }
    }

    private static func waitWritable(_ fd: Int32, until deadline: ContinuousClock.Instant) -> Bool {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return false }
        var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
        return poll(&entry, 1, max(1, milliseconds)) > 0
    }
}
