/// One Server-Sent Event as a client dispatches it.
public struct ServerSentEvent: Sendable, Equatable {
    public var id: String?
    /// "message" when the stream named none.
    public var event: String
    public var data: String

    public init(id: String?, event: String, data: String) {
        self.id = id
        self.event = event
        self.data = data
    }
}

/// Parses an event stream as bytes arrive in any pieces (the WHATWG event-stream format: `field: value`
/// lines, a blank line dispatching the event, `:` comments ignored). A line longer than `maxLineBytes`
/// is dropped, and so is an event whose data lines add up to more than `maxEventBytes`, so a hostile
/// stream (one endless line, or endless `data:` lines never dispatched) cannot grow memory without bound.
public struct ServerSentEventParser: Sendable {
    public static let maxLineBytes = 4 << 20
    public static let maxEventBytes = 16 << 20

    private var line: [UInt8] = []
    private var overlong = false
    private var id: String?
    private var event = ""
    private var data: [String] = []
    private var hasData = false
    private var dataBytes = 0
    private var oversized = false

    public init() {}

    /// The events `bytes` completed, in order.
    public mutating func feed(_ bytes: [UInt8]) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            guard byte == 0x0A else {
                if line.count < Self.maxLineBytes { line.append(byte) } else { overlong = true }
                continue
            }
            if line.last == 0x0D { line.removeLast() }
            if !overlong, let event = take(line) { events.append(event) }
            line.removeAll(keepingCapacity: true)
            overlong = false
        }
        return events
    }

    private mutating func take(_ line: [UInt8]) -> ServerSentEvent? {
        if line.isEmpty {
            defer {
                event = ""
                data = []
                hasData = false
                dataBytes = 0
                oversized = false
            }
            guard hasData, !oversized else { return nil }
            return ServerSentEvent(id: id, event: event.isEmpty ? "message" : event, data: data.joined(separator: "\n"))
        }
        if line.first == UInt8(ascii: ":") { return nil }
        let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.endIndex
        let field = String(decoding: line[..<colon], as: UTF8.self)
        var valueStart = colon < line.endIndex ? colon + 1 : colon
        if valueStart < line.endIndex, line[valueStart] == 0x20 { valueStart += 1 }
        let value = String(decoding: line[valueStart...], as: UTF8.self)
        switch field {
        case "id": id = value
        case "event": event = value
        case "data":
            hasData = true
            dataBytes += value.utf8.count + 1
            if dataBytes > Self.maxEventBytes {
                oversized = true
                data = []
            } else {
                data.append(value)
            }
        default: break
        }
        return nil
    }
}
