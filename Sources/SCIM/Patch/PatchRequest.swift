import JSON

/// A parsed PatchOp message body. Malformed bodies are reported as `SCIMError.invalidValue` naming the
/// offending member (RFC 7644 §3.12 lists it for a missing or incompatible required value).
public struct PatchRequest: Sendable {
    public static let patchOpURN = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    /// Most operations one PATCH may carry; IdPs send a handful, and each costs a pass over the resource.
    public static let maxOperations = 1_000
    /// Longest `path` accepted, in characters (a bracket filter inside it is bounded by `FilterParser.maxTerms` too).
    public static let maxPathLength = 8_192

    public var operations: [PatchOperation]

    public init(operations: [PatchOperation]) {
        self.operations = operations
    }

    /// Parses a PatchOp body: `schemas` must contain the PatchOp URN and `Operations` must be a non-empty
    /// array. Member names and `op` values are matched case-insensitively because Entra sends `Add`,
    /// `Replace`, `Remove`; members other than `op`, `path` and `value` (Entra's `"name":"addMember"`)
    /// are ignored. An empty `path` counts as absent.
    public static func parse(_ body: JSONObject) throws(SCIMError) -> PatchRequest {
        let schemas = body.value(forAttribute: "schemas")?.arrayValue ?? []
        guard schemas.contains(where: { $0.stringValue?.caseInsensitiveEquals(patchOpURN) == true }) else {
            throw .invalidValue("\"schemas\" must contain \"\(patchOpURN)\"")
        }
        guard let items = body.value(forAttribute: "Operations")?.arrayValue, !items.isEmpty else {
            throw .invalidValue("\"Operations\" must be a non-empty array")
        }
        guard items.count <= maxOperations else {
            throw .tooMany("\"Operations\" holds \(items.count) operations; at most \(maxOperations) are accepted in one request")
        }
        var operations: [PatchOperation] = []
        for (index, item) in items.enumerated() {
            operations.append(try operation(item, at: index))
        }
        return PatchRequest(operations: operations)
    }

    private static func operation(_ item: JSONValue, at index: Int) throws(SCIMError) -> PatchOperation {
        let label = "Operations[\(index)]"
        guard let object = item.objectValue else {
            throw .invalidValue("\(label) must be an object, found \(item.typeName)")
        }
        guard let name = object.value(forAttribute: "op")?.stringValue,
            let op = PatchOperation.Op(rawValue: name.lowercased())
        else {
            throw .invalidValue("\(label).op must be \"add\", \"replace\" or \"remove\"")
        }
        var path: String?
        switch object.value(forAttribute: "path") {
        case nil, .null?: path = nil
        case .string(let text)? where text.unicodeScalars.count > maxPathLength:
            throw .invalidPath("\(label).path is longer than \(maxPathLength) characters")
        case .string(let text)?: path = text.allSatisfy(\.isWhitespace) ? nil : text
        case let other?: throw .invalidValue("\(label).path must be a string, found \(other.typeName)")
        }
        let value = object.value(forAttribute: "value")
        if op != .remove && value == nil {
            throw .invalidValue("\(label): \(op.rawValue) requires a value")
        }
        return PatchOperation(op: op, path: path, value: value)
    }
}
