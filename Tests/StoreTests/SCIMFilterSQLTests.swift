import JSON
import SCIM
import SQLite
import TestSupport
import Testing

@testable import Store

/// The translator's bounds: which filters SQL decides, which it only narrows, and that the SQL it
/// writes means what the evaluator means on the rows it decides.
@Suite struct SCIMFilterSQLTests {
    static func sql(_ text: String, _ table: Store.Table = .users) throws -> SCIMFilterSQL {
        SCIMFilterSQL.translate(try FilterParser.parse(text), table: table)
    }

    @Test func exactFilters() throws {
        for text in [
            "active eq false", "active ne true", #"meta.created gt "2025-01-01T00:00:00Z""#,
            #"meta.lastModified le "2025-01-02T00:00:00.5Z" and active eq false"#, "id pr", "userName pr",
            "emails.value pr", #"active eq "true""#, "meta.created pr", "not (active eq false)",
            "active eq true", "active pr", "active ne false",
        ] {
            #expect(try Self.sql(text).exact, "\(text)")
        }
        #expect(try Self.sql("displayName pr", .groups).exact)
    }

    @Test func boundedFilters() throws {
        for text in [
            #"userName sw "u1""#, "displayName pr", #"emails[type eq "work" and value co "x"]"#,
            #"userName eq "x" or active eq true"#,
        ] {
            let translated = try Self.sql(text)
            #expect(!translated.exact && translated.narrows, "\(text)")
        }
    }

    @Test func filtersNothingCanPush() throws {
        for text in [
            #"title eq "x""#, #"userName eq "x" or title pr"#, #"meta.created co "2025""#, #"emails[type eq "work"]"#,
            #"urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "x""#, "groups pr",
        ] {
            #expect(try !Self.sql(text).narrows, "\(text)")
        }
        #expect(try Self.sql(#"title eq "x" and userName eq "y""#).narrows)
    }

    @Test func nonASCIIOperandsAreLeftToSwift() throws {
        let translated = try Self.sql(#"userName eq "émile""#)
        #expect(translated.sure.isNever)
        #expect(translated.maybe.sql == "user_name IS NOT NULL")
    }

    /// SQLite and Swift on the same rows: SQL must never reject a row Swift accepts, and must accept only
    /// rows Swift accepts.
    @Test func boundsHoldOnAwkwardText() throws {
        let store = try Store()
        let names = ["K1", "\u{212A}1", "e\u{301}x", "ex", "100%", "100x", "a_b", "axb", "a\\b", "x\r\ny", "ÉMILE", "émile"]
        let users = names.enumerated().map { index, name in
            #"{"schemas":["\#(SCIMSchema.userURN)"],"id":"u\#(index)","userName":\#(JSONValue.string(name).serialized())}"#
        }
        let provider = #"{"id":"p","name":"P","type":"okta","users":[\#(users.joined(separator: ","))]}"#
        try load([#"{"accounts":[{"id":"a","identity_providers":[\#(provider)]}]}"#], into: store)
        for text in [
            #"userName sw "k""#, #"userName eq "K1""#, #"userName sw "e""#, #"userName co "%""#, #"userName co "_""#,
            #"userName co "\\""#, #"userName co "\r""#, #"userName eq "émile""#, #"userName ew "x""#,
            #"userName gt "a""#,
            #"not (userName sw "e")"#,
        ] {
            let filter = try FilterParser.parse(text)
            let translated = SCIMFilterSQL.translate(filter, table: .users)
            try store.read { state in
                let rows = try Store.resources(.users, idp: "p", equality: nil, state.connection)
                let maybe = try Self.ids(translated.maybe, state.connection)
                let sure = try Self.ids(translated.sure, state.connection)
                for row in rows {
                    let accepted = filter.matches(row.json, schema: .user)
                    if accepted { #expect(maybe.contains(row.id), "\(text): maybe lost \(row.id)") }
                    if sure.contains(row.id) { #expect(accepted, "\(text): sure took \(row.id)") }
                }
            }
        }
    }

    static func ids(_ clause: SCIMFilterSQL.Clause, _ connection: Connection) throws -> Set<String> {
        Set(try connection.statement("SELECT id FROM users WHERE \(clause.sql)").query(clause.bindings) { $0.string(0) ?? "" })
    }
}
