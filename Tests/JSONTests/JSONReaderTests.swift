import JSON
import Testing

@Suite struct JSONReaderTests {
    @Test func keepsKeyOrderAndNumberLexemes() throws {
        let value = try JSONReader.parse(#"{"b":1.50,"a":[true,null,"x"],"c":-2e3}"#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value.objectValue?["b"] == .number("1.50"))
        #expect(value.serialized() == #"{"b":1.50,"a":[true,null,"x"],"c":-2e3}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONReader.parse(#""a\"\\\/\n\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"\\/\né😀"))
    }

    @Test(arguments: [
        ("{}}", "unexpected data after the JSON value"),
        (#"{"a":1,"a":2}"#, "duplicate key \"a\""),
        ("[1,]", "unexpected character"),
        ("01", "leading zero"),
        (#""\x""#, "invalid escape"),
        (#""\ud800""#, "unpaired surrogate"),
        ("", "unexpected end of input"),
        ("[", "unexpected end of input"),
        ("tru", "invalid literal"),
    ])
    func rejectsInvalidDocuments(input: String, reason: String) {
        let error = #expect(throws: JSONParseError.self) { try JSONReader.parse(input) }
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test func reportsLineAndColumn() {
        let error = #expect(throws: JSONParseError.self) { try JSONReader.parse("{\n  \"a\": tru\n}") }
        #expect(error?.line == 2)
        #expect(error?.column == 8)
    }

    @Test func limitsNestingDepth() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = #expect(throws: JSONParseError.self) { try JSONReader.parse(deep) }
        #expect(error?.reason.contains("nesting") == true)
    }

    @Test func writerEscapesControlCharacters() {
        var w = JSONWriter()
        w.string("a\u{1}\"\t")
        #expect(w.string == #""a\u0001\"\t""#)
    }
}
