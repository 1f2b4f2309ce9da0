import Foundation
import HTTPServer

/// One stderr line per request: method, path, status, duration.
enum AccessLog {
    @Sendable static func write(_ entry: HTTPServer.AccessLogEntry) {
        let micros = entry.duration.components.seconds * 1_000_000 + entry.duration.components.attoseconds / 1_000_000_000_000
        let millis = String(format: "%.2f", Double(micros) / 1000)
        FileHandle.standardError.write(Data("\(entry.method) \(entry.path) \(entry.status) \(millis)ms\n".utf8))
    }
}
