import HTTPServer
import SCIM
import JSON

/// Reads typed query parameters, throwing a 400 that names the parameter for any bad value.
/// Lists are repeated keys (`status=A&status=B`), as the SDKs send them.
struct QueryReader {
    let query: QueryParameters

    private func single(_ name: String) throws(CloudflareError) -> String? {
        let values = query.values(name)
        guard values.count <= 1 else { throw .invalidParameter(name, "given \(values.count) times; it takes one value") }
        return values.first
    }

    func string(_ name: String) throws(CloudflareError) -> String? {
        guard let value = try single(name) else { return nil }
        guard !value.isEmpty else { throw .invalidParameter(name, "must not be empty") }
        return value
    }

    /// The largest value any integer parameter takes: paging arithmetic on it cannot overflow.
    static let maxInteger = Int(Int32.max)

    func int(_ name: String, min: Int, max: Int = QueryReader.maxInteger) throws(CloudflareError) -> Int? {
        guard let text = try single(name) else { return nil }
        guard let value = Int(text.trimmingSpaces), (min...max).contains(value) else {
            throw .invalidParameter(name, "must be an integer from \(min) to \(max), got \"\(text.prefix(64))\"")
        }
        return value
    }

    func strings(_ name: String, maxCount: Int? = nil, required: Bool = false) throws(CloudflareError) -> [String] {
        let values = query.values(name)
        if required, values.isEmpty { throw .invalidParameter(name, "is required") }
        if let maxCount, values.count > maxCount {
            throw .invalidParameter(name, "takes at most \(maxCount) values, got \(values.count)")
        }
        if values.contains(where: \.isEmpty) { throw .invalidParameter(name, "values must not be empty") }
        return values
    }

    func enums<E: RawRepresentable & CaseIterable>(_ name: String, _: E.Type) throws(CloudflareError) -> [E] where E.RawValue == String {
        var result: [E] = []
        for text in query.values(name) {
            guard let value = E(rawValue: text) else {
                throw .invalidParameter(name, "must be one of \(E.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
            }
            result.append(value)
        }
        return result
    }

    func timestamp(_ name: String) throws(CloudflareError) -> Timestamp? {
        guard let text = try single(name) else { return nil }
        guard let value = Timestamp(rfc3339: text.trimmingSpaces) else {
            throw .invalidParameter(name, "must be an RFC 3339 date-time such as 2025-01-31T12:00:00Z, got \"\(text)\"")
        }
        return value
    }

    /// `page` is 1-based; 0 reads as 1, as the SDK's own tests send it.
    func page() throws(CloudflareError) -> Int { max(try int("page", min: 0) ?? 1, 1) }
}

private extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
