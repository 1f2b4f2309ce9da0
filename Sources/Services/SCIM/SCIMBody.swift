import JSON
import SCIM

/// A SCIM request body as it arrived: the bytes (logged verbatim, whatever they are), the declared
/// Content-Type, and whether the transport cut it off at its size limit. Parsed inside the write it
/// belongs to, so a body that is not JSON is still a FAILURE update log.
public struct SCIMBody: Sendable {
    public var bytes: [UInt8]
    public var contentType: String?
    /// The limit the body exceeded (`serve --max-body-bytes`), if it did; `bytes` is then empty.
    public var exceededLimit: Int?

    public init(bytes: [UInt8], contentType: String? = nil, exceededLimit: Int? = nil) {
        self.bytes = bytes
        self.contentType = contentType
        self.exceededLimit = exceededLimit
    }

    /// The JSON object of the body, or the RFC's answer for one that is not.
    public func object() throws(SCIMError) -> JSONObject {
        if let exceededLimit {
            throw SCIMError(status: 413, detail: "the request body exceeds \(exceededLimit) bytes (serve --max-body-bytes)")
        }
        if let type = contentType?.lowercased(), !type.contains("json") {
            throw SCIMError(
                status: 415, scimType: "invalidSyntax",
                detail: "Content-Type \(type) is not accepted: send application/scim+json or application/json")
        }
        guard !bytes.isEmpty else { throw .invalidSyntax("Invalid JSON body: the request has no body") }
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            throw .invalidSyntax("Invalid JSON body: \(error.description)")
        }
        guard let object = value.objectValue else {
            throw .invalidSyntax("Invalid JSON body: expected an object, found \(value.typeName)")
        }
        return object
    }
}
