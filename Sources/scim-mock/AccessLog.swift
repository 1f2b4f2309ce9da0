import Foundation
import HTTPServer

/// One stderr line per request: method, path, status (or what became of the connection), duration,
/// and a note when the answer was streamed, cut short or delayed.
enum AccessLog {
    @Sendable static func write(_ entry: HTTPServer.AccessLogEntry) {
        let status = entry.outcome == .dropped ? "closed" : String(entry.status)
        var notes: [String] = []
        switch entry.outcome {
        case .streamed: notes.append("streamed")
        case .truncated: notes.append("truncated")
        case .answered, .dropped: break
        }
        if let delay = entry.delay { notes.append("delayed \(milliseconds(delay))ms") }
        if !entry.completed, entry.outcome != .dropped { notes.append("client left") }
        let suffix = notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))"
        FileHandle.standardError.write(
            Data("\(entry.method) \(entry.path) \(status) \(milliseconds(entry.duration))ms\(suffix)\n".utf8))
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        return String(format: "%.2f", Double(micros) / 1000)
    }
}
