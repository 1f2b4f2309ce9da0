import JSON
import SCIM
import Testing

@Suite struct PatchRequestParsingTests {
    @Test func matchesOpsCaseInsensitivelyAndIgnoresExtraMembers() throws {
        let request = try PatchRequest.parse(
            PatchFixture.body(
                #"""
                [{"op":"Add","path":"members","value":[{"value":"u3"}],"name":"addMember"},
                 {"OP":"REPLACE","Path":"displayName","Value":"Ops"},
                 {"op":"Remove","path":"members[value eq \"u1\"]"}]
                """#))
        #expect(
            request.operations == [
                PatchOperation(op: .add, path: "members", value: PatchFixture.value(#"[{"value":"u3"}]"#)),
                PatchOperation(op: .replace, path: "displayName", value: .string("Ops")),
                PatchOperation(op: .remove, path: #"members[value eq "u1"]"#),
            ])
    }

    @Test func keepsExplicitNullApartFromAbsentValue() throws {
        let request = try PatchRequest.parse(
            PatchFixture.body(#"[{"op":"replace","path":"title","value":null},{"op":"remove","path":"title"}]"#))
        #expect(request.operations.map(\.value) == [.null, nil])
    }

    @Test func treatsEmptyPathAsAbsent() throws {
        let request = try PatchRequest.parse(PatchFixture.body(#"[{"op":"replace","path":"","value":{"active":false}}]"#))
        #expect(request.operations.first?.path == nil)
    }

    @Test(arguments: [
        (#"{"Operations":[{"op":"add","path":"title","value":"x"}]}"#, "schemas"),
        (
            #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"Operations":[{"op":"add","path":"title","value":"x"}]}"#,
            "PatchOp"
        ),
        (#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}"#, "Operations"),
        (#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}"#, "Operations"),
        (#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":{"op":"add"}}"#, "Operations"),
        (#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":["add"]}"#, "Operations[0]"),
        (
            #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"move","path":"a"}]}"#,
            "Operations[0].op"
        ),
        (#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"path":"a"}]}"#, "Operations[0].op"),
        (
            #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":3,"value":1}]}"#,
            "Operations[0].path"
        ),
        (
            #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"a"},{"op":"add","path":"a"}]}"#,
            "Operations[1]"
        ),
    ])
    func rejectsMalformedBodiesAsInvalidValue(body: String, named: String) {
        let error = #expect(throws: SCIMError.self) { try PatchRequest.parse(PatchFixture.object(body)) }
        #expect(error?.scimType == "invalidValue")
        #expect(error?.detail.contains(named) == true, "\(String(describing: error))")
    }
}

/// The documented limits on one PATCH: how many operations, and how long a path.
@Suite struct PatchRequestLimitTests {
    private func body(operations count: Int, path: String = "title") -> JSONObject {
        let operation = #"{"op":"replace","path":\#(JSONValue.string(path).serialized()),"value":"x"}"#
        return PatchFixture.body("[" + Array(repeating: operation, count: count).joined(separator: ",") + "]")
    }

    @Test func theLimitOfOperationsIsAccepted() throws {
        #expect(try PatchRequest.parse(body(operations: PatchRequest.maxOperations)).operations.count == 1_000)
    }

    @Test func oneMoreOperationIsTooMany() {
        #expect(throws: SCIMError.tooMany(#""Operations" holds 1001 operations; at most 1000 are accepted in one request"#)) {
            try PatchRequest.parse(body(operations: PatchRequest.maxOperations + 1))
        }
    }

    @Test func aPathOverTheLimitIsAnInvalidPath() throws {
        _ = try PatchRequest.parse(body(operations: 1, path: String(repeating: "a", count: PatchRequest.maxPathLength)))
        #expect(throws: SCIMError.invalidPath("Operations[0].path is longer than 8192 characters")) {
            try PatchRequest.parse(body(operations: 1, path: String(repeating: "a", count: PatchRequest.maxPathLength + 1)))
        }
    }
}
