import SQLite

/// Copies a fixture loaded into a store of its own (attached as `aside`) into the main database,
/// table by table in batches of rows, each batch one short transaction of its own. The copy takes
/// the main database's next row ids, so writes to other accounts between batches never collide with
/// it; integer references are found again through the text ids of the rows they point at.
struct AsideCopy {
    static let schema = "aside"

    /// Parents before children, each with the column its batches are ranged over.
    static let tables: [(name: String, key: String)] = [
        ("accounts", "id"), ("identity_providers", "pk"), ("scim_secrets", "secret"), ("users", "pk"),
        ("user_emails", "user_pk"), ("groups", "pk"), ("memberships", "group_pk"), ("update_logs", "pk"),
        ("resource_versions", "pk"),
    ]

    /// Integer references to rows of a table whose row ids change in the copy.
    static let references = ["idp_pk": "identity_providers", "user_pk": "users", "group_pk": "groups"]

    let store: Store
    let batching: RebuildBatching

    func copy() throws {
        for table in Self.tables {
            let columns = try store.read { state in
                try state.connection.statement("SELECT name FROM pragma_table_info(?, ?)").query([table.name, Self.schema]) {
                    $0.string(0) ?? ""
                }
            }
            try copy(table.name, key: table.key, columns: columns)
        }
    }

    /// One batch per `batching.rows` keys; a key's rows go in one batch (a user's emails, a group's members).
    /// Bounds are bound only where present, so every batch is an index range, never a scan.
    private func copy(_ table: String, key: String, columns: [String]) throws {
        var low: SQLiteValue?
        while true {
            let high = try store.batch { connection in
                let after = low.map { _ in "WHERE \(key) > ?" } ?? ""
                let boundary = "SELECT \(key) FROM \(Self.schema).\(table) \(after) ORDER BY \(key) LIMIT 1 OFFSET ?"
                let high = try connection.statement(boundary).queryFirst((low.map { [$0] } ?? []) + [batching.rows - 1]) {
                    $0.value(0)
                }
                let insert = Self.insertSQL(table, columns: columns, key: key, low: low != nil, high: high != nil)
                try connection.statement(insert).run([low, high].compactMap { $0 })
                return high
            }
            store.yieldToWaiters()
            batching.afterBatch()
            guard let high else { return }
            low = high
        }
    }

    /// `INSERT … SELECT` of the rows whose key is above the low bound and at most the high one, in key order.
    static func insertSQL(_ table: String, columns: [String], key: String, low: Bool, high: Bool) -> String {
        let copied = columns.filter { $0 != "pk" }
        let values = copied.map { column -> String in
            if let parent = references[column] {
                return """
                    (SELECT m.pk FROM main.\(parent) m WHERE m.id = (SELECT x.id FROM \(schema).\(parent) x WHERE x.pk = a.\(column)))
                    """
            }
            // Fixture loads only seed versions, which point at no update log.
            if table == "resource_versions" && column == "log_pk" { return "NULL" }
            return "a.\(column)"
        }
        let bounds = (low ? ["a.\(key) > ?"] : []) + (high ? ["a.\(key) <= ?"] : []) + ["1"]
        return """
            INSERT INTO main.\(table) (\(copied.joined(separator: ", ")))
            SELECT \(values.joined(separator: ", ")) FROM \(schema).\(table) a
            WHERE \(bounds.joined(separator: " AND "))
            ORDER BY a.\(key)
            """
    }
}
