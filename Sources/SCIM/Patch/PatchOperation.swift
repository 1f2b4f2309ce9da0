import JSON

/// One operation of a SCIM PATCH request (RFC 7644 §3.5.2). `value` is nil when the member is absent
/// and `.null` when it is an explicit JSON null, which add and replace treat as a removal.
public struct PatchOperation: Sendable, Equatable {
    public enum Op: String, Sendable { case add, replace, remove }

    public var op: Op
    public var path: String?
    public var value: JSONValue?

    public init(op: Op, path: String? = nil, value: JSONValue? = nil) {
        self.op = op
        self.path = path
        self.value = value
    }
}
