import JSON

/// One header of a recorded or sent request, as written (names compare case-insensitively).
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// The outcome a recording says a request had: an exact HTTP status, or only success (2xx) versus
/// failure (anything else), which is all an exported update log knows.
public enum ExpectedStatus: Sendable, Equatable, CustomStringConvertible {
    case code(Int)
    case success
    case failure

    public func matches(_ status: Int) -> Bool {
        switch self {
        case .code(let code): code == status
        case .success: (200..<300).contains(status)
        case .failure: !(200..<300).contains(status)
        }
    }

    public var description: String {
        switch self {
        case .code(let code): String(code)
        case .success: "SUCCESS"
        case .failure: "FAILURE"
        }
    }

    var json: JSONValue {
        switch self {
        case .code(let code): .number(String(code))
        case .success: .string("SUCCESS")
        case .failure: .string("FAILURE")
        }
    }
}

/// One request of a recording, whichever format it came from.
public struct RecordedRequest: Sendable, Equatable {
    public var method: String
    /// Path with query, starting with "/" (the host of a recorded absolute URL is dropped).
    public var path: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// The outcome that was recorded, if any.
    public var status: ExpectedStatus?
    public var note: String?
    /// For a create: the id the server gave the resource when this was recorded.
    public var id: String?
    /// When the request was recorded (pacing with `--speed 1x`).
    public var time: Timestamp?
    /// Where the request is in its file ("okta.jsonl:12", "trace.har: log.entries[3]").
    public var location: String

    public init(
        method: String, path: String, headers: [HTTPHeader] = [], body: [UInt8] = [], status: ExpectedStatus? = nil,
        note: String? = nil, id: String? = nil, time: Timestamp? = nil, location: String = ""
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.status = status
        self.note = note
        self.id = id
        self.time = time
        self.location = location
    }

    /// "Users" or "Groups" when this is a POST to a SCIM collection (a create), else nil.
    public var createdResourceType: String? {
        guard method == "POST" else { return nil }
        let bytes = path.utf8
        let end = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
        var pathOnly = bytes[..<end]
        while pathOnly.last == UInt8(ascii: "/") { pathOnly = pathOnly.dropLast() }
        if pathOnly.elementsEqual("/Users".utf8) || pathOnly.reversed().starts(with: "/Users".utf8.reversed()) { return "Users" }
        if pathOnly.elementsEqual("/Groups".utf8) || pathOnly.reversed().starts(with: "/Groups".utf8.reversed()) {
            return "Groups"
        }
        return nil
    }
}

/// A parsed recording file.
public struct Recording: Sendable {
    public var file: String
    public var requests: [RecordedRequest]
    /// HAR entries that were not SCIM requests (no `/scim/v2/` in their path).
    public var skipped: Int
    public var isHAR: Bool
}

/// Why a recording cannot be replayed: the file, where in it, and what is wrong.
public struct RecordingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// 1-based line for JSON lines (and JSON syntax errors in a HAR); nil for HAR entries.
    public let line: Int?
    /// "log.entries[3]" for a HAR entry.
    public let entry: String?
    public let reason: String

    public init(file: String, line: Int?, entry: String?, reason: String) {
        self.file = file
        self.line = line
        self.entry = entry
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        if let entry { return "\(file): \(entry): \(reason)" }
        return "\(file): \(reason)"
    }
}
