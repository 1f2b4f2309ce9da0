import CSQLite

/// The current row of a stepping statement; valid only until the next step.
public struct Row {
    let statement: Statement

    public var columnCount: Int { Int(sqlite3_column_count(statement.handle)) }

    public func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(statement.handle, Int32(index)) == SQLITE_NULL
    }

    public func int(_ index: Int) -> Int { Int(sqlite3_column_int64(statement.handle, Int32(index))) }

    public func int64(_ index: Int) -> Int64 { sqlite3_column_int64(statement.handle, Int32(index)) }

    public func double(_ index: Int) -> Double { sqlite3_column_double(statement.handle, Int32(index)) }

    public func string(_ index: Int) -> String? {
        guard let text = sqlite3_column_text(statement.handle, Int32(index)) else { return nil }
        let count = Int(sqlite3_column_bytes(statement.handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column's bytes without building a String; for splicing stored JSON straight into a response.
    public func withUnsafeBytes<T>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let count = Int(sqlite3_column_bytes(statement.handle, Int32(index)))
        guard let ptr = sqlite3_column_blob(statement.handle, Int32(index)) else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeRawBufferPointer(start: ptr, count: count))
    }

    public func value(_ index: Int) -> SQLiteValue {
        switch sqlite3_column_type(statement.handle, Int32(index)) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(int64(index))
        case SQLITE_FLOAT: return .real(double(index))
        case SQLITE_TEXT: return .text(string(index) ?? "")
        default: return .blob(withUnsafeBytes(index) { Array($0) })
        }
    }
}
