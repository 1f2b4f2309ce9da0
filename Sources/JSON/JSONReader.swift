/// Why a document is not JSON, with the line and column a person needs to find it.
public struct JSONParseError: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public let line: Int
    public let column: Int
    public var description: String { "invalid JSON at line \(line), column \(column): \(reason)" }
}

/// A strict RFC 8259 pull parser. It keeps key order and number lexemes, rejects duplicate keys, and
/// reports line and column, which fixture errors need. It reads from a buffer or from chunks (a file
/// read piece by piece), so a 40 MB fixture is never held whole: callers walk the outer structure
/// with `beginObject`/`nextKey`/`beginArray`/`nextElement` and read each record with `readValue`.
public final class JSONReader {
    private var buffer: [UInt8]
    private var index = 0
    private let nextChunk: (() -> [UInt8]?)?
    private var line = 1
    private var column = 1
    private var depth = 0
    /// Keys seen in each object being walked with `nextKey`, for duplicate detection.
    private var openObjects: [Set<String>] = []
    private static let maxDepth = 256

    public init(bytes: [UInt8]) {
        buffer = bytes
        nextChunk = nil
    }

    /// Reads from `nextChunk` until it returns nil.
    public init(chunks nextChunk: @escaping () -> [UInt8]?) {
        buffer = []
        self.nextChunk = nextChunk
    }

    /// Parses a whole document.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let reader = JSONReader(bytes: bytes)
        let value = try reader.readValue()
        try reader.finish()
        return value
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue { try parse(Array(text.utf8)) }

    // MARK: Streaming API

    /// The JSON type of the next value ("object", "array", …), without consuming it; nil at the end.
    public func peekTypeName() throws(JSONParseError) -> String? {
        skipWhitespace()
        guard let byte = peek() else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return "object"
        case UInt8(ascii: "["): return "array"
        case UInt8(ascii: "\""): return "string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "boolean"
        case UInt8(ascii: "n"): return "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "number"
        default: throw error("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    public func beginObject() throws(JSONParseError) {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw error("expected an object") }
        advance()
        try enter()
        openObjects.append([])
        skipWhitespace()
    }

    /// The next key of the object opened with `beginObject` (its ':' consumed), or nil once the
    /// closing brace is consumed. The caller must read or skip the key's value before asking again.
    public func nextKey() throws(JSONParseError) -> String? {
        skipWhitespace()
        guard let byte = peek() else { throw error("unexpected end of input in object") }
        if byte == UInt8(ascii: "}") {
            advance()
            openObjects.removeLast()
            depth -= 1
            return nil
        }
        if !openObjects[openObjects.count - 1].isEmpty {
            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or '}' in object") }
            advance()
            skipWhitespace()
        }
        let (keyLine, keyColumn) = (line, column)
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
        let key = try parseString()
        guard openObjects[openObjects.count - 1].insert(key).inserted else {
            throw JSONParseError(reason: "duplicate key \"\(key)\"", line: keyLine, column: keyColumn)
        }
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after key") }
        advance()
        return key
    }

    /// Opens an array; then call `nextElement` before each element.
    public func beginArray() throws(JSONParseError) {
        skipWhitespace()
        guard peek() == UInt8(ascii: "[") else { throw error("expected an array") }
        advance()
        try enter()
        openObjects.append([])
    }

    /// True when another element follows (its separator consumed); false once ']' is consumed.
    public func nextElement() throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard let byte = peek() else { throw error("unexpected end of input in array") }
        if byte == UInt8(ascii: "]") {
            advance()
            openObjects.removeLast()
            depth -= 1
            return false
        }
        if !openObjects[openObjects.count - 1].isEmpty {
            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or ']' in array") }
            advance()
        }
        openObjects[openObjects.count - 1].insert("")
        return true
    }

