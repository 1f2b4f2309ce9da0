import SQLite
import Synchronization
import Testing

@testable import Store

/// A storage failure is told once per episode: repeats are quiet, another failure is told, and a full disk
/// that takes writes again says so.
@Suite struct StorageFaultLogTests {
    final class Lines: Sendable {
        let storage = Mutex<[String]>([])
        var all: [String] { storage.withLock { $0 } }
    }

    let lines = Lines()
    var log: StorageFaultLog {
        StorageFaultLog(database: "x.db", report: { [lines] line in lines.storage.withLock { $0.append(line) } })
    }
    let full = SQLiteError(code: 13, message: "database or disk is full", sql: "COMMIT")
    let other = SQLiteError(code: 10, message: "disk I/O error", sql: "INSERT INTO users")

    @Test func aFullDiskIsToldOnceAndItsRecoveryOnce() {
        let log = log
        for _ in 0..<5 { log.failed(full) }
        log.succeeded()
        log.succeeded()
        #expect(lines.all.count == 2)
        #expect(lines.all.first?.contains("the disk holding x.db is full") == true)
        #expect(lines.all.first?.contains("COMMIT") == true)
        #expect(lines.all.last == "x.db takes writes again: space was freed")
    }

    @Test func anotherFailureIsToldWithItsSQL() {
        let log = log
        log.failed(full)
        log.failed(other)
        log.failed(other)
        #expect(lines.all.count == 2)
        #expect(lines.all.last?.contains("INSERT INTO users") == true)
    }
}
