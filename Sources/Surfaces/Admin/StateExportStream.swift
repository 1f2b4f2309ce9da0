import Foundation
import HTTPServer
import Store

/// `GET /__admin/state` sent while it is read: the first page is read before answering (so a store that
/// cannot be read answers an error), and a thread of the export's own reads the rest a page at a time
/// and sends it as the client takes it, so neither memory nor the store's lock grows with the state.
/// A client that leaves ends the export at its next page; a page that fails (a write landed between
/// pages, a row that cannot be read) cuts the body off, so the client never takes a partial document for
/// a whole one.
enum StateExportStream {
    /// The export waits while the client has more than this many bytes still to read.
    static let highWater = 256 << 10
    /// Parts are sent in slices of at most this size, which keeps the stream under its buffer limit.
    static let sliceBytes = 64 << 10
    /// The name of each export's thread, as `ps -L` and `/proc/PID/task/*/comm` show it.
    static let threadName = "state-export"

    static func response(_ export: StateExport) throws -> HTTPResponse {
        let first = try export.next() ?? []
        let stream = ResponseStream()
        Thread.detachNewThread {
            Thread.current.name = threadName
            guard send(first, to: stream) else { return }
            do {
                while let part = try export.next() {
                    guard send(part, to: stream) else { return }
                }
                stream.finish()
            } catch {
                stream.abort()
            }
        }
        return .streaming(headers: HTTPHeaders([("Content-Type", "application/json")]), stream)
    }

    /// Sends `part` slice by slice, waiting while the client is behind; false once the stream is closed.
    private static func send(_ part: [UInt8], to stream: ResponseStream) -> Bool {
        var start = 0
        while start < part.count {
            while stream.bufferedBytes > highWater {
                if stream.isClosed { return false }
                usleep(1000)
            }
            let end = min(start + sliceBytes, part.count)
            guard stream.send(Array(part[start..<end])) else { return false }
            start = end
        }
        return !stream.isClosed
    }
}
