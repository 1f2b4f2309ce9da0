import HTTPServer
import JSON

/// One request as the journal keeps it. Headers are kept as received and redacted when written out;
/// the body only for writes, and only its first `RequestJournal.bodyLimit` bytes.
public struct JournalEntry: Sendable {
    /// 1 for the first request the journal saw, counting on across `DELETE`s.
    public let number: Int
    /// On the mock clock, as `logged_at` is.
    public let time: Timestamp
    public let surface: Surface
    public let method: String
    public let path: String
    public let rawQuery: String
    /// The matched route's pattern; nil when no route matched (404, 405, a refused head).
    public let routePattern: String?
    /// 0 when the connection was closed without an answer.
    public let status: Int
    /// "answered", "closed", "truncated" or "streamed".
    public let outcome: String
    /// Time to produce the answer, plus any injected delay.
    public let microseconds: Int64
    public let notes: RequestNotes.Notes
    let headers: HTTPHeaders
    let clientAddress: String?
    let body: [UInt8]?
    let bodyBytes: Int

    /// Header fields whose values are credentials: written as "[redacted]" (Authorization keeps its scheme).
    static let credentialHeaders = ["authorization", "proxy-authorization", "x-auth-key", "x-auth-user-service-key", "cookie"]

    public func header(_ name: String) -> String? { headers[name] }

    func json(_ w: inout JSONWriter) {
        w.raw("{\"number\":"); w.int(number)
        w.raw(",\"time\":"); w.string(time.rfc3339Micros)
        w.raw(",\"surface\":"); w.string(surface.rawValue)
        w.raw(",\"method\":"); w.string(method)
        w.raw(",\"path\":"); w.string(path)
        w.raw(",\"query\":"); w.string(rawQuery)
        w.raw(",\"route\":"); w.optionalString(routePattern.map { "\(method) \($0)" })
        w.raw(",\"status\":"); w.int(status)
        w.raw(",\"outcome\":"); w.string(outcome)
        w.raw(",\"duration_ms\":"); w.raw(String(Double(microseconds) / 1000))
        w.raw(",\"fault\":")
        if let rule = notes.faultRule {
            w.raw("{\"rule\":"); w.string(rule); w.raw(",\"action\":"); w.optionalString(notes.faultAction); w.raw("}")
        } else {
            w.raw("null")
        }
        w.raw(",\"rate_limit\":"); w.optionalString(notes.limit)
        w.raw(",\"client_address\":"); w.optionalString(clientAddress)
        w.raw(",\"headers\":{")
        for (index, field) in headers.enumerated() {
            if index > 0 { w.raw(",") }
            w.string(field.name.lowercased()); w.raw(":"); w.string(Self.redacted(field))
        }
        w.raw("},\"body\":")
        w.optionalString(body.map { String(decoding: $0, as: UTF8.self) })
        w.raw(",\"body_bytes\":"); w.int(bodyBytes)
        w.raw("}")
    }

    static func redacted(_ field: HTTPHeaders.Element) -> String {
        let name = field.name.lowercased()
        guard credentialHeaders.contains(name) else { return field.value }
        if name.hasSuffix("authorization"), let space = field.value.firstIndex(of: " ") {
            return "\(field.value[..<space]) [redacted]"
        }
        return "[redacted]"
    }
}
