import SQLite
import Synchronization

/// Tells the log about a storage failure once, not once per request: a full disk fails every write until
/// space is freed, and a CI log of a thousand identical lines hides the one that matters. A failure of
/// another kind, or the same after a write succeeded, is told again; so is the recovery from a full disk.
final class StorageFaultLog: Sendable {
    private let told = Mutex<Told?>(nil)
    private let database: String
    private let report: @Sendable (String) -> Void

    private enum Told: Equatable {
        case full
        case failure(String)
    }

    init(database: String, report: @escaping @Sendable (String) -> Void) {
        self.database = database
        self.report = report
    }

    func failed(_ error: SQLiteError) {
        let fault: Told = error.isFull ? .full : .failure(error.description)
        let isNew = told.withLock { current in
            defer { current = fault }
            return current != fault
        }
        guard isNew else { return }
        if error.isFull {
            report("the disk holding \(database) is full: writes are refused until space is freed (\(error))")
        } else {
            report("storage failed on \(database): \(error)")
        }
    }

    func succeeded() {
        let previous = told.withLock { current in
            defer { current = nil }
            return current
        }
        if previous == .full { report("\(database) takes writes again: space was freed") }
    }
}
