import SCIM
import Testing

@Suite struct PatchValueCoercionTests {
    @Test(arguments: [("True", true), ("false", false), ("FALSE", false), ("true", true)])
    func storesBooleanStringsAsBooleans(text: String, expected: Bool) throws {
        let result = try PatchFixture.patch(PatchFixture.user, #"[{"op":"replace","path":"active","value":"\#(text)"}]"#)
        #expect(result["active"] == .bool(expected))
    }

    @Test func coercesBooleanSubAttributes() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user, #"[{"op":"add","path":"emails","value":[{"value":"b@x","primary":"False"}]}]"#)
        #expect(result["emails"]?.arrayValue?.last == PatchFixture.value(#"{"value":"b@x","primary":false}"#))
    }

    @Test(arguments: [
        #"{"value":"u9"}"#,
        #"[{"value":"u9"}]"#,
        #""u9""#,
    ])
    func acceptsManagerAsObjectArrayOrId(manager: String) throws {
        let result = try PatchFixture.patch(
            PatchFixture.user,
            #"[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":\#(manager)}]"#)
        #expect(result.at(PatchFixture.enterpriseURN, "manager") == PatchFixture.value(#"{"value":"u9"}"#))
    }

    @Test func rejectsAManagerArrayOfSeveral() {
        let error = PatchFixture.failure(
            PatchFixture.user,
            #"[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":[{"value":"a"},{"value":"b"}]}]"#
        )
        #expect(error?.scimType == "invalidValue")
    }

    /// RFC 7643 §2.2: read-only sub-attributes sent in a value are ignored rather than stored.
    @Test func dropsReadOnlyAndNullSubAttributesFromValues() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user,
            #"""
            [{"op":"add","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"u9","displayName":"Bo","$ref":null}}}}]
            """#)
        #expect(result.at(PatchFixture.enterpriseURN, "manager") == PatchFixture.value(#"{"value":"u9"}"#))
    }

    @Test func storesEmptyStringsAsSent() throws {
        let result = try PatchFixture.patch(PatchFixture.user, #"[{"op":"add","path":"name.givenName","value":""}]"#)
        #expect(result.at("name", "givenName") == .string(""))
    }

    @Test func wrapsASingleElementForAMultiValuedAttribute() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user, #"[{"op":"replace","path":"phoneNumbers","value":{"value":"+1","type":"work"}}]"#)
        #expect(result["phoneNumbers"] == PatchFixture.value(#"[{"value":"+1","type":"work"}]"#))
    }
}
