import JSON

/// Recorded ids mapped to the ids the target server gave the same resources, and the rewriting of
/// later requests that refer to them.
///
/// The rule, kept simple on purpose:
/// - in the path (before `?`), a whole segment equal to a recorded id is replaced;
/// - in the query and in every JSON string value of a body (object keys and numbers are left
///   alone), a string equal to a recorded id is replaced, and so is a UUID-shaped token
///   (8-4-4-4-12 hex digits) inside a longer string, such as `members[value eq "ID"]`.
/// Ids of other shapes inside longer strings are not replaced. Non-JSON bodies are sent unchanged.
public struct IDMap: Sendable {
    public private(set) var mapping: [String: String] = [:]
    /// Whether some recorded id is not UUID-shaped (then bodies are always parsed to look for it).
    private var hasOtherShapes = false

    public init() {}

    public var isEmpty: Bool { mapping.isEmpty }

    public mutating func record(recorded: String, actual: String) {
        if recorded == actual {
            mapping.removeValue(forKey: recorded)
        } else {
            mapping[recorded] = actual
            let bytes = Array(recorded.utf8)
            if bytes.count != 36 || !Self.isUUIDShaped(bytes, at: 0) { hasOtherShapes = true }
        }
    }

    public subscript(recorded: String) -> String? { mapping[recorded] }

    public func rewrite(path: String) -> String {
        guard !mapping.isEmpty else { return path }
        let bytes = Array(path.utf8)
        let queryStart = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var start = 0
        while true {
            var end = start
            while end < queryStart, bytes[end] != UInt8(ascii: "/") { end += 1 }
            if end > start, let new = mapping[String(decoding: bytes[start..<end], as: UTF8.self)] {
                out.append(contentsOf: new.utf8)
            } else {
                out.append(contentsOf: bytes[start..<end])
            }
            if end == queryStart { break }
            out.append(UInt8(ascii: "/"))
            start = end + 1
        }
        if queryStart < bytes.count {
            out.append(UInt8(ascii: "?"))
            out.append(contentsOf: replacingTokens(in: Array(bytes[(queryStart + 1)...])))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The body with ids replaced, or nil when nothing changed (send the recorded bytes).
    public func rewrite(body: [UInt8]) -> [UInt8]? {
        guard !mapping.isEmpty, !body.isEmpty, hasOtherShapes || containsMappedToken(body),
            let value = try? JSONReader.parse(body)
        else { return nil }
        var changed = false
        let rewritten = rewrite(value, &changed)
        guard changed else { return nil }
        var writer = JSONWriter(capacity: body.count + 16)
        writer.value(rewritten)
        return writer.bytes
    }

    private func rewrite(_ value: JSONValue, _ changed: inout Bool) -> JSONValue {
        switch value {
        case .string(let text):
            let new = rewrite(string: text)
            if new != text { changed = true }
            return .string(new)
        case .array(let items):
            return .array(items.map { rewrite($0, &changed) })
        case .object(let object):
            return .object(JSONObject(object.entries.map { ($0.key, rewrite($0.value, &changed)) }))
        default:
            return value
        }
    }

    public func rewrite(string: String) -> String {
        if let exact = mapping[string] { return exact }
        return replacingTokens(in: string)
    }

    /// Replaces every UUID-shaped token that is a recorded id.
    func replacingTokens(in text: String) -> String {
        let bytes = Array(text.utf8)
        let out = replacingTokens(in: bytes)
        return out == bytes ? text : String(decoding: out, as: UTF8.self)
    }

    func replacingTokens(in bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 36 else { return bytes }
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        while i + 36 <= bytes.count {
            if bytes[i + 8] == UInt8(ascii: "-"), Self.isUUIDShaped(bytes, at: i),
                let new = mapping[String(decoding: bytes[i..<i + 36], as: UTF8.self)]
            {
                out.append(contentsOf: bytes[copied..<i])
                out.append(contentsOf: new.utf8)
                i += 36
                copied = i
            } else {
                i += 1
            }
        }
        guard copied > 0 else { return bytes }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    /// Fast check before parsing: does a UUID-shaped recorded id occur anywhere in these bytes?
    func containsMappedToken(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 36 else { return false }
        var i = 0
        while i + 36 <= bytes.count {
            // A UUID has '-' at offset 8; look for that first.
            if bytes[i + 8] == UInt8(ascii: "-"), Self.isUUIDShaped(bytes, at: i),
                mapping[String(decoding: bytes[i..<i + 36], as: UTF8.self)] != nil
            {
                return true
            }
            i += 1
        }
        return false
    }

    static func isUUIDShaped(_ b: [UInt8], at start: Int) -> Bool {
        for offset in 0..<36 {
            let c = b[start + offset]
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                if c != UInt8(ascii: "-") { return false }
            } else if !((c >= 48 && c <= 57) || (c | 0x20 >= 97 && c | 0x20 <= 102)) {
                return false
            }
        }
        return true
    }
}
