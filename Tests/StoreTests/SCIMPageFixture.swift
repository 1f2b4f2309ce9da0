import JSON
import SCIM
import SQLite

@testable import Store

/// Generated users and groups, and generated filters over them, for comparing `Store.scimPage` with the
/// evaluator: mixed case, text SQLite and Swift fold or match differently (non-ASCII, the Kelvin sign,
/// combining marks, CR LF), LIKE wildcards, missing attributes, keys spelled in other cases, `active`
/// true/false/unassigned, sub-millisecond timestamps.
struct SCIMPageFixture {
    static let idp = "11111111-2222-4333-8444-555555555555"

    /// Fragments values are built from; filters draw operands from the same pool, so they hit.
    static let words = [
        "alice", "Alice", "ALICE", "bob", "Émile", "émile", "stra\u{DF}e", "\u{212A}ate", "kate", "Kate",
        "e\u{301}va", "eva", "100%", "a_b", "a\\b", "x\r\ny", "İzmir", "izmir", "u1", "U1", "u10", "zoë", "",
    ]

    var rng: UInt64
    /// Only printable-ASCII text, so SQL decides and sorts (the exact paths) rather than Swift.
    var plainOnly = false

    var words: [String] { plainOnly ? Self.words.filter(SCIMFilterSQL.isPlain) : Self.words }

    mutating func next(_ bound: Int) -> Int {
        rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((rng >> 33) % UInt64(bound))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }

    /// A fixture file with `users` users and `groups` groups in one IdP.
    mutating func fixture(users: Int, groups: Int) -> String {
        let userObjects = (0..<users).map { user($0) }
        let groupObjects = (0..<groups).map { index -> JSONValue in
            var group = JSONObject([
                ("schemas", .array([.string(SCIMSchema.groupURN)])), ("id", .string("g\(index)")),
                ("displayName", .string(pick(words) + " group \(index)")),
            ])
            if chance(50) { group["externalId"] = .string(pick(words) + "\(index)") }
            let members = (0..<users).filter { _ in chance(20) }
                .map { JSONValue.object(JSONObject([("value", .string(id($0)))])) }
            if !members.isEmpty { group["members"] = .array(members) }
            return .object(group)
        }
        let provider = JSONObject([
            ("id", .string(Self.idp)), ("name", .string("Generated")), ("type", .string("okta")),
            ("scim_secrets", .array([.string("generated-secret")])),
            ("users", .array(userObjects)), ("groups", .array(groupObjects)),
        ])
        let account = JSONObject([("id", .string("acc-generated")), ("identity_providers", .array([.object(provider)]))])
        let root = JSONObject([("accounts", .array([.object(account)]))])
        return JSONValue.object(root).serialized()
    }

    func id(_ index: Int) -> String {
        index % 7 == 3 ? "U\(index)-" + (plainOnly ? "e" : "\u{E9}") : (index % 5 == 1 ? "ID\(index)" : "id\(index)")
    }

    private mutating func user(_ index: Int) -> JSONValue {
        var user = JSONObject([
            ("schemas", .array([.string(SCIMSchema.userURN)])), ("id", .string(id(index))),
            ("userName", .string(pick(words) + "\(index)" + (chance(20) ? pick(words) : ""))),
        ])
        if chance(60) { user["externalId"] = .string(pick(words) + pick(["", "X", "x"])) }
        if chance(50) { user[chance(20) ? "DisplayName" : "displayName"] = .string(pick(words) + " " + pick(words)) }
        if chance(40) {
            user["name"] = .object(JSONObject([("formatted", .string(pick(words))), ("familyName", .string(pick(words)))]))
        }
        if chance(70) { user[chance(15) ? "Active" : "active"] = .bool(chance(70)) }
        if chance(30) { user["title"] = .string(pick(words)) }
        let emails = (0..<next(3)).map { _ -> JSONValue in
            var email = JSONObject([("value", .string(pick(words) + "@" + pick(["x.com", "X.COM", "ex_ample.org"])))])
            if chance(60) { email["type"] = .string(pick(["work", "home", "Work"])) }
            if chance(30) { email["primary"] = .bool(true) }
            return .object(email)
        }
        if !emails.isEmpty { user["emails"] = .array(emails) }
        let created = 1_735_689_600_000_000 + Int64(next(5_000)) * 1_000 + Int64(next(3)) * 337
        let modified = Timestamp(microseconds: created + Int64(next(4)) * 500)
        user["meta"] = .object(
            JSONObject([
                ("created", .string(Timestamp(microseconds: created).rfc3339Micros)),
                ("lastModified", .string(modified.rfc3339Micros)),
            ]))
        return .object(user)
    }

    // MARK: Filters

    static let userPaths = [
        "id", "userName", "externalId", "displayName", "emails", "emails.value", "active", "meta.created",
        "meta.lastModified", "title", "name.formatted", "\(SCIMSchema.userURN):userName", "emails.type",
        "\(SCIMSchema.groupURN):displayName",
    ]
    static let groupPaths = ["id", "displayName", "externalId", "meta.created", "members.value", "members"]

    mutating func filter(_ table: Store.Table, depth: Int = 0) -> SCIMFilter {
        switch depth < 2 ? next(10) : 9 {
        case 0: return .and((0..<2 + next(2)).map { _ in filter(table, depth: depth + 1) })
        case 1: return .or((0..<2 + next(2)).map { _ in filter(table, depth: depth + 1) })
        case 2: return .not(filter(table, depth: depth + 1))
        case 3 where table == .users:
            let inner: SCIMFilter = chance(50) ? leaf("value") : .and([leaf("type"), leaf("value")])
            return .valuePath(AttributePath(attribute: "emails"), inner)
        default: return leaf(pick(table == .users ? Self.userPaths : Self.groupPaths))
        }
    }

    private mutating func leaf(_ text: String) -> SCIMFilter {
        let path = Store.attributePath(text) ?? AttributePath(attribute: text)
        if chance(8) { return .present(path) }
        let op = pick(CompareOperator.allCases)
        return .compare(path, op, operand(text))
    }

    private mutating func operand(_ path: String) -> JSONValue {
        switch next(20) {
        case 0: return .null
        case 1: return .number("1")
        case 2, 3: return .bool(chance(50))
        case 4, 5:
            let micros = 1_735_689_600_000_000 + Int64(next(5_000)) * 1_000 + Int64(next(2)) * 337
            return .string(chance(80) ? Timestamp(microseconds: micros).rfc3339Micros : "2025-01-01")
        default:
            let word = pick(words)
            let cut = word.isEmpty ? word : String(word.prefix(1 + next(word.count)))
            return .string(pick([word, cut, cut.uppercased(), "u1", "id1", "ID1", "@x.com", "work", word + "1", "g1"]))
        }
    }
}
