import Foundation
import JSON

/// Reads recordings: JSON lines (one request per line, `seed-data/recording.schema.json`) or HAR 1.2.
/// Everything is checked before anything is sent, so a bad line never leaves a half-replayed server.
public enum RecordingParser {
    public static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    static let keys = ["method", "path", "headers", "body", "body_base64", "status", "note", "id", "time"]

    /// Reads and parses a file; the format is sniffed (a `.har` name, or a document with a `log`
    /// object, or a first line that is a lone `{`, is HAR; anything else is JSON lines).
    public static func read(file: String) throws(RecordingError) -> Recording {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RecordingError(file: file, line: nil, entry: nil, reason: "cannot read the file")
        }
        return try parse([UInt8](data), file: file)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws(RecordingError) -> Recording {
        if looksLikeHAR(bytes, file: file) { return try parseHAR(bytes, file: file) }
        return try parseJSONLines(bytes, file: file)
    }

    static func looksLikeHAR(_ bytes: [UInt8], file: String) -> Bool {
        if file.lowercased().hasSuffix(".har") { return true }
        // The first non-blank line: a lone "{" is a pretty-printed document, not JSON lines.
        var start = 0
        while start < bytes.count, isSpace(bytes[start]) && bytes[start] != 0x0A { start += 1 }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        var first = bytes[start..<end]
        while let last = first.last, isSpace(last) { first = first.dropLast() }
        if first.elementsEqual([UInt8(ascii: "{")]) { return true }
        if let value = try? JSONReader.parse(bytes), value.objectValue?["log"] != nil { return true }
        return false
    }

    // MARK: JSON lines

