import FuzzSupport
import Replay

/// The recording parser `scim-mock replay` runs before it sends anything: `RecordingParser.parse`
/// under a `.jsonl` name (format sniffed from the content: JSON lines, or HAR for a document with a
/// `log` object) and under a `.har` name (HAR forced). A parsed request then goes through the id
/// rewriting replay applies to paths and bodies, with every recorded id mapped.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecording(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    for file in ["fuzz.jsonl", "fuzz.har"] {
        guard let recording = try? RecordingParser.parse(bytes, file: file) else { continue }
        var ids = IDMap()
        for (index, request) in recording.requests.enumerated() {
            if let id = request.id { ids.record(recorded: id, actual: "00000000-0000-4000-8000-\(index)") }
        }
        for request in recording.requests {
            _ = request.createdResourceType
            _ = ids.rewrite(path: request.path)
            _ = ids.rewrite(body: request.body)
        }
    }
    return 0
}
