import HTTPServer
import Services

/// Which Cloudflare API credentials are accepted. By default any well-formed credentials pass, as a
/// mock should; pinning tokens or a key makes the mock as strict as a real account.
public struct AuthPolicy: Sendable {
    public var apiTokens: [String]
    public var apiKey: String?
    public var apiEmail: String?

    public init(apiTokens: [String] = [], apiKey: String? = nil, apiEmail: String? = nil) {
        self.apiTokens = apiTokens
        self.apiKey = apiKey
        self.apiEmail = apiEmail
    }

    private var pinned: Bool { !apiTokens.isEmpty || apiKey != nil || apiEmail != nil }

    /// Throws the error the real API gives for these headers, or returns when they are accepted.
    public func check(_ headers: HTTPHeaders) throws(CloudflareError) {
        let authorization = headers["Authorization"]
        let email = headers["X-Auth-Email"]
        let key = headers["X-Auth-Key"]
        if email != nil || key != nil {
            var chain: [CloudflareError.Entry] = []
            if let email, !Self.isEmail(email) {
                chain.append(.init(code: 6102, message: "Invalid format for X-Auth-Email header"))
            }
            if let key, !Self.isToken(key) { chain.append(.init(code: 6103, message: "Invalid format for X-Auth-Key header")) }
            if !chain.isEmpty { throw .invalidHeaders(chain) }
            if let email, let key {
                guard !pinned || (apiKey == key && (apiEmail == nil || apiEmail!.caseInsensitiveEquals(email))) else {
                    throw .authentication
                }
                return
            }
            if authorization == nil { throw .missingCredentials }
        }
        guard let authorization else { throw .missingCredentials }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer", Self.isToken(String(parts[1])) else {
            throw .invalidHeaders([.init(code: 6111, message: "Invalid format for Authorization header")])
        }
        guard !pinned || apiTokens.contains(String(parts[1])) else { throw .authentication }
    }

    private static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    private static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !text.contains(" ")
    }
}
