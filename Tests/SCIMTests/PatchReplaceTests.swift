import JSON
import SCIM
import Testing

@Suite struct PatchReplaceTests {
    @Test func setsSingleValuedAttributeKeepingKeySpelling() throws {
        var user = PatchFixture.user
        user["username"] = user["userName"]
        user["userName"] = nil
        let result = try PatchFixture.patch(user, #"[{"op":"replace","path":"userName","value":"ann@new.example"}]"#)
        #expect(result["username"] == .string("ann@new.example"))
        #expect(result.keys.filter { $0.caseInsensitiveEquals("userName") }.count == 1)
    }

    @Test func replacesTheWholeMultiValuedArray() throws {
        let result = try PatchFixture.patch(
            PatchFixture.group, #"[{"op":"replace","path":"members","value":[{"value":"u9"}]}]"#, engine: PatchFixture.groupEngine
        )
        #expect(result["members"] == PatchFixture.value(#"[{"value":"u9"}]"#))
    }

    @Test func setsSubAttributeLeavingSiblings() throws {
        let result = try PatchFixture.patch(PatchFixture.user, #"[{"op":"replace","path":"name.familyName","value":"Park"}]"#)
        #expect(result.at("name") == PatchFixture.value(#"{"givenName":"Ann","familyName":"Park"}"#))
    }

    /// RFC 7644 §3.5.2.3: sub-attributes not named in a complex value are left unchanged.
    @Test func mergesAComplexValue() throws {
        let result = try PatchFixture.patch(PatchFixture.user, #"[{"op":"replace","path":"name","value":{"familyName":"Park"}}]"#)
        #expect(result.at("name") == PatchFixture.value(#"{"givenName":"Ann","familyName":"Park"}"#))
    }

    @Test func setsURNQualifiedExtensionAttribute() throws {
        var user = PatchFixture.user
        user[PatchFixture.enterpriseURN] = PatchFixture.value(#"{"department":"Ops"}"#)
        let result = try PatchFixture.patch(
            user,
            #"[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"R&D"}]"#)
        #expect(result.at(PatchFixture.enterpriseURN, "department") == .string("R&D"))
    }

    @Test func replacesSubAttributeOfMatchingElementsOnly() throws {
        var user = PatchFixture.user
        user["emails"] = PatchFixture.value(#"[{"value":"a@w","type":"work"},{"value":"a@h","type":"home"}]"#)
        let result = try PatchFixture.patch(user, #"[{"op":"replace","path":"emails[type eq \"home\"].value","value":"b@h"}]"#)
        #expect(result["emails"] == PatchFixture.value(#"[{"value":"a@w","type":"work"},{"value":"b@h","type":"home"}]"#))
    }

    @Test func mergesValueIntoMatchingElementsWithoutSubAttribute() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user, #"[{"op":"replace","path":"emails[primary eq true]","value":{"value":"z@x","primary":false}}]"#)
        #expect(result["emails"] == PatchFixture.value(#"[{"value":"z@x","type":"work","primary":false}]"#))
    }

    @Test func appliesEachKeyOfANoPathValue() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user,
            #"""
            [{"op":"replace","value":{"displayName":"Ann L","name.givenName":"Anne",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"9"}}]
            """#)
        #expect(result["displayName"] == .string("Ann L"))
        #expect(result.at("name", "givenName") == .string("Anne"))
        #expect(result.at(PatchFixture.enterpriseURN, "employeeNumber") == .string("9"))
    }

    @Test func nullValueRemovesTheAttribute() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user, #"[{"op":"replace","path":"name.givenName","value":null},{"op":"add","value":{"active":null}}]"#)
        #expect(result.at("name") == PatchFixture.value(#"{"familyName":"Lee"}"#))
        #expect(result["active"] == nil)
    }
}
