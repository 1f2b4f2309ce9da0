import Replay
import Testing

@Suite struct IDMapTests {
    let old = "23a35c27-23d3-4c03-b4c5-6443c09e7173"
    let new = "90dd321d-b788-4f7d-9e86-14a8009bb145"

    var map: IDMap {
        var map = IDMap()
        map.record(recorded: old, actual: new)
        map.record(recorded: "48af03ac28ad4fb88478", actual: "n-2")
        map.record(recorded: "same", actual: "same")
        return map
    }

    @Test func pathSegments() {
        #expect(map.rewrite(path: "/scim/v2/Users/\(old)") == "/scim/v2/Users/\(new)")
        #expect(map.rewrite(path: "/scim/v2/Users/48af03ac28ad4fb88478?attributes=id") == "/scim/v2/Users/n-2?attributes=id")
        // Only whole segments: a longer segment is left alone.
        #expect(map.rewrite(path: "/scim/v2/Users/48af03ac28ad4fb88478x") == "/scim/v2/Users/48af03ac28ad4fb88478x")
        #expect(map.rewrite(path: "/populations/idp/scim/v2/Users") == "/populations/idp/scim/v2/Users")
        #expect(map["same"] == nil)
    }

    @Test func queryTokens() {
        #expect(
            map.rewrite(path: "/scim/v2/Users?filter=id%20eq%20%22\(old)%22") == "/scim/v2/Users?filter=id%20eq%20%22\(new)%22")
        // Non-UUID ids are not replaced inside the query.
        #expect(map.rewrite(path: "/x?filter=id+eq+%2248af03ac28ad4fb88478%22") == "/x?filter=id+eq+%2248af03ac28ad4fb88478%22")
    }

    @Test func bodyStringValues() throws {
        let body = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[\
            {"op":"add","path":"members","value":[{"value":"\(old)","display":"x"},{"value":"48af03ac28ad4fb88478"}]},\
            {"op":"remove","path":"members[value eq \\"\(old)\\"]"},\
            {"op":"replace","value":{"id":"\(old)","count":7,"note":"48af03ac28ad4fb88478 inside"}}]}
            """
        let rewritten = try #require(map.rewrite(body: Array(body.utf8)))
        let expected = body.replacingOccurrences(of: "\"\(old)\"", with: "\"\(new)\"")
            .replacingOccurrences(of: "\\\"\(old)\\\"", with: "\\\"\(new)\\\"")
            .replacingOccurrences(of: "{\"value\":\"48af03ac28ad4fb88478\"}", with: "{\"value\":\"n-2\"}")
        #expect(String(decoding: rewritten, as: UTF8.self) == expected)
    }

    @Test func untouchedBodiesAreSentAsRecorded() {
        #expect(map.rewrite(body: Array(#"{"userName":"a", "n": 1.50}"#.utf8)) == nil)
        #expect(map.rewrite(body: Array("not json \(old)".utf8)) == nil)
        #expect(IDMap().rewrite(body: Array(#"{"value":"\#(old)"}"#.utf8)) == nil)
    }

    @Test func upperCaseUUIDsAreTokens() {
        var map = IDMap()
        map.record(recorded: "ABCDEF01-2345-6789-ABCD-EF0123456789", actual: "new")
        #expect(map.rewrite(string: "members[value eq \"ABCDEF01-2345-6789-ABCD-EF0123456789\"]") == "members[value eq \"new\"]")
    }
}
