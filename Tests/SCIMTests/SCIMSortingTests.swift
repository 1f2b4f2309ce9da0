import JSON
import SCIM
import Testing

/// Typed sort keys: each attribute compares as its schema type says.
@Suite struct SCIMSortingTests {
    static func user(_ json: String) throws -> JSONObject { try #require(try JSONReader.parse(Array(json.utf8)).objectValue) }

    @Test func dateTimesCompareAsInstants() throws {
        let early = try Self.user(#"{"meta":{"created":"2025-01-01T01:30:00+02:00"}}"#)
        let late = try Self.user(#"{"meta":{"created":"2025-01-01T00:00:00Z"}}"#)
        let (a, b) = (SCIMSorting.key(early, "meta.created"), SCIMSorting.key(late, "meta.created"))
        #expect(SCIMSorting.less(a, b, descending: false))
    }

    @Test func numbersCompareAsNumbers() {
        #expect(SCIMSorting.Value.number(9) < .number(10))
        let nine = JSONObject([("rank", .number("9"))])
        let ten = JSONObject([("rank", .number("10"))])
        #expect(SCIMSorting.less(SCIMSorting.key(nine, "rank"), SCIMSorting.key(ten, "rank"), descending: false))
    }

    @Test func booleansAndCaseExactness() throws {
        let off = try Self.user(#"{"active":false,"id":"b","userName":"B"}"#)
        let on = try Self.user(#"{"active":true,"id":"a","userName":"a"}"#)
        #expect(SCIMSorting.key(off, "active")! < SCIMSorting.key(on, "active")!)
        #expect(SCIMSorting.key(on, "userName")! < SCIMSorting.key(off, "userName")!)
        #expect(SCIMSorting.key(JSONObject([("id", .string("B"))]), "id")! < SCIMSorting.key(on, "id")!)
    }

    @Test func missingValuesSortLastInBothOrders() throws {
        let named = try Self.user(#"{"displayName":"x","emails":[{"value":"b@x"},{"value":"a@x","primary":true}]}"#)
        #expect(SCIMSorting.key(named, "emails") == .string("a@x"))
        for descending in [false, true] {
            #expect(SCIMSorting.less(SCIMSorting.key(named, "displayName"), nil, descending: descending))
            #expect(!SCIMSorting.less(nil, SCIMSorting.key(named, "displayName"), descending: descending))
        }
    }

    @Test func extensionAttributesByURN() throws {
        let user = try Self.user(#"{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"}}"#)
        #expect(SCIMSorting.key(user, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department") == .string("r&d"))
    }
}
