import JSON

/// Splits filter text into tokens on demand, so a PATCH path can stop right after its `]` and read the
/// rest by its own rules. Positions are 1-based Unicode scalar offsets, what error details quote.
struct FilterLexer {
    enum Kind: Equatable {
        /// An attribute path, keyword, operator or literal name; `.value` after `]` is one word too.
        case word(String)
        case string(String)
        case number(String)
        case openParen, closeParen, openBracket, closeBracket
        case end
    }

    struct Token: Equatable {
        var kind: Kind
        var position: Int

        /// How error details quote the token.
        var quoted: String {
            switch kind {
            case .word(let text), .number(let text): "'\(text)'"
            case .string(let text): "'\(JSONValue.string(text).serialized())'"
            case .openParen: "'('"
            case .closeParen: "')'"
            case .openBracket: "'['"
            case .closeBracket: "']'"
            case .end: "end of filter"
            }
        }
    }

    let scalars: [Unicode.Scalar]
    /// The 0-based index of the next unread scalar.
    private(set) var index: Int

    init(_ text: String, from index: Int = 0) {
        scalars = Array(text.unicodeScalars)
        self.index = index
    }

    /// The text from the current index on, for callers that take over after a token.
    var remainder: String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[index...])
        return String(text)
    }

    mutating func next() throws(SCIMError) -> Token {
        while index < scalars.count, Self.isSpace(scalars[index]) { index += 1 }
        let start = index
        guard index < scalars.count else { return Token(kind: .end, position: start + 1) }
        let c = scalars[index]
        let single: Kind? =
            switch c {
            case "(": .openParen
            case ")": .closeParen
            case "[": .openBracket
            case "]": .closeBracket
            default: nil
            }
        if let single {
            index += 1
            return Token(kind: single, position: start + 1)
        }
        if c == "\"" { return Token(kind: .string(try string()), position: start + 1) }
        guard Self.isWordScalar(c) else {
            throw .invalidFilter("unexpected character '\(c)' at position \(start + 1)")
        }
        while index < scalars.count, Self.isWordScalar(scalars[index]) || isExponentSign(at: index, from: start) {
            index += 1
        }
        let text = slice(start, index)
        if c == "-" || ("0"..."9").contains(c) {
            guard Self.isJSONNumber(Array(text.utf8)) else {
                throw .invalidFilter("invalid number '\(text)' at position \(start + 1)")
            }
            return Token(kind: .number(text), position: start + 1)
        }
        return Token(kind: .word(text), position: start + 1)
    }

    /// Reads a JSON string literal after its opening quote.
    private mutating func string() throws(SCIMError) -> String {
        let start = index
        index += 1
        var out = String.UnicodeScalarView()
        while index < scalars.count {
            let c = scalars[index]
            index += 1
            if c == "\"" { return String(out) }
            guard c == "\\" else { out.append(c); continue }
            guard index < scalars.count else { break }
            let escape = scalars[index]
            index += 1
            switch escape {
            case "\"", "\\", "/": out.append(escape)
            case "b": out.append("\u{8}")
            case "f": out.append("\u{C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "u": out.append(try unicodeEscape(at: index - 2))
            default: throw .invalidFilter("invalid escape '\\\(escape)' at position \(index - 1)")
            }
        }
        throw .invalidFilter("unterminated string starting at position \(start + 1)")
    }

    /// Reads the hex digits of `\uXXXX`, joining a surrogate pair into one scalar.
    private mutating func unicodeEscape(at escapeStart: Int) throws(SCIMError) -> Unicode.Scalar {
        let invalid = SCIMError.invalidFilter("invalid \\u escape at position \(escapeStart + 1)")
        guard let high = hex4() else { throw invalid }
        if (0xD800..<0xDC00).contains(high) {
            guard index + 1 < scalars.count, scalars[index] == "\\", scalars[index + 1] == "u" else { throw invalid }
            index += 2
            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { throw invalid }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(high) else { throw invalid }
        return scalar
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= scalars.count else { return nil }
        var value: UInt32 = 0
        for scalar in scalars[index..<index + 4] {
            guard let digit = Int(String(scalar), radix: 16) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    private func slice(_ from: Int, _ to: Int) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[from..<to])
        return String(text)
    }

    /// A `+` belongs to a number token only as an exponent sign (`1e+5`).
    private func isExponentSign(at i: Int, from start: Int) -> Bool {
        scalars[i] == "+" && i > start && (scalars[i - 1] == "e" || scalars[i - 1] == "E")
            && (scalars[start] == "-" || ("0"..."9").contains(scalars[start]))
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

    /// Attribute paths (with URNs and `$ref`), keywords and numbers are runs of these.
    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c.isASCIILetter || ("0"..."9").contains(c) || c == "-" || c == "_" || c == "." || c == ":" || c == "$"
    }

    /// JSON number syntax: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ b: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let from = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            return i - from
        }
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        let intDigits = digits()
        guard intDigits > 0, intDigits == 1 || b[intStart] != 48 else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == b.count
    }
}
