import CSQLite

/// The one error type of the storage layer: SQLite's extended result code, its message, and the SQL
/// that failed, so a failure can be diagnosed from the log line alone. A constraint violation also
/// names the table and columns of the constraint, so callers map it by kind and not by message text.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, …); `code & 0xff` is the primary code.
    public let code: Int32
    public let message: String
    public let sql: String?
    /// For `constraintUnique` and `constraintPrimaryKey`: the columns of the violated key.
    public let constraint: Constraint?

    /// A UNIQUE or PRIMARY KEY constraint as SQLite reports it (`table.column` pairs).
    public struct Constraint: Sendable, Equatable {
        public var table: String
        public var columns: [String]

        public init(table: String, columns: [String]) {
            self.table = table
            self.columns = columns
        }
    }

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
        constraint = Self.isKeyViolation(code) ? Self.constraint(in: message) : nil
    }

    public var primaryCode: Int32 { code & 0xff }

    // Extended result codes; sqlite3.h defines them as macros Swift does not import.
    public static let constraintNotNull = SQLITE_CONSTRAINT | (5 << 8)
    public static let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)
    public static let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)

    /// True for any constraint violation (UNIQUE, PRIMARY KEY, FOREIGN KEY, NOT NULL, CHECK).
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    /// True for SQLITE_FULL: the disk (or `max_page_count`) is full. The statement wrote nothing, the file stays
    /// consistent, and the same write succeeds once there is room again.
    public var isFull: Bool { primaryCode == SQLITE_FULL }

    /// True for a UNIQUE or PRIMARY KEY violation: a caller's "already exists".
    public var isUniquenessViolation: Bool { Self.isKeyViolation(code) }

    private static func isKeyViolation(_ code: Int32) -> Bool {
        code == constraintUnique || code == constraintPrimaryKey
    }

    /// SQLite reports the key of a uniqueness violation only in its message, in a fixed form
    /// ("UNIQUE constraint failed: users.idp_id, users.user_name"); this is read once, here.
    private static func constraint(in message: String) -> Constraint? {
        let marker = "constraint failed: "
        guard let start = message.indices.first(where: { message[$0...].hasPrefix(marker) }) else { return nil }
        let list = message[start...].dropFirst(marker.count)
        let pairs = list.split(separator: ",").map { $0.drop(while: { $0 == " " }) }
        let parts = pairs.map { $0.split(separator: ".", maxSplits: 1) }
        guard let table = parts.first?.first, parts.allSatisfy({ $0.count == 2 && $0[0] == table }) else { return nil }
        return Constraint(table: String(table), columns: parts.map { String($0[1]) })
    }

    public var description: String {
        if let sql { return "SQLite error \(code): \(message) (in: \(sql))" }
        return "SQLite error \(code): \(message)"
    }
}
