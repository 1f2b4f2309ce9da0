import JSON

/// An answer as the replay client read it.
public struct ClientResponse: Sendable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }
}

public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