    /// Reads one whole value.
    public func readValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard let byte = peek() else { throw error("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    /// Checks that nothing but white space follows.
    public func finish() throws(JSONParseError) {
        skipWhitespace()
        guard peek() == nil else { throw error("unexpected data after the JSON value") }
    }

    // MARK: Bytes

    @inline(__always) private func peek() -> UInt8? {
        if index < buffer.count { return buffer[index] }
        return loadChunk() ? buffer[index] : nil
    }

    private func loadChunk() -> Bool {
        guard let nextChunk else { return false }
        while true {
            guard let chunk = nextChunk() else { return false }
            if chunk.isEmpty { continue }
            buffer = chunk
            index = 0
            return true
        }
    }

    @inline(__always) private func advance() {
        let byte = buffer[index]
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
        index += 1
    }

    private func error(_ reason: String) -> JSONParseError {
        JSONParseError(reason: reason, line: line, column: column)
    }

    private func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
    }

    private func enter() throws(JSONParseError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
    }

    private func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = (line, column)
        var matched = true
        literal.withUTF8Buffer { expected in
            for byte in expected {
                guard peek() == byte else { matched = false; return }
                advance()
            }
        }
        guard matched else { throw JSONParseError(reason: "invalid literal", line: start.0, column: start.1) }
    }

    // MARK: Values

    private func parseObject() throws(JSONParseError) -> JSONObject {
        try beginObject()
        var object = JSONObject()
        while let key = try nextKey() {
            skipWhitespace()
            object.entries.append((key, try readValue()))
        }
        return object
    }

    private func parseArray() throws(JSONParseError) -> [JSONValue] {
        try beginArray()
        var array: [JSONValue] = []
        while try nextElement() { array.append(try readValue()) }
        return array
    }

    private func parseNumber() throws(JSONParseError) -> String {
        var text: [UInt8] = []
        func digits() -> Int {
            var count = 0
            while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                text.append(byte)
                advance()
                count += 1
            }
            return count
        }
        if peek() == UInt8(ascii: "-") { text.append(UInt8(ascii: "-")); advance() }
        let intStart = text.count
        let intDigits = digits()
        guard intDigits > 0 else { throw error("invalid number") }
        if intDigits > 1, text[intStart] == UInt8(ascii: "0") { throw error("leading zero in number") }
        if peek() == UInt8(ascii: ".") {
            text.append(UInt8(ascii: ".")); advance()
            guard digits() > 0 else { throw error("invalid number") }
        }
        if let e = peek(), e | 0x20 == UInt8(ascii: "e") {
            text.append(e); advance()
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { text.append(sign); advance() }
            guard digits() > 0 else { throw error("invalid number") }
        }
        return String(decoding: text, as: UTF8.self)
    }

    private func parseString() throws(JSONParseError) -> String {
        advance()
        var out: [UInt8] = []
        while true {
            // Copy runs of plain bytes straight from the buffer.
            let runStart = index
            while index < buffer.count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                if byte & 0xC0 != 0x80 { column += 1 }
                index += 1
            }
            out.append(contentsOf: buffer[runStart..<index])
            guard let byte = peek() else { throw error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                guard let text = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8 in string") }
                return text
            case UInt8(ascii: "\\"):
                advance()
                guard let escape = peek() else { throw error("unterminated string") }
                switch escape {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): advance(); try appendUnicodeEscape(into: &out); continue
                default: throw error("invalid escape sequence")
                }
                advance()
            default:
                if byte < 0x20 { throw error("control character in string") }
            }
        }
    }

    private func hex4() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = peek() else { throw error("invalid \\u escape") }
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - 55)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            advance()
        }
        return value
    }

    private func appendUnicodeEscape(into out: inout [UInt8]) throws(JSONParseError) {
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard peek() == UInt8(ascii: "\\") else { throw error("unpaired surrogate in \\u escape") }
            advance()
            guard peek() == UInt8(ascii: "u") else { throw error("unpaired surrogate in \\u escape") }
            advance()
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in \\u escape") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
            throw error("unpaired surrogate in \\u escape")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
        out.append(contentsOf: Array(String(Character(unicode)).utf8))
    }
}
