import FuzzSupport
import JSON
import SCIM

/// The PATCH path parser and the PATCH engine, as `PATCH /Users/{id}` and `/Groups/{id}` run them.
/// A JSON input is a request body: `PatchRequest.parse`, then `PatchEngine.apply` to a sample user
/// and a sample group, then the normalization the service stores. Any other input is a bare path:
/// `FilterParser.parsePatchPath`, then a `remove` at that path, which resolves it against the schema
/// without needing a value. Both shapes share one target so the corpus can cross them over.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPatch(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    if let body = try? JSONReader.parse(bytes) {
        guard let object = body.objectValue, let request = try? PatchRequest.parse(object) else { return 0 }
        apply(request)
    } else {
        let path = FuzzInput.text(bytes)
        guard (try? FilterParser.parsePatchPath(path)) != nil else { return 0 }
        apply(PatchRequest(operations: [PatchOperation(op: .remove, path: path)]))
    }
    return 0
}

private let userEngine = PatchEngine(schema: .user, extensions: [.enterpriseUser])
private let groupEngine = PatchEngine(schema: .group, extensions: [])

/// Patch errors are answers (400s), not failures; what is checked is that nothing traps on the way.
private func apply(_ request: PatchRequest) {
    if let user = try? userEngine.apply(request, to: Samples.user) { _ = try? ResourceNormalizer.user.normalize(user) }
    if let group = try? groupEngine.apply(request, to: Samples.group) { _ = try? ResourceNormalizer.group.normalize(group) }
}
