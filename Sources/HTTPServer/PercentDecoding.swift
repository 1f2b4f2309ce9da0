/// Percent-decoding shared by query parsing and `HTTPRequest(target:)`, and the strict check the
/// transport applies to every request-target before any of it is decoded.
///
/// Works on bytes so that escapes forming multi-byte UTF-8 sequences decode correctly. `decode` is
/// lenient (an invalid escape is kept literally, invalid UTF-8 becomes U+FFFD): by the time it runs
/// on a served request, `malformation(ofTarget:)` has already refused a target where that matters.
enum PercentDecoding {
    static func decode<S: StringProtocol>(_ text: S, plusAsSpace: Bool) -> String {
        String(decoding: bytes(of: text, plusAsSpace: plusAsSpace).decoded, as: UTF8.self)
    }

    /// Why `target` (a raw request-target) cannot be read exactly, or nil when it can: every `%` starts a
    /// two-digit hex escape, and the path and query decode to UTF-8. A mock must not guess at what a
    /// client meant (a lenient decode would look up a different id than the one sent).
    static func malformation(ofTarget target: some StringProtocol) -> String? {
        let (decoded, badEscape) = bytes(of: target, plusAsSpace: false)
        if let index = badEscape {
            let input = Array(target.utf8)
            let escape = String(decoding: input[index..<min(index + 3, input.count)], as: UTF8.self)
            return "the request-target has an invalid percent-escape \"\(escape)\" at byte \(index + 1)"
        }
        guard String(validating: decoded, as: UTF8.self) != nil else {
            return "the request-target is not UTF-8 once percent-decoded"
        }
        return nil
    }

    /// The decoded bytes, with each invalid escape kept literally, and the offset of the first one.
    private static func bytes(of text: some StringProtocol, plusAsSpace: Bool) -> (decoded: [UInt8], badEscape: Int?) {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var badEscape: Int?
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < input.count, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                badEscape = badEscape ?? index
            }
            output.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return (output, badEscape)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
