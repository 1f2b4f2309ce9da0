import Foundation
import SQLite

/// What a database file must be before the store writes into it. Every check reads only, in this order:
/// the directory and the file are writable by this process, the file is new or ours (`Migrator.standing`),
/// and no other process serves it (`FileLock`); only then is it switched to WAL, marked and migrated.
extension Store {
    struct Opened {
        var connection: Connection
        var fileLock: FileLock?
        /// How many migrations ran.
        var applied: Int
    }

    static func open(_ path: String?) throws -> Opened {
        guard let path else {
            let connection = try Connection(path: nil)
            return Opened(connection: connection, fileLock: nil, applied: try Schema.migrator.migrate(connection))
        }
        try checkPlace(path)
        let connection = try Connection(path: path)
        if connection.isReadOnly { throw refused(path, "it is not writable by this process (\(Self.user))") }
        try checkStanding(connection, path)
        let fileLock: FileLock
        do {
            fileLock = try FileLock(path: connection.filename + ".lock")
            try connection.useWriteAheadLog()
        } catch let error as SQLiteError {
            throw refused(path, error.message)
        }
        return Opened(connection: connection, fileLock: fileLock, applied: try Schema.migrator.migrate(connection))
    }

    /// SQLite's WAL mode creates FILE-wal and FILE-shm beside the file, and the lock is FILE.lock: the
    /// directory must be writable, or the failure comes later as "unable to open database file" or
    /// "attempt to write a readonly database". A `file:` URI is checked through its file by SQLite alone.
    private static func checkPlace(_ path: String) throws {
        guard !path.hasPrefix("file:") else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw refused(path, "it is a directory, not a database file")
        }
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw refused(path, "the directory \(directory) does not exist")
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw refused(
                path,
                "the directory \(directory) is not writable by this process (\(Self.user)); "
                    + "SQLite's WAL mode creates the -wal and -shm files beside the database")
        }
    }

    /// Refuses another program's database and one from a newer build, having only read them.
    private static func checkStanding(_ connection: Connection, _ path: String) throws {
        let standing: Migrator.Standing
        do {
            standing = try Schema.migrator.standing(of: connection)
        } catch let error as SQLiteError {
            throw refused(path, "it cannot be read as a SQLite database (\(error.message))")
        }
        let known = Schema.migrator.migrations.count
        let untouched = "; it was left untouched"
        switch standing {
        case .empty, .ours, .unmarked: return
        case .newer(let version):
            throw refused(
                path,
                "its schema version is \(version), newer than this build's \(known); use a newer scim-mock, or another file")
        case .foreign(let owner):
            throw refused(
                path,
                "it is another program's SQLite database (application_id \(hex(owner)), scim-mock's is "
                    + "\(hex(Schema.applicationID)))" + untouched)
        case .unrecognized:
            throw refused(
                path, "it is a SQLite database that scim-mock did not make (its tables are not scim-mock's)" + untouched)
        }
    }

    private static func refused(_ path: String, _ reason: String) -> StoreError { .refusedFile(path: path, reason: reason) }

    private static func hex(_ value: Int32) -> String { "0x" + String(UInt32(bitPattern: value), radix: 16, uppercase: true) }

    private static var user: String { "uid \(getuid())" }
}
