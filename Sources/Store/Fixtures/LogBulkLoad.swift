import SQLite

/// A fixture load into an empty log table stores its logs without their secondary indexes and count
/// triggers: each index is then built once, by one sort, after the rows are in, instead of one b-tree
/// insert per log per index, and the counts come from one `GROUP BY`. The definitions are read back
/// from the schema itself, so this follows any later migration. Drop and rebuild are part of the load's
/// transaction: a load that fails rolls them back with its rows. Logs have no unique index, so every
/// error a fixture can raise is raised the same way, at the same record.
struct LogBulkLoad {
    private let definitions: [String]

    /// Drops the indexes and triggers of `update_logs` when it holds no rows; nil (and nothing done)
    /// when it does, since rebuilding them would then cost more than the load saves.
    static func begin(_ connection: Connection) throws -> LogBulkLoad? {
        let empty = try connection.statement("SELECT NOT EXISTS (SELECT 1 FROM update_logs)").queryFirst { $0.int(0) }
        guard empty == 1 else { return nil }
        let objects = try connection.statement(
            """
            SELECT type, name, sql FROM sqlite_master
            WHERE tbl_name = 'update_logs' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name
            """
        ).query { (type: $0.string(0) ?? "", name: $0.string(1) ?? "", sql: $0.string(2) ?? "") }
        for object in objects {
            try connection.execute("DROP \(object.type == "index" ? "INDEX" : "TRIGGER") \"\(object.name)\"")
        }
        return LogBulkLoad(definitions: objects.map(\.sql))
    }

    /// Builds the indexes and triggers again and counts the logs the load stored.
    func finish(_ connection: Connection) throws {
        for definition in definitions { try connection.execute(definition) }
        try connection.execute("DELETE FROM update_log_counts; \(Schema.countsBackfill)")
    }
}
