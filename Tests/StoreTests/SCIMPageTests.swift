import JSON
import SCIM
import SQLite
import TestSupport
import Testing

@testable import Store

/// `Store.scimPage` against the reference: every row loaded, `FilterEvaluator` on the resource, a stable
/// Swift sort, then the window sliced.
@Suite struct SCIMPageTests {
    typealias Page = (ids: [String], total: Int)

    static func store(_ generator: inout SCIMPageFixture, users: Int, groups: Int) throws -> Store {
        let store = try Store()
        try load([generator.fixture(users: users, groups: groups)], into: store)
        return store
    }

    static func page(
        _ store: Store, _ table: Store.Table, _ filter: SCIMFilter?, sortBy: String? = nil,
        descending: Bool = false, startIndex: Int = 1, count: Int = 1000, cached: Bool = false
    ) throws -> Page {
        try store.read { state in
            let page = try Store.scimPage(
                table, idp: SCIMPageFixture.idp, filter: filter, sortBy: sortBy,
                descending: descending, startIndex: startIndex, count: count,
                full: { $0.json }, cache: cached ? state : nil, state.connection)
            return (page.rows.map(\.id), page.total)
        }
    }

    static func reference(
        _ store: Store, _ table: Store.Table, _ filter: SCIMFilter?, sortBy: String? = nil,
        descending: Bool = false, startIndex: Int = 1, count: Int = 1000
    ) throws -> Page {
        let all = try store.read { try Store.resources(table, idp: SCIMPageFixture.idp, equality: nil, $0.connection) }
        var matched = all.filter { filter?.matches($0.json, schema: table.schema, extensions: table.extensions) ?? true }
        if let sortBy {
            let keyed = matched.enumerated().map { ($0.offset, SCIMSorting.key($0.element.json, sortBy, schema: table.schema)) }
            let order = keyed.sorted { a, b in
                SCIMSorting.less(a.1, b.1, descending: descending)
                    || (!SCIMSorting.less(b.1, a.1, descending: descending) && a.0 < b.0)
            }
            matched = order.map { matched[$0.0] }
        }
        let start = startIndex - 1
        let ids = start < matched.count ? matched[start..<min(matched.count, start + count)].map(\.id) : []
        return (ids, matched.count)
    }

