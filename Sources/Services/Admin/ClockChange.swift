import JSON

/// A `POST /__admin/clock` body: `{"set": "<RFC 3339>"}` freezes at an instant, `{"advance": <seconds>}`
/// moves forward (freezing), `{"frozen": false}` follows the system clock again.
public struct ClockChange: Sendable {
    public var set: Timestamp?
    public var advanceSeconds: Double?
    /// `advance` as the client wrote it, for messages.
    public var advanceText: String?
    public var unfreeze = false

    public init(body: [UInt8]) throws(AdminError) {
        let value: JSONValue
        do {
            value = try JSONReader.parse(body)
        } catch {
            throw AdminError(status: 400, message: "invalid JSON body: \(error.description)")
        }
        guard let object = value.objectValue else { throw AdminError(status: 400, message: "the body must be a JSON object") }
        try self.init(object)
    }

    init(_ object: JSONObject) throws(AdminError) {
        for key in object.keys where !["set", "advance", "frozen"].contains(key) {
            throw AdminError(status: 400, message: "unknown key \"\(key)\" (allowed: set, advance, frozen)")
        }
        if object.entries.isEmpty { throw AdminError(status: 400, message: "say set, advance or frozen") }
        if let frozen = object["frozen"] {
            guard frozen == .bool(false) else {
                throw AdminError(status: 400, message: "frozen takes only false (to follow the system clock again)")
            }
            unfreeze = true
        }
        if let set = object["set"] {
            guard let text = set.stringValue, let instant = Timestamp(rfc3339: text) else {
                throw AdminError(status: 400, message: "set must be an RFC 3339 date-time such as 2025-01-01T00:00:00Z")
            }
            self.set = instant
        }
        if let advance = object["advance"] {
            guard case .number(let text) = advance, let seconds = Double(text), seconds >= 0, seconds < 3.2e9 else {
                throw AdminError(status: 400, message: "advance must be a non-negative number of seconds")
            }
            advanceSeconds = seconds
            advanceText = text
        }
    }
}
