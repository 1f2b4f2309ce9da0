import FuzzSupport
import JSON
import SCIM

/// The JSON reader three ways: whole (`JSONReader.parse`, as request bodies are read), in chunks cut at
/// fuzzed positions (`JSONReader(chunks:)`, as fixture files are read), and through the streaming calls
/// the fixture reader makes. Where the chunks fall must not change the value or the error, the streaming
/// walk must build the same value, and a parsed value must come back unchanged from its serialization.
///
/// Input layout: without a NUL byte the input is the document, read in one piece. Otherwise the
/// document is what stands before the last NUL (a NUL is never valid JSON, so a seed stays a plain
/// document) and each byte after it is a chunk length; the lengths repeat until the document is used
/// up, so `\0\x01` feeds it byte by byte. A zero length is an empty chunk, which the reader must skip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput.bytes(data, size)
    let (document, lengths) = split(input)
    let whole = outcome { () throws(JSONParseError) in try JSONReader.parse(document) }
    let chunked = outcome { () throws(JSONParseError) in
        let reader = JSONReader(chunks: chunks(of: document, lengths: lengths))
        let value = try reader.readValue()
        try reader.finish()
        return value
    }
    FuzzInput.require(whole == chunked, "chunked read differs: whole \(whole), chunked \(chunked), cuts \(lengths.prefix(16))")
    let streamed = outcome { () throws(JSONParseError) in
        let reader = JSONReader(chunks: chunks(of: document, lengths: lengths))
        let value = try walk(reader)
        try reader.finish()
        return value
    }
    FuzzInput.require(whole.value == streamed.value, "streaming walk differs: whole \(whole), streamed \(streamed)")
    if let value = whole.value {
        let text = value.serialized()
        FuzzInput.require((try? JSONReader.parse(text)) == value, "serialization does not read back: \(text)")
    }
    return 0
}

/// A read's result, comparable: the error's text includes its line and column, which must match too.
enum Outcome: Equatable, CustomStringConvertible {
    case parsed(JSONValue)
    case failed(String)

    var value: JSONValue? { if case .parsed(let value) = self { value } else { nil } }
    var description: String {
        switch self {
        case .parsed(let value): "value \(value.serialized().prefix(200))"
        case .failed(let error): "error \(error)"
        }
    }
}

func outcome(_ body: () throws(JSONParseError) -> JSONValue) -> Outcome {
    do { return .parsed(try body()) } catch { return .failed(error.description) }
}

func split(_ input: [UInt8]) -> (document: [UInt8], lengths: [Int]) {
    guard let separator = input.lastIndex(of: 0) else { return (input, []) }
    return (Array(input[..<separator]), input[(separator + 1)...].map(Int.init))
}

/// Hands the document out in pieces of the given lengths, cycling through them (a single pass when
/// all are zero, which would otherwise never end), then whatever is left in one piece.
func chunks(of document: [UInt8], lengths: [Int]) -> () -> [UInt8]? {
    let cycles = lengths.contains { $0 > 0 }
    var offset = 0
    var next = 0
    return {
        guard offset < document.count else { return nil }
        var length = document.count - offset
        if next < lengths.count {
            length = lengths[next]
            next = cycles ? (next + 1) % lengths.count : next + 1
        }
        let end = min(document.count, offset + length)
        defer { offset = end }
        return Array(document[offset..<end])
    }
}

/// Rebuilds a value with `peekTypeName`, `beginObject`/`nextKey` and `beginArray`/`nextElement`, the
/// calls `FixtureReader` walks a fixture with; the reader bounds the depth, so the recursion is bounded.
func walk(_ reader: JSONReader) throws(JSONParseError) -> JSONValue {
    switch try reader.peekTypeName() {
    case "object":
        try reader.beginObject()
        var object = JSONObject()
        while let key = try reader.nextKey() { object.entries.append((key, try walk(reader))) }
        return .object(object)
    case "array":
        try reader.beginArray()
        var array: [JSONValue] = []
        while try reader.nextElement() { array.append(try walk(reader)) }
        return .array(array)
    default:
        return try reader.readValue()
    }
}