    @Test(arguments: [false, true]) func generatedFiltersMatchTheEvaluator(plainOnly: Bool) throws {
        var generator = SCIMPageFixture(rng: 0x5C1A, plainOnly: plainOnly)
        let store = try Self.store(&generator, users: 120, groups: 30)
        let sorts: [String?] = [
            nil, nil, "userName", "displayName", "id", "externalId", "meta.created", "meta.lastModified",
            "name.familyName", "active", "emails", "title",
        ]
        for round in 0..<300 {
            let table: Store.Table = round % 4 == 3 ? .groups : .users
            let filter = generator.filter(table)
            let sortBy = generator.pick(sorts)
            let descending = generator.chance(30)
            let startIndex = generator.chance(50) ? 1 : 1 + generator.next(130)
            let count = generator.pick([0, 1, 7, 50, 1000])
            let got = try Self.page(
                store, table, filter, sortBy: sortBy, descending: descending,
                startIndex: startIndex, count: count)
            let want = try Self.reference(
                store, table, filter, sortBy: sortBy, descending: descending,
                startIndex: startIndex, count: count)
            #expect(
                got.ids == want.ids && got.total == want.total,
                "\(table) filter \(filter) sortBy \(sortBy ?? "-") desc \(descending) start \(startIndex) count \(count)")
        }
    }

    @Test func pagesAreWindowsOfTheMatches() throws {
        var generator = SCIMPageFixture(rng: 7)
        let store = try Self.store(&generator, users: 450, groups: 0)
        let inexact = try FilterParser.parse(#"title pr or userName co "a""#)
        for filter in [nil, inexact, try FilterParser.parse(#"active eq false"#)] {
            let total = try Self.reference(store, .users, filter).total
            for (start, count) in [(1, 0), (1, 10), (201, 200), (total, 5), (total + 1, 10), (10_000, 10), (399, 1000)] {
                let got = try Self.page(store, .users, filter, startIndex: start, count: count)
                let want = try Self.reference(store, .users, filter, startIndex: start, count: count)
                #expect(got.ids == want.ids && got.total == want.total, "\(filter.map(\.description) ?? "-") \(start) \(count)")
            }
        }
        #expect(try Self.page(store, .users, nil, startIndex: 451, count: 10) == ([], 450))
        #expect(try Self.page(store, .users, nil, count: 0) == ([], 450))
    }

    @Test func sortBySQLAndSwiftAgree() throws {
        var generator = SCIMPageFixture(rng: 99)
        let store = try Self.store(&generator, users: 60, groups: 10)
        for sortBy in [
            "userName", "displayName", "externalId", "id", "meta.created", "meta.lastModified", "name.formatted",
            "\(SCIMSchema.userURN):userName", "active", "emails",
        ] {
            for descending in [false, true] {
                let got = try Self.page(store, .users, nil, sortBy: sortBy, descending: descending)
                let want = try Self.reference(store, .users, nil, sortBy: sortBy, descending: descending)
                #expect(got == want, "\(sortBy) \(descending)")
            }
        }
    }

    @Test func plainColumnsSortInSQL() throws {
        let store = try makeStore()
        let order = try store.read { try Store.sqlOrder(.users, idp: okta, sortBy: "userName", descending: true, $0.connection) }
        #expect(order == "(user_name IS NULL), user_name COLLATE NOCASE DESC, pk")
        let none = try store.read {
            try Store.sqlOrder(.users, idp: okta, sortBy: "name.familyName", descending: false, $0.connection)
        }
        #expect(none == nil)
    }

    private func corrupt(_ store: Store, to text: String) throws {
        try store.write { connection in
            try connection.statement("UPDATE users SET resource = ? WHERE pk = (SELECT min(pk) FROM users)").run([text])
            return ((), .fixturesLoaded)
        }
    }

    /// An exact page hands rows on unparsed; reading one that is not a JSON object is an error, never `{}`.
    @Test func aCorruptRowIsAnErrorNotAnEmptyResource() throws {
        let store = try makeStore()
        try corrupt(store, to: #"{"id":"#)
        #expect(throws: StoreError.self) {
            try store.read { state in
                try Store.scimPage(
                    .users, idp: okta, filter: nil, sortBy: nil, startIndex: 1, count: 100,
                    full: { $0.json }, state.connection
                ).rows.map { try $0.resource(.users) }
            }
        }
        try corrupt(store, to: "[1]")
        #expect(throws: StoreError.self) {
            try store.read { state in
                try Store.scimPage(
                    .users, idp: okta, filter: try FilterParser.parse("title pr"), sortBy: nil,
                    startIndex: 1, count: 100, full: { $0.json }, state.connection)
            }
        }
    }

    /// With the store's cache, a page in creation order starts from the nearest stride of row ids;
    /// every window, on both sides of each stride boundary, must be the uncached one.
    @Test func cachedStridesGiveTheSameWindows() throws {
        var generator = SCIMPageFixture(rng: 7)
        generator.plainOnly = true
        let store = try Self.store(&generator, users: 700, groups: 0)
        let starts = [1, 2, 255, 256, 257, 258, 511, 512, 513, 600, 699, 700, 701, 800]
        for start in starts {
            for count in [1, 100, 300] {
                let cached = try Self.page(store, .users, nil, startIndex: start, count: count, cached: true)
                #expect(
                    cached.ids == (try Self.page(store, .users, nil, startIndex: start, count: count)).ids,
                    "startIndex \(start), count \(count)")
                #expect(cached.total == 700)
            }
        }
    }

    /// The parser takes 1,000 comparisons; SQLite's expression trees stop at a depth of 1,000. A filter
    /// past `SCIMFilterSQL.maxPushedTerms` is checked in Swift instead, with the same answer.
    @Test(arguments: [" and ", " or "])
    func aFilterOfAThousandComparisonsIsAnsweredInSwift(_ joiner: String) throws {
        var generator = SCIMPageFixture(rng: 11)
        let store = try Self.store(&generator, users: 40, groups: 0)
        let ids = try Self.page(store, .users, nil).ids
        // 997 comparisons that hold for every user with "and" and for none with "or", then three naming users.
        let op = joiner == " and " ? "ne" : "eq"
        let terms = (0..<997).map { #"id \#(op) "absent\#($0)""# }
        let wanted = #"(id eq "\#(ids[4])" or id eq "\#(ids[9])" or id eq "\#(ids[20])")"#
        let filter = try FilterParser.parse((terms + [wanted]).joined(separator: joiner))
        #expect(!SCIMFilterSQL.pushable(filter))
        let page = try Self.page(store, .users, filter, startIndex: 2, count: 10, cached: true)
        #expect(page.total == 3)
        #expect(page.ids == [ids[9], ids[20]])
    }
}
