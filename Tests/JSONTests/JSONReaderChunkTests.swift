import JSON
import Testing

/// A fixture file is read in 64 KiB chunks, so any token can straddle a chunk boundary: a string
/// escape, a multi-byte UTF-8 character, a number, a literal. Every split position must read the same
/// document, and a bad document must fail with the same error, as when read whole.
@Suite struct JSONReaderChunkTests {
    static let documents = [
        #"{"userName":"ana@example.com","name":{"givenName":"Ana","familyName":"Núñez"},"active":true}"#,
        #"["a\"\\\/\b\f\n\r\t",  "\u00e9\ud83d\ude00", "é😀𝄞", -0.5e+10, 12345678901234567890, null, false, {}, []]"#,
        "{\n  \"emails\": [ { \"value\": \"x@y.z\", \"primary\": true } ],\r\n  \"n\": -12.0E-3 }",
        #"[[[[{"deep":[1,2,{"k":"v"}]}]]]]"#,
    ]

    static let invalid = [
        #"{"a":"unterminated"#, #"{"a":tru}"#, #"["\ud800"]"#, "{\"a\":1,\n\"a\":2}", "[1,2,]", #"{"é":01}"#, "{}}",
    ]

    private static func chunked(_ bytes: [UInt8], at cuts: [Int]) -> () -> [UInt8]? {
        var pieces: [[UInt8]] = []
        var start = 0
        for cut in cuts + [bytes.count] {
            pieces.append(Array(bytes[start..<cut]))
            start = cut
        }
        var index = 0
        return {
            defer { index += 1 }
            return index < pieces.count ? pieces[index] : nil
        }
    }

    private static func read(_ chunks: @escaping () -> [UInt8]?) throws(JSONParseError) -> JSONValue {
        let reader = JSONReader(chunks: chunks)
        let value = try reader.readValue()
        try reader.finish()
        return value
    }

    @Test(arguments: documents)
    func everySplitPositionReadsTheSameDocument(_ text: String) throws {
        let bytes = Array(text.utf8)
        let whole = try JSONReader.parse(bytes)
        for cut in 0...bytes.count {
            #expect(try Self.read(Self.chunked(bytes, at: [cut])) == whole, "split at byte \(cut)")
        }
    }

    @Test(arguments: documents)
    func oneByteChunksReadTheSameDocument(_ text: String) throws {
        let bytes = Array(text.utf8)
        #expect(try Self.read(Self.chunked(bytes, at: Array(1..<max(bytes.count, 1)))) == JSONReader.parse(bytes))
    }

    @Test func emptyChunksAreSkipped() throws {
        let bytes = Array(Self.documents[0].utf8)
        let value = try Self.read(Self.chunked(bytes, at: [0, 0, 5, 5, 5, bytes.count]))
        #expect(value == (try JSONReader.parse(bytes)))
    }

    @Test(arguments: invalid)
    func everySplitPositionFailsTheSameWay(_ text: String) {
        let bytes = Array(text.utf8)
        let whole = #expect(throws: JSONParseError.self) { try JSONReader.parse(bytes) }
        for cut in 0...bytes.count {
            let split = #expect(throws: JSONParseError.self) { try Self.read(Self.chunked(bytes, at: [cut])) }
            #expect(split?.reason == whole?.reason, "split at byte \(cut)")
            #expect(
                split?.line == whole?.line && split?.column == whole?.column, "split at byte \(cut): \(String(describing: split))"
            )
        }
    }
}
