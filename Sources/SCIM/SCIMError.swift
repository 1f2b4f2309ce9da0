/// An error of the SCIM domain, in RFC 7644 §3.12 terms: the HTTP status, the `scimType` where the
/// RFC defines one, and a `detail` a person can act on.
public struct SCIMError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var scimType: String?
    public var detail: String

    public init(status: Int, scimType: String? = nil, detail: String) {
        self.status = status
        self.scimType = scimType
        self.detail = detail
    }

    public var description: String { "\(status) \(scimType ?? "-"): \(detail)" }

    public static func invalidFilter(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "invalidFilter", detail: detail)
    }
    public static func invalidPath(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "invalidPath", detail: detail)
    }
    public static func invalidValue(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "invalidValue", detail: detail)
    }
    public static func invalidSyntax(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "invalidSyntax", detail: detail)
    }
    /// RFC 7644 §3.12: more work asked of the server than it is willing to do in one request.
    public static func tooMany(_ detail: String) -> SCIMError { SCIMError(status: 400, scimType: "tooMany", detail: detail) }
    public static func noTarget(_ detail: String) -> SCIMError { SCIMError(status: 400, scimType: "noTarget", detail: detail) }
    public static func mutability(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "mutability", detail: detail)
    }
    public static func uniqueness(_ detail: String) -> SCIMError {
        SCIMError(status: 409, scimType: "uniqueness", detail: detail)
    }
    public static func notFound(_ detail: String) -> SCIMError { SCIMError(status: 404, detail: detail) }
}
