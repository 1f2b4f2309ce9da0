import JSON

/// Hides `password` values in a request body before the dashboard shows it: a `password` member at any
/// depth, and the `value` of a PATCH operation whose `path` is `password`. Asked for by the page's
/// `reveal=passwords`, the body is shown as sent.
enum PasswordMask {
    static let shown = JSONValue.string("********")

    /// The masked value, and whether anything was masked. Recursion follows nesting, which `JSONReader` bounds.
    static func masked(_ value: JSONValue) -> (JSONValue, Bool) {
        switch value {
        case .array(let items):
            var any = false
            let masked = items.map { item in
                let (m, hit) = Self.masked(item)
                any = any || hit
                return m
            }
            return (.array(masked), any)
        case .object(var object):
            var any = false
            let patchesPassword = object["path"]?.stringValue.map { $0.lowercased() == "password" } ?? false
            for index in object.entries.indices {
                let key = object.entries[index].key.lowercased()
                if key == "password" || (patchesPassword && key == "value") {
                    object.entries[index].value = shown
                    any = true
                } else {
                    let (m, hit) = masked(object.entries[index].value)
                    object.entries[index].value = m
                    any = any || hit
                }
            }
            return (.object(object), any)
        default:
            return (value, false)
        }
    }
}
