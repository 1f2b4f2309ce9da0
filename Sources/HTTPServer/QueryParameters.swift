/// Query-string parameters decoded the way HTML forms encode them.
///
/// SCIM filters arrive as `filter=userName%20eq%20%22a%40b%22`, so decoding
/// must handle `+`, `%XX` and repeated keys exactly; the raw text stays
/// available on `HTTPRequest.rawQuery` for anything this loses.
public struct QueryParameters: Sendable {
    public private(set) var items: [(name: String, value: String)]

    /// Splits on `&`, then on the first `=`; `+` becomes a space and `%XX` is
    /// decoded. Empty names are skipped; a key without `=` gets the value "".
    public init(parsing rawQuery: String) {
        items = rawQuery.split(separator: "&", omittingEmptySubsequences: true).compactMap { pair in
            let name: Substring
            let value: Substring
            if let equals = pair.firstIndex(of: "=") {
                name = pair[..<equals]
                value = pair[pair.index(after: equals)...]
            } else {
                name = pair
                value = ""
            }
            let decodedName = PercentDecoding.decode(name, plusAsSpace: true)
            guard !decodedName.isEmpty else { return nil }
            return (name: decodedName, value: PercentDecoding.decode(value, plusAsSpace: true))
        }
    }

    /// All values given for `name`, in request order (names match exactly).
    public func values(_ name: String) -> [String] {
        items.filter { $0.name == name }.map(\.value)
    }

    /// The first value given for `name`.
    public func first(_ name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    /// Every distinct parameter name, e.g. to reject unknown parameters.
    public var names: Set<String> {
        Set(items.map(\.name))
    }
}
