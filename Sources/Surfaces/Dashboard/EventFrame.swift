import JSON
import SCIM

/// The Server-Sent Events frames of the live tail, each a complete event ending in a blank line.
enum EventFrame {
    /// First on every stream: how long a browser waits before reconnecting.
    static let retry = Array("retry: 2000\n\n".utf8)

    /// An SSE comment: clients ignore it, and it shows a proxy (and the server) that the client is still there.
    static let keepAlive = Array(": keep-alive\n\n".utf8)

    /// A new log: its row id as the event id (what `Last-Event-ID` resumes after) and the v4 API's row.
    static func log(id: Int64, _ log: UpdateLog) -> [UInt8] {
        var w = JSONWriter(capacity: 512)
        w.raw("id: \(id)\nevent: log\ndata: ")
        log.write(to: &w)
        w.raw("\n\n")
        return w.bytes
    }

    /// What a page showing logs should do after the store was replaced: load itself again.
    enum ReloadReason: String { case reset, fixtures, account }

    static func reload(_ reason: ReloadReason) -> [UInt8] {
        Array("event: reload\ndata: {\"reason\":\"\(reason.rawValue)\"}\n\n".utf8)
    }
}
