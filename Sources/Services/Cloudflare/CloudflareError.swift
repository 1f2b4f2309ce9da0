/// An error of the Cloudflare v4 surface: the HTTP status and the `errors[]` entry the real API sends.
public struct CloudflareError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Entry: Sendable, Equatable {
        public var code: Int
        public var message: String

        public init(code: Int, message: String) {
            self.code = code
            self.message = message
        }
    }

    public var status: Int
    public var code: Int
    public var message: String
    /// Set for 6003 "Invalid request headers", whose cause the real API lists as `error_chain`.
    public var chain: [Entry]
    /// The envelope's `messages`: hints beside the error, such as the path a client probably meant.
    public var messages: [Entry] = []

    public init(status: Int, code: Int, message: String, chain: [Entry] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.chain = chain
    }

    public var description: String { "\(status) \(code): \(message)" }

    public static let missingCredentials = CloudflareError(
        status: 400, code: 9106, message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers")

    public static func invalidHeaders(_ chain: [Entry]) -> CloudflareError {
        CloudflareError(status: 400, code: 6003, message: "Invalid request headers", chain: chain)
    }

    public static let authentication = CloudflareError(status: 403, code: 10000, message: "Authentication error")

    public static let noRoute = CloudflareError(status: 404, code: 7003, message: "No route for the URI")

    /// 7003 with a `messages` entry naming the path the client probably meant.
    public static func noRoute(hint: String) -> CloudflareError {
        var error = noRoute
        error.messages = [Entry(code: 7003, message: hint)]
        return error
    }

    public static func methodNotAllowed(_ method: String, allowed: [String]) -> CloudflareError {
        CloudflareError(
            status: 405, code: 7001,
            message: "Method \(method) not allowed for this URI (allowed: \(allowed.joined(separator: ", ")))")
    }

    /// A query or path parameter with a bad value; the message names the parameter.
    public static func invalidParameter(_ name: String, _ reason: String) -> CloudflareError {
        CloudflareError(status: 400, code: 1001, message: "Invalid parameter '\(name)': \(reason)")
    }

    public static func identityProviderNotFound(_ idp: String, account: String) -> CloudflareError {
        CloudflareError(
            status: 404, code: 1002,
            message: "Identity provider '\(idp)' not found in account '\(account)'")
    }

    public static func `internal`(_ detail: String) -> CloudflareError {
        CloudflareError(status: 500, code: 1000, message: "Internal error: \(detail)")
    }
}
