import JSON
import SCIM
import SQLite

/// A WHERE clause built from optional filters. One value binds as `= ?`, so the common single-id
/// filter walks its index in order; several bind as one JSON array, so the statement cache holds one
/// shape per combination of filters rather than one per list length.
struct SQLFilter {
    private(set) var conditions: [String] = []
    private(set) var bindings: [any SQLiteBindable] = []

    mutating func equals(_ column: String, _ value: (any SQLiteBindable)?) {
        guard let value else { return }
        conditions.append("\(column) = ?")
        bindings.append(value)
    }

    /// `column IN values`; an empty list adds nothing (the filter was not given).
    mutating func oneOf(_ column: String, _ values: [String]) {
        switch values.count {
        case 0: return
        case 1: equals(column, values[0])
        default:
            conditions.append("\(column) IN (SELECT value FROM json_each(?))")
            bindings.append(Self.jsonArray(values))
        }
    }

    mutating func raw(_ condition: String, _ values: [any SQLiteBindable] = []) {
        conditions.append(condition)
        bindings.append(contentsOf: values)
    }

    var whereClause: String { conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ") }

    private static func jsonArray(_ values: [String]) -> String {
        var w = JSONWriter(capacity: values.count * 40)
        w.value(.array(values.map { .string($0) }))
        return w.string
    }

    /// Row ids as one JSON array binding, for `pk IN (SELECT value FROM json_each(?))`.
    static func jsonArray(_ pks: [Int64]) -> String {
        var w = JSONWriter(capacity: pks.count * 8)
        w.raw("[")
        for (index, pk) in pks.enumerated() {
            if index > 0 { w.raw(",") }
            w.raw(String(pk))
        }
        w.raw("]")
        return w.string
    }
}
