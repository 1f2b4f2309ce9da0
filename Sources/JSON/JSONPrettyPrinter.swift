/// Indented JSON for people to read (two spaces, one member or element per line, key order and number
/// lexemes kept). Recursion follows nesting, which `JSONReader` bounds.
public enum JSONPrettyPrinter {
    public static func print(_ value: JSONValue) -> String {
        var w = JSONWriter()
        write(value, indent: 0, &w)
        return w.string
    }

    private static func write(_ value: JSONValue, indent: Int, _ w: inout JSONWriter) {
        switch value {
        case .array(let items) where !items.isEmpty:
            w.raw("[")
            for (i, item) in items.enumerated() {
                w.raw(i == 0 ? "\n" : ",\n")
                pad(indent + 1, &w)
                write(item, indent: indent + 1, &w)
            }
            w.raw("\n"); pad(indent, &w); w.raw("]")
        case .object(let object) where !object.entries.isEmpty:
            w.raw("{")
            for (i, entry) in object.entries.enumerated() {
                w.raw(i == 0 ? "\n" : ",\n")
                pad(indent + 1, &w)
                w.string(entry.key)
                w.raw(": ")
                write(entry.value, indent: indent + 1, &w)
            }
            w.raw("\n"); pad(indent, &w); w.raw("}")
        default:
            w.value(value)
        }
    }

    private static func pad(_ level: Int, _ w: inout JSONWriter) {
        for _ in 0..<level { w.raw("  ") }
    }
}
