import Foundation
import SQLite
import Testing

/// One holder at a time: a second lock on the same file is refused with the holder's pid, and the lock
/// is free again once its holder is released.
@Suite struct FileLockTests {
    let path = NSTemporaryDirectory() + "scim-mock-lock-\(UInt64.random(in: 0...UInt64.max)).lock"

    @Test func aSecondLockIsRefusedNamingTheHolder() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try FileLock(path: path)
        let error = try #require(throws: SQLiteError.self) { try FileLock(path: path) }
        #expect(error.message.contains("pid \(ProcessInfo.processInfo.processIdentifier)"))
        #expect(error.message.contains(path))
        _ = first
    }

    @Test func aReleasedLockCanBeTakenAgain() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        do { _ = try FileLock(path: path) }
        let again = try FileLock(path: path)
        #expect(again.path == path)
    }

    @Test func aLockFileThatCannotBeCreatedIsAnError() throws {
        let error = try #require(throws: SQLiteError.self) { try FileLock(path: "/nonexistent-dir/x.lock") }
        #expect(error.message.contains("cannot create the lock file /nonexistent-dir/x.lock"))
    }
}
