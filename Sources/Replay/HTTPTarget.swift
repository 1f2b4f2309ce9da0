/// Where to send: `http://host:port` with an optional path prefix (prepended to every path).
/// Plain HTTP only: replay and export talk to a local mock, and a TLS stack is not worth carrying.
public struct HTTPTarget: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: UInt16
    public var basePath: String

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(host: String, port: UInt16, basePath: String = "") {
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    public init(parsing url: String) throws(Invalid) {
        let lower = url.lowercased()
        if lower.hasPrefix("https://") {
            throw Invalid(
                description: "\(url): https is not supported; scim-mock speaks plain HTTP/1.1 only (use http://host:port)")
        }
        guard lower.hasPrefix("http://") else { throw Invalid(description: "\(url): expected http://host:port") }
        let rest = url.dropFirst("http://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        var path = String(rest[slash...])
        guard !path.contains("?"), !path.contains("#") else {
            throw Invalid(description: "\(url): no query or fragment allowed in the target")
        }
        while path.hasSuffix("/") { path.removeLast() }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw Invalid(description: "\(url): unclosed [ in the host") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw Invalid(description: "\(url): bad host")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty, !host.contains("@") else { throw Invalid(description: "\(url): no host") }
        var port: UInt16 = 80
        if let portText {
            guard let value = UInt16(portText), value > 0 else { throw Invalid(description: "\(url): bad port \"\(portText)\"") }
            port = value
        }
        self.init(host: String(host), port: port, basePath: path)
    }

    /// The Host header value.
    public var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }

    public var description: String { "http://\(authority)\(basePath)" }
}
