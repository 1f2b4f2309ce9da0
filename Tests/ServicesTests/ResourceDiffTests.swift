import JSON
import Services
import Testing

/// The diff between two states of a resource: SCIM paths, keyed multi-valued items, `meta` left out.
@Suite struct ResourceDiffTests {
    private func object(_ text: String) throws -> JSONObject {
        try #require(try JSONReader.parse(Array(text.utf8)).objectValue)
    }

    /// A stored extension may hold tens of thousands of keys (the SCIM surface keeps unknown extensions);
    /// with a lookup per key in `JSONObject`'s linear entries this diff took minutes, holding a worker.
    @Test(.timeLimit(.minutes(1))) func anObjectOfManyKeysIsDiffedInLinearTime() {
        let count = 40_000
        func state(_ value: Int) -> JSONObject {
            let wide = (0..<count).map { (key: "k\($0)", value: JSONValue.object(JSONObject([("x", .number(String(value)))]))) }
            return JSONObject([("userName", .string("wide")), ("urn:example:wide", .object(JSONObject(wide)))])
        }
        let diff = ResourceDiff(from: state(1), to: state(2))
        #expect(diff.changes.count == count)
        #expect(diff.changes.first?.path == "urn:example:wide.k0.x")
        #expect(diff.changes.last?.path == "urn:example:wide.k\(count - 1).x")
    }

    @Test func subAttributesAreDottedPathsAndMetaIsLeftOut() throws {
        let old = try object(#"{"name":{"givenName":"Ada","familyName":"L"},"title":"A","meta":{"version":"W/\"1\""}}"#)
        let new = try object(#"{"name":{"givenName":"Ada","familyName":"Lovelace"},"nickName":"A","meta":{"version":"W/\"2\""}}"#)
        let diff = ResourceDiff(from: old, to: new)
        #expect(diff.changes.map(\.path) == ["nickName", "title", "name.familyName"])
        #expect(diff.changes.map(\.kind) == [.added, .removed, .changed])
        #expect(diff.changes[2].old == .string("L") && diff.changes[2].new == .string("Lovelace"))
    }

    @Test func itemsWithDistinctValuesAreComparedOneByOne() throws {
        let old = try object(#"{"emails":[{"value":"a@x","primary":true},{"value":"b\"q@x"}]}"#)
        let new = try object(#"{"emails":[{"value":"a@x","primary":false},{"value":"c@x"}]}"#)
        let diff = ResourceDiff(from: old, to: new)
        #expect(
            diff.changes.map(\.path) == [
                #"emails[value eq "a@x"]"#, #"emails[value eq "c@x"]"#, #"emails[value eq "b\"q@x"]"#,
            ])
        #expect(diff.changes.map(\.kind) == [.changed, .added, .removed])
    }

    @Test func otherArraysAreComparedWholeAndNothingToSomethingIsAllAdded() throws {
        let new = try object(#"{"schemas":["a","b"],"groups":[{"value":"g"}]}"#)
        let changed = ResourceDiff(from: try object(#"{"schemas":["a"]}"#), to: new)
        #expect(changed.changes.map(\.path) == ["schemas", #"groups[value eq "g"]"#])
        #expect(ResourceDiff(from: nil, to: new).changes.allSatisfy { $0.kind == .added })
        #expect(ResourceDiff(from: new, to: new).isEmpty)
    }
}
