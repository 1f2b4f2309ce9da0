import Foundation
import HTTPServer
import JSON
import SCIM
import SQLite
import Services
import Synchronization
import TestSupport
import Testing

@testable import Store
@testable import Surfaces

/// A full disk (SQLite's `max_page_count` makes the same SQLITE_FULL) answers in each surface's format with a
/// user's message and no SQL, is said once on the log, and writes succeed again once there is room.
@Suite struct StorageFullTests {
    let store: Store
    let app: MockApplication
    let log = ReportedLines()

    init() throws {
        store = try Store(report: { [log] in log.append($0) })
        try load([defaultFixtureText], into: store)
        app = MockApplication(store: store)
    }

    /// The database may not grow past its current size: any write that needs a new page fails.
    private func fillDisk() throws {
        try store.read { state in
            let pages = try state.connection.statement("PRAGMA page_count").queryFirst { $0.int(0) } ?? 0
            try state.connection.execute("PRAGMA max_page_count = \(pages)")
        }
    }

    private func freeSpace() throws { try store.read { try $0.connection.execute("PRAGMA max_page_count = 1073741823") } }

    /// A user big enough to need new pages.
    private func bigUser(_ name: String) -> String {
        #"{"schemas":["\#(userURN)"],"userName":"\#(name)","title":"\#(String(repeating: "x", count: 200_000))"}"#
    }

    private func expectNoSQL(_ text: String?) {
        for word in ["SQLite error", "COMMIT", "INSERT", "no such table", "database or disk"] {
            #expect(text?.contains(word) == false, "\(text ?? "")")
        }
    }

    @Test func aSCIMWriteIs503WithAUsersMessageAndSucceedsOnceSpaceIsFreed() throws {
        try fillDisk()
        let refused = try scim(app, "POST", "/scim/v2/Users", bigUser("full@example.com"))
        #expect(refused.status == 503)
        #expect(refused.json["schemas"] == .array([.string("urn:ietf:params:scim:api:messages:2.0:Error")]))
        #expect(refused.json["status"] == .string("503"))
        #expect(refused.json["detail"]?.stringValue?.contains("disk is full") == true, "\(refused.json)")
        expectNoSQL(refused.json["detail"]?.stringValue)
        try freeSpace()
        #expect(try scim(app, "POST", "/scim/v2/Users", bigUser("full@example.com")).status == 201)
    }

    @Test func anAdminFixtureLoadIs507InTheAdminFormat() throws {
        try fillDisk()
        let fixture =
            #"{"accounts":[{"id":"another","identity_providers":[{"id":"idp-2","name":"Two","type":"okta","#
            + #""scim_secrets":["second-secret"],"users":[\#(bigUser("big@example.com"))]}]}]}"#
        let response = app.handle(
            HTTPRequest(method: "POST", target: "/__admin/fixtures", headers: HTTPHeaders(), body: Array(fixture.utf8)))
        let json = try #require(try JSONReader.parse(response.body).objectValue)
        #expect(response.status == 507, "\(json)")
        #expect(json["success"] == .bool(false))
        #expect(json["error"]?.stringValue?.hasPrefix("the mock's disk is full") == true, "\(json)")
        #expect(json["path"] == nil)
        expectNoSQL(json["error"]?.stringValue)
    }

    @Test func theLogSaysItOnceUntilWritesSucceedAgain() throws {
        try fillDisk()
        for name in ["a@example.com", "b@example.com", "c@example.com"] {
            #expect(try scim(app, "POST", "/scim/v2/Users", bigUser(name)).status == 503)
        }
        #expect(log.lines.count == 1)
        #expect(log.lines.first?.contains("is full") == true)
        try freeSpace()
        #expect(try scim(app, "POST", "/scim/v2/Users", bigUser("d@example.com")).status == 201)
        #expect(log.lines.count == 2)
        #expect(log.lines.last?.contains("takes writes again") == true)
    }

    @Test func everySurfaceAnswersAFullDiskInItsOwnFormat() throws {
        let full = StoreError.storage(SQLiteError(code: 13, message: "database or disk is full", sql: "COMMIT"))
        let v4 = ErrorResponses.render(full, for: .cloudflare)
        let envelope = try #require(try JSONReader.parse(v4.body).objectValue)
        #expect(v4.status == 507)
        #expect(envelope["success"] == .bool(false))
        #expect(envelope["errors"]?.arrayValue?.first?.objectValue?["code"] == .number("1000"))
        expectNoSQL(String(decoding: v4.body, as: UTF8.self))
        let admin = ErrorResponses.render(full, for: .admin)
        #expect(admin.status == 507)
        expectNoSQL(String(decoding: admin.body, as: UTF8.self))
        let dashboard = ErrorResponses.dashboard(full, html: false)
        #expect(dashboard.status == 507)
        expectNoSQL(String(decoding: dashboard.body, as: UTF8.self))
    }

    @Test func anotherStorageFailureIs500WithoutItsSQL() throws {
        let failure = StoreError.storage(SQLiteError(code: 1, message: "no such table: users", sql: "INSERT INTO users"))
        for surface in [Surface.cloudflare, .scim, .admin, .dashboard] {
            let response = ErrorResponses.render(failure, for: surface)
            #expect(response.status == 500)
            expectNoSQL(String(decoding: response.body, as: UTF8.self))
        }
    }
}

/// Lines a store reported, collected across threads.
final class ReportedLines: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func append(_ line: String) { storage.withLock { $0.append(line) } }
}
