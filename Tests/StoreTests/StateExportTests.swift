import SCIM
import Store
import TestSupport
import Testing

/// `Store.stateExport`: the state as a fixture a page at a time, byte for byte the document read at once.
@Suite struct StateExportTests {
    /// The default fixture plus a generated account: several IdPs, secrets, users, groups with members,
    /// logs, and an account whose IdP has none of them.
    private func store() throws -> Store {
        let empty = #"{"accounts":[{"id":"0","identity_providers":[{"id":"bare","name":"Bare"}]}]}"#
        return try makeStore([defaultFixtureText, generatedFixtureText(idps: 3, users: 40, groups: 6, logs: 90), empty])
    }

    private func parts(_ export: StateExport) throws -> [[UInt8]] {
        var parts: [[UInt8]] = []
        while let part = try export.next() { parts.append(part) }
        return parts
    }

    @Test(arguments: [1, 2, 3, 7, 50, 2000])
    func pagedExportIsTheDocumentReadAtOnce(pageRows: Int) throws {
        let store = try store()
        let whole = try store.exportState(pageRows: .max)
        let parts = try parts(store.stateExport(pageRows: pageRows))
        #expect(parts.joined().elementsEqual(whole))
        if pageRows < 50 { #expect(parts.count > 10, "a small page size reads the state in many pages") }
    }

    @Test func theFirstPageIsAPrefixOfTheDocument() throws {
        let store = try store()
        let whole = try store.exportState(pageRows: .max)
        let first = try #require(try store.stateExport(pageRows: 5).next())
        #expect(first.count < whole.count / 4)
        #expect(whole.starts(with: first))
    }

    @Test func anEmptyStoreExportsNoAccounts() throws {
        #expect(try parts(Store().stateExport(pageRows: 1)).joined().elementsEqual(Array(#"{"accounts":[]}"#.utf8) + [10]))
    }

    @Test func aWriteBetweenPagesStopsTheExport() throws {
        let store = try store()
        let export = store.stateExport(pageRows: 10)
        _ = try export.next()
        try load([#"{"accounts":[{"id":"late"}]}"#], into: store)
        let error = #expect(throws: StoreError.self) { try export.next() }
        #expect(error?.description == StoreError.changedDuringExport.description)
    }

    @Test func readsBetweenPagesDoNotStopIt() throws {
        let store = try store()
        let export = store.stateExport(pageRows: 10)
        var parts = [try #require(try export.next())]
        _ = try store.counts()
        _ = try store.exportState()
        while let part = try export.next() { parts.append(part) }
        #expect(parts.joined().elementsEqual(try store.exportState(pageRows: .max)))
    }

    @Test func theExportLoadsBackToTheSameExport() throws {
        let exported = try store().exportState(pageRows: 3)
        let reloaded = try makeStore([String(decoding: exported, as: UTF8.self)])
        #expect(try reloaded.exportState(pageRows: 4) == exported)
    }
}
