import CSQLite
import Glibc

/// An exclusive `flock` on a sidecar file (`DATABASE.lock`), held until the value is released, so that one
/// process at a time serves a database. Not a lock on the database itself: SQLite's own locks there are
/// POSIX `fcntl` locks, which belong to the process and drop when any descriptor of the file is closed, so
/// this program never opens that file itself. The lock file holds the owner's pid, for the refusal message;
/// it stays after exit (removing it would race a process about to lock it) and the kernel frees the lock
/// when the process ends, however it ends.
public final class FileLock: Sendable {
    public let path: String
    private let descriptor: Int32

    public init(path: String) throws(SQLiteError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "cannot create the lock file \(path): \(Self.lastError())")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            let holder = Self.recordedPID(descriptor)
            close(descriptor)
            guard failure == EWOULDBLOCK else {
                throw SQLiteError(code: SQLITE_CANTOPEN, message: "cannot lock \(path): \(String(cString: strerror(failure)))")
            }
            let pid = holder.map { " (pid \($0))" } ?? ""
            throw SQLiteError(code: SQLITE_BUSY, message: "in use by another process\(pid), which holds the lock file \(path)")
        }
        let record = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = record.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The pid the current holder wrote, if it wrote one.
    private static func recordedPID(_ descriptor: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 24)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return String(decoding: bytes.prefix(count), as: UTF8.self).split(separator: "\n").first.flatMap { Int32($0) }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
