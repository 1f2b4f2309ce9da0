import SCIM
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
    /// A write landed between two pages of a state export (`StateExport`), which then stops rather than
    /// mix two states.
    case changedDuringExport
    case storage(SQLiteError)
    /// A database file this process must not serve, refused at open before anything was written into it:
    /// not writable, another program's, from a newer build, or served by another process.
    case refusedFile(path: String, reason: String)
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
        case .changedDuringExport:
            "the store changed while its state was being exported; the export stopped (export again when writes pause)"
        case .storage(let error): error.description
        case .refusedFile(let path, let reason): "\(path): \(reason)"
        case .rebuilding(let account, let everything):
            everything ? "the store is being reset" : "account \(account) is being reset or loaded"
        }
    }

    var isRebuilding: Bool {
        if case .rebuilding = self { return true }
        return false
    }

    /// The disk (or the database's page limit) is full: nothing was written, and the same write succeeds once
    /// space is freed.
    public var isStorageFull: Bool {
        if case .storage(let error) = self { return error.isFull }
        return false
    }

    /// What an answer says, in a user's words: SQLite's message and SQL stay in the log (`StorageFaultLog`).
    public var userMessage: String {
        switch self {
        case .storage(let error) where error.isFull:
            "the mock's disk is full: nothing was written; free space on the disk of its database and retry"
                + " (no restart needed)"
        case .storage(let error): "the mock's database failed (SQLite result code \(error.code)); its log has the details"
        default: description
        }
    }

    /// The RFC 7644 §3.12 error of a failed SCIM request. SCIM uses RFC 7231's status codes, which have no 507
    /// (RFC 4918), so a full disk is 503: the server cannot take the write now, and can once space is freed.
    public var scimError: SCIMError { SCIMError(status: isStorageFull ? 503 : 500, detail: userMessage) }

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
