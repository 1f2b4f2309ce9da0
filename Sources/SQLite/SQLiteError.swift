import CSQLite

/// The one error type of the storage layer: carries SQLite's code and message, and the SQL that failed,
/// so a failure can be diagnosed from the log line alone.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// True for UNIQUE / PRIMARY KEY violations, which callers turn into "already exists" answers.
    public var isConstraintViolation: Bool { code & 0xff == SQLITE_CONSTRAINT }

    public var description: String {
        if let sql { return "SQLite error \(code): \(message) (in: \(sql))" }
        return "SQLite error \(code): \(message)"
    }
}