    public static func parseJSONLines(_ bytes: [UInt8], file: String) throws(RecordingError) -> Recording {
        var requests: [RecordedRequest] = []
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let isLastLine = end == bytes.count
            var line = Array(bytes[start..<end])
            start = end + 1
            if line.last == 0x0D { line.removeLast() }
            if line.allSatisfy(isSpace) { continue }
            func fail(_ reason: String) -> RecordingError {
                RecordingError(file: file, line: lineNumber, entry: nil, reason: reason)
            }
            let value: JSONValue
            do {
                value = try JSONReader.parse(line)
            } catch {
                // Columns count bytes from 1: an error past the last byte means the line stopped early.
                let truncated =
                    error.reason.hasPrefix("unexpected end of input") || error.reason == "unterminated string"
                    || error.column > line.count
                if truncated {
                    throw fail("truncated line (\(isLastLine ? "the file ends" : "the line ends") before the JSON object does)")
                }
                throw fail("bad JSON at column \(error.column): \(error.reason)")
            }
            guard let object = value.objectValue else { throw fail("expected a JSON object, got \(value.typeName)") }
            do {
                requests.append(try record(object, location: "\(file):\(lineNumber)"))
            } catch {
                throw fail(error.reason)
            }
        }
        return Recording(file: file, requests: requests, skipped: 0, isHAR: false)
    }

    struct Problem: Error { let reason: String }

    /// One JSON-lines record.
    static func record(_ object: JSONObject, location: String) throws(Problem) -> RecordedRequest {
        if let unknown = object.keys.first(where: { !keys.contains($0) }) {
            throw Problem(reason: "unknown key \"\(unknown)\" (known: \(keys.joined(separator: ", ")))")
        }
        func string(_ key: String) throws(Problem) -> String? {
            guard let value = object[key] else { return nil }
            guard let text = value.stringValue else {
                throw Problem(reason: "\"\(key)\" must be a string, got \(value.typeName)")
            }
            return text
        }
        guard let method = try string("method") else { throw Problem(reason: "missing \"method\"") }
        try checkMethod(method)
        guard let rawPath = try string("path") else { throw Problem(reason: "missing \"path\"") }
        let path = try checkPath(rawPath)
        var headers: [HTTPHeader] = []
        if let value = object["headers"] {
            guard let fields = value.objectValue else {
                throw Problem(reason: "\"headers\" must be an object of strings, got \(value.typeName)")
            }
            for (name, value) in fields.entries {
                guard let text = value.stringValue else {
                    throw Problem(reason: "header \"\(name)\" must be a string, got \(value.typeName)")
                }
                headers.append(try checkHeader(name, text))
            }
        }
        var body: [UInt8] = []
        if let text = try string("body") {
            if object["body_base64"] != nil { throw Problem(reason: "\"body\" and \"body_base64\" exclude each other") }
            body = Array(text.utf8)
        } else if let encoded = try string("body_base64") {
            guard let data = Data(base64Encoded: encoded) else { throw Problem(reason: "bad base64 in \"body_base64\"") }
            body = [UInt8](data)
        }
        var status: ExpectedStatus?
        if let value = object["status"] {
            status = try expectedStatus(value)
        }
        let id = try string("id")
        if id?.isEmpty == true { throw Problem(reason: "\"id\" must not be empty") }
        var time: Timestamp?
        if let text = try string("time") {
            guard let parsed = Timestamp(rfc3339: text) else {
                throw Problem(reason: "\"time\" is not an RFC 3339 timestamp: \(text)")
            }
            time = parsed
        }
        return RecordedRequest(
            method: method, path: path, headers: headers, body: body, status: status,
            note: try string("note"), id: id, time: time, location: location)
    }

    static func expectedStatus(_ value: JSONValue) throws(Problem) -> ExpectedStatus {
        if let code = value.intValue, (100...599).contains(code) { return .code(code) }
        switch value.stringValue {
        case "SUCCESS": return .success
        case "FAILURE": return .failure
        default:
            throw Problem(
                reason: "\"status\" must be an HTTP status (100 to 599) or \"SUCCESS\" or \"FAILURE\", got \(value.serialized())")
        }
    }

    static func checkMethod(_ method: String) throws(Problem) {
        guard methods.contains(method) else {
            throw Problem(reason: "unknown method \"\(method)\" (expected GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS)")
        }
    }

    /// A path with query starting with "/", or an absolute http(s) URL whose host is dropped.
    static func checkPath(_ raw: String) throws(Problem) -> String {
        var path = raw
        for scheme in ["http://", "https://"] where raw.lowercased().hasPrefix(scheme) {
            let rest = raw.dropFirst(scheme.count)
            path = rest.firstIndex(where: { $0 == "/" || $0 == "?" }).map { String(rest[$0...]) } ?? "/"
            if path.hasPrefix("?") { path = "/" + path }
        }
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        guard path.hasPrefix("/") else {
            throw Problem(reason: "\"path\" must start with \"/\" (or be an http:// URL), got \"\(raw)\"")
        }
        guard !path.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw Problem(reason: "\"path\" contains a space or control character (percent-encode it): \"\(raw)\"")
        }
        return path
    }

    static func checkHeader(_ name: String, _ value: String) throws(Problem) -> HTTPHeader {
        guard !name.isEmpty, name.utf8.allSatisfy({ tokenCharacters[Int($0)] }) else {
            throw Problem(reason: "bad header name \"\(name)\"")
        }
        guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
            throw Problem(reason: "header \"\(name)\" has a line break in its value")
        }
        return HTTPHeader(name, value)
    }

    // MARK: HAR 1.2

    /// A HAR 1.2 document: every entry whose URL path contains `/scim/v2/` becomes a request, in
    /// file order; the others are counted in `skipped`. The recorded response gives the status and,
    /// for a create, the id (`id` of the response JSON).
    public static func parseHAR(_ bytes: [UInt8], file: String) throws(RecordingError) -> Recording {
        let document: JSONValue
        do {
            document = try JSONReader.parse(bytes)
        } catch {
            throw RecordingError(
                file: file, line: error.line, entry: nil, reason: "bad JSON at column \(error.column): \(error.reason)")
        }
        func fail(_ entry: String?, _ reason: String) -> RecordingError {
            RecordingError(file: file, line: nil, entry: entry, reason: reason)
        }
        guard let log = document.objectValue?["log"]?.objectValue else { throw fail(nil, "not a HAR file: no \"log\" object") }
        guard let entries = log["entries"]?.arrayValue else { throw fail("log", "no \"entries\" array") }
        var requests: [RecordedRequest] = []
        var skipped = 0
        for (index, entryValue) in entries.enumerated() {
            let at = "log.entries[\(index)]"
            do throws(Problem) {
                guard let entry = entryValue.objectValue else { throw Problem(reason: "an entry must be an object") }
                guard let request = entry["request"]?.objectValue else { throw Problem(reason: "missing \"request\"") }
                guard let url = request["url"]?.stringValue else { throw Problem(reason: "missing \"request.url\"") }
                let path = try checkPath(url)
                let pathOnly = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
                guard pathOnly.contains("/scim/v2/") else {
                    skipped += 1
                    continue
                }
                guard let method = request["method"]?.stringValue else { throw Problem(reason: "missing \"request.method\"") }
                try checkMethod(method)
                var headers: [HTTPHeader] = []
                for (i, header) in (request["headers"]?.arrayValue ?? []).enumerated() {
                    guard let name = header.objectValue?["name"]?.stringValue,
                        let value = header.objectValue?["value"]?.stringValue
                    else {
                        throw Problem(reason: "request.headers[\(i)] needs string \"name\" and \"value\"")
                    }
                    if name.hasPrefix(":") { continue }  // HTTP/2 pseudo-headers
                    headers.append(try checkHeader(name, value))
                }
                var body: [UInt8] = []
                if let postData = request["postData"]?.objectValue {
                    body = try content(postData, what: "request.postData")
                }
                var status: ExpectedStatus?
                var id: String?
                if let response = entry["response"]?.objectValue, let code = response["status"]?.intValue, code != 0 {
                    guard (100...599).contains(code) else {
                        throw Problem(reason: "response.status \(code) is not an HTTP status")
                    }
                    status = .code(code)
                    if method == "POST", (200..<300).contains(code), let content = response["content"]?.objectValue {
                        let text = try Self.content(content, what: "response.content")
                        id = (try? JSONReader.parse(text))?.objectValue?["id"]?.stringValue
                    }
                }
                let time = entry["startedDateTime"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
                requests.append(
                    RecordedRequest(
                        method: method, path: path, headers: headers, body: body, status: status,
                        note: entry["comment"]?.stringValue, id: id, time: time, location: "\(file): \(at)"))
            } catch {
                throw fail(at, error.reason)
            }
        }
        return Recording(file: file, requests: requests, skipped: skipped, isHAR: true)
    }

    /// `text` of a HAR postData or content object, base64-decoded when `encoding` says so.
    static func content(_ object: JSONObject, what: String) throws(Problem) -> [UInt8] {
        guard let text = object["text"]?.stringValue else { return [] }
        if object["encoding"]?.stringValue?.lowercased() == "base64" {
            guard let data = Data(base64Encoded: text) else { throw Problem(reason: "bad base64 in \(what).text") }
            return [UInt8](data)
        }
        return Array(text.utf8)
    }

    /// RFC 9110 token characters, by byte.
    static let tokenCharacters: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8 {
            table[Int(byte)] = true
        }
        return table
    }()

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
}
