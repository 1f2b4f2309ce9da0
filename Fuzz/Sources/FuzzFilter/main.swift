import FuzzSupport
import SCIM

/// The SCIM filter parser and evaluator, as a `filter=` query or a `/.search` body reaches them: parse
/// the input as filter text, evaluate it against a sample user (user schema and enterprise extension)
/// and a sample group, and ask for the index shortcut the store takes. The canonical text
/// (`description`) is documented to re-parse to the same tree, so that is checked too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(FuzzInput.bytes(data, size))
    guard let filter = try? FilterParser.parse(text) else { return 0 }
    _ = filter.matches(Samples.user, schema: .user, extensions: [.enterpriseUser])
    _ = filter.matches(Samples.group, schema: .group)
    _ = filter.indexableEquality(among: ["id", "userName", "externalId", "displayName"], schemaURN: SCIMSchema.userURN)
    let canonical = filter.description
    let reparsed = Result { () throws(SCIMError) in try FilterParser.parse(canonical) }
    FuzzInput.require(
        (try? reparsed.get()) == filter,
        "canonical text \(canonical.prefix(300))… (\(canonical.count) characters) re-parses as \(reparsed)")
    return 0
}
