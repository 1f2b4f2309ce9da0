import SQLite

/// The one error type of the store: what callers act on (a duplicate key, an unknown member), a
/// stored row it cannot read, and SQLite failures underneath.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// A write would give a second resource of one IdP the same key.
    case duplicate(DuplicateKey)
    /// A group lists a member that is not a user of its IdP.
    case unknownMember(String)
    /// A stored row does not hold what the schema promises (a hand-edited or damaged `--db` file).
    case corruptRow(table: String, pk: Int64, reason: String)
    /// A stored enum code no case of this build has (a newer build's file, or a hand edit).
    case unknownCode(column: String, value: String, known: String)
    case storage(SQLiteError)
    /// A reset or fixture load is rebuilding the account; `everything` when it is the whole store.
    case rebuilding(account: String, everything: Bool)

    public enum DuplicateKey: Sendable, Equatable {
        case userName, groupDisplayName, resourceID
    }

    public var description: String {
        switch self {
        case .duplicate(let key): "duplicate \(key)"
        case .unknownMember(let id): "unknown member \(id)"
        case .corruptRow(let table, let pk, let reason): "row \(pk) of \(table) cannot be read: \(reason)"
        case .unknownCode(let column, let value, let known):
            "\(column) holds \(value), a code this build does not know (known: \(known))"
        case .storage(let error): error.description
        case .rebuilding(let account, let everything):
            everything ? "the store is being reset" : "account \(account) is being reset or loaded"
        }
    }

    var isRebuilding: Bool {
        if case .rebuilding = self { return true }
        return false
    }

    /// A SQLite failure in the store's terms: a uniqueness violation of a known key is `duplicate`.
    static func from(_ error: SQLiteError) -> StoreError { duplicate(error) ?? .storage(error) }

    /// The key a uniqueness violation names, from SQLite's extended result code and constraint columns.
    static func duplicate(_ error: SQLiteError) -> StoreError? {
        guard error.isUniquenessViolation, let constraint = error.constraint else { return nil }
        switch (constraint.table, constraint.columns) {
        case ("users", ["idp_id", "user_name"]): return .duplicate(.userName)
        case ("groups", ["idp_id", "display_name"]): return .duplicate(.groupDisplayName)
        case ("users", ["id"]), ("groups", ["id"]): return .duplicate(.resourceID)
        default: return nil
        }
    }
}
